// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.CheckId;

/**
 * The check IDs of EDAT (spec/ddh.md §5, listed in spec/checks.md).
 */
public final class DdhChecks {
  /** The modulus is M = 2^b with 1 &lt;= b &lt;= 64 (spec/ddh.md §1.3). */
  public static final CheckId DDH_P_01 = CheckId.of("DDH-P-01");
  /** n_max is at least 3 (spec/ddh.md §1.3). */
  public static final CheckId DDH_P_02 = CheckId.of("DDH-P-02");
  /** The minimum number of contributors is in [2, n_max] (spec/ddh.md §1.3). */
  public static final CheckId DDH_P_03 = CheckId.of("DDH-P-03");
  /** A roster built by the supplier has 3 to n_max distinct members with distinct keys (spec/ddh.md §2.3). */
  public static final CheckId DDH_P_04 = CheckId.of("DDH-P-04");

  /** An X25519 public key is a canonical encoding: u &lt; 2^255 - 19 (spec/ddh.md §2.2). */
  public static final CheckId DDH_E_01 = CheckId.of("DDH-E-01");
  /** A position list is strictly increasing (spec/ddh.md §4). */
  public static final CheckId DDH_E_02 = CheckId.of("DDH-E-02");

  /** An X25519 public key is a point of the curve, not of its twist (spec/ddh.md §2.2). */
  public static final CheckId DDH_V_01 = CheckId.of("DDH-V-01");
  /** An X25519 public key is not of small order (spec/ddh.md §2.2). */
  public static final CheckId DDH_V_02 = CheckId.of("DDH-V-02");
  /** The roster's Ed25519 signature verifies under the supplier's key (spec/ddh.md §2.3). */
  public static final CheckId DDH_V_03 = CheckId.of("DDH-V-03");
  /** A received roster is for this group, has 3 to n_max members, distinct IDs and keys (spec/ddh.md §2.3). */
  public static final CheckId DDH_V_04 = CheckId.of("DDH-V-04");
  /** The roster lists this party with its own public key (spec/ddh.md §2.3). */
  public static final CheckId DDH_V_05 = CheckId.of("DDH-V-05");
  /**
   * The verified principal of a message is the role the message table names, and a meter's
   * message is a licensed frame of a roster member (spec/ddh.md §4, §10.2).
   */
  public static final CheckId DDH_V_06 = CheckId.of("DDH-V-06");
  /** A value of Z_M (ciphertext, sum, pad) is below M (spec/ddh.md §4). */
  public static final CheckId DDH_V_07 = CheckId.of("DDH-V-07");
  /** A pad reveal comes from the present ring neighbour that the recovery plan names (spec/ddh.md §3.4). */
  public static final CheckId DDH_V_08 = CheckId.of("DDH-V-08");
  /** A pad reveal names a meter that did not contribute to the round (spec/ddh.md §3.4). */
  public static final CheckId DDH_V_09 = CheckId.of("DDH-V-09");
  /** A reveal request names a missing ring neighbour and not the meter itself (spec/ddh.md §3.4). */
  public static final CheckId DDH_V_10 = CheckId.of("DDH-V-10");
  /** A meter never reveals both of its ring pads for one round (spec/ddh.md §3.4). */
  public static final CheckId DDH_V_11 = CheckId.of("DDH-V-11");
  // DDH-V-12 is retired: core's AUTH-V-14 is the one rule (spec/runtime.md §9.3); never reused.
  /** Position lists name roster positions below n (spec/ddh.md §4). */
  public static final CheckId DDH_V_13 = CheckId.of("DDH-V-13");

  /** A new roster's version is above the current one (spec/ddh.md §2.4). */
  public static final CheckId DDH_S_01 = CheckId.of("DDH-S-01");
  /** A message carries the current roster version (spec/ddh.md §2.4). */
  public static final CheckId DDH_S_02 = CheckId.of("DDH-S-02");
  /** At most one contribution per meter and round (spec/ddh.md §3.2). */
  public static final CheckId DDH_S_03 = CheckId.of("DDH-S-03");
  /** No contribution or aggregate for a round already closed or decided (spec/ddh.md §3.2, §3.3). */
  public static final CheckId DDH_S_04 = CheckId.of("DDH-S-04");
  /** A meter encrypts at most once per round, in increasing rounds (spec/ddh.md §3.1). */
  public static final CheckId DDH_S_05 = CheckId.of("DDH-S-05");
  /** At most one reveal per missing neighbour and round (spec/ddh.md §3.4). */
  public static final CheckId DDH_S_06 = CheckId.of("DDH-S-06");
  /** A reveal is for a round awaiting recovery (spec/ddh.md §3.4). */
  public static final CheckId DDH_S_07 = CheckId.of("DDH-S-07");
  /** A reveal request is for a round the meter has reached and after its last reveal (spec/ddh.md §3.4). */
  public static final CheckId DDH_S_08 = CheckId.of("DDH-S-08");

  private DdhChecks() {}
}
