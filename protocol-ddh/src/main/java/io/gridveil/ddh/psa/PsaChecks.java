// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.CheckId;

/**
 * The check IDs of PSA (spec/ddh.md §7, listed in spec/checks.md).
 */
public final class PsaChecks {
  /** The discrete-log search width is at most 2^40 (spec/ddh.md §7.1). */
  public static final CheckId PSA_P_01 = CheckId.of("PSA-P-01");
  /** The dealer deals to, and the aggregator serves, 2 to n_max meters (spec/ddh.md §7.1). */
  public static final CheckId PSA_P_02 = CheckId.of("PSA-P-02");

  /** A ciphertext is a 33-byte SEC1 compressed point with prefix 02 or 03 (spec/ddh.md §7.5). */
  public static final CheckId PSA_E_01 = CheckId.of("PSA-E-01");

  /** A ciphertext's x is below p and on P-256 (spec/ddh.md §7.5). */
  public static final CheckId PSA_V_01 = CheckId.of("PSA-V-01");
  /** A ciphertext is not the identity (spec/ddh.md §7.5). */
  public static final CheckId PSA_V_02 = CheckId.of("PSA-V-02");
  /** A contribution is a licensed frame whose verified principal is a member (spec/ddh.md §7.5, §10.6). */
  public static final CheckId PSA_V_03 = CheckId.of("PSA-V-03");

  /** At most one contribution per meter and round (spec/ddh.md §7.4). */
  public static final CheckId PSA_S_01 = CheckId.of("PSA-S-01");
  /** No contribution for a closed round (spec/ddh.md §7.4). */
  public static final CheckId PSA_S_02 = CheckId.of("PSA-S-02");
  /** A meter encrypts at most once per round, in increasing rounds (spec/ddh.md §7.3). */
  public static final CheckId PSA_S_03 = CheckId.of("PSA-S-03");

  private PsaChecks() {}
}
