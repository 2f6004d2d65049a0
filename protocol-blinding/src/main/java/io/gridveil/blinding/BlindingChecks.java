// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.CheckId;

/** The check IDs of protocol-blinding, spec/blinding.md §6 and spec/checks.md. */
public final class BlindingChecks {
  /** The key size is 2048 or 3072 bits (spec/blinding.md §1.3). */
  public static final CheckId BLND_P_01 = CheckId.of("BLND-P-01");
  /** A group has 2 to n_max distinct meters (spec/blinding.md §4.1). */
  public static final CheckId BLND_P_02 = CheckId.of("BLND-P-02");
  /** Primes given for a private key are distinct probable primes of k/2 bits (spec/blinding.md §2.1). */
  public static final CheckId BLND_P_03 = CheckId.of("BLND-P-03");

  /** A ciphertext is in Z*_{N^2} (spec/blinding.md §2.7). */
  public static final CheckId BLND_V_01 = CheckId.of("BLND-V-01");
  /** A message is for this party's group (spec/blinding.md §4.3). */
  public static final CheckId BLND_V_02 = CheckId.of("BLND-V-02");
  /** A message comes from the expected sender (spec/blinding.md §4.3). */
  public static final CheckId BLND_V_03 = CheckId.of("BLND-V-03");
  /** A message's key size is the group's (spec/blinding.md §4.3). */
  public static final CheckId BLND_V_04 = CheckId.of("BLND-V-04");
  /** An aggregate's counts are consistent with the group (spec/blinding.md §4.4). */
  public static final CheckId BLND_V_05 = CheckId.of("BLND-V-05");
  /** A recovery request names a valid missing set (spec/blinding.md §4.5). */
  public static final CheckId BLND_V_06 = CheckId.of("BLND-V-06");
  /** A recovery release matches the pending request (spec/blinding.md §4.3). */
  public static final CheckId BLND_V_07 = CheckId.of("BLND-V-07");
  /** Received key material is well formed (spec/blinding.md §2.3, §4.4). */
  public static final CheckId BLND_V_08 = CheckId.of("BLND-V-08");
  /** A received index or group size is in range (spec/blinding.md §4.2). */
  public static final CheckId BLND_V_09 = CheckId.of("BLND-V-09");

  /** One contribution per meter and round (spec/blinding.md §4.3). */
  public static final CheckId BLND_S_01 = CheckId.of("BLND-S-01");
  /** No contribution for a closed round (spec/blinding.md §4.3, §4.5). */
  public static final CheckId BLND_S_02 = CheckId.of("BLND-S-02");
  /** A meter encrypts once per round, in increasing rounds (spec/blinding.md §4.2). */
  public static final CheckId BLND_S_03 = CheckId.of("BLND-S-03");
  /** No round input before setup (spec/blinding.md §4.2). */
  public static final CheckId BLND_S_04 = CheckId.of("BLND-S-04");
  /** Setup at most once (spec/blinding.md §4.1). */
  public static final CheckId BLND_S_05 = CheckId.of("BLND-S-05");
  /** Recovery at most once per round, only for a round awaiting it (spec/blinding.md §4.5). */
  public static final CheckId BLND_S_06 = CheckId.of("BLND-S-06");
  /** A decided round is not decided again (spec/blinding.md §4.4). */
  public static final CheckId BLND_S_07 = CheckId.of("BLND-S-07");

  /** The key-size field is 2048 or 3072 (spec/blinding.md §5.1). */
  public static final CheckId BLND_E_01 = CheckId.of("BLND-E-01");
  /** A list length is within its bound (spec/blinding.md §5.1). */
  public static final CheckId BLND_E_02 = CheckId.of("BLND-E-02");

  private BlindingChecks() {}
}
