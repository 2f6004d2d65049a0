// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.CheckId;

/**
 * The check IDs of protocol-cmt, as listed in spec/cmt.md §6 and spec/checks.md.
 */
public final class CmtChecks {
  /** M = 2^b with 2 &lt;= b &lt;= 64 (spec/cmt.md §1.2). */
  public static final CheckId CMT_P_01 = CheckId.of("CMT-P-01");
  /** 2 &lt;= m_min &lt;= n_max (spec/cmt.md §1.2). */
  public static final CheckId CMT_P_02 = CheckId.of("CMT-P-02");
  /** At least one discovery attempt (spec/cmt.md §1.2). */
  public static final CheckId CMT_P_03 = CheckId.of("CMT-P-03");
  /** The round window is at least 1 (spec/cmt.md §1.2). */
  public static final CheckId CMT_P_04 = CheckId.of("CMT-P-04");
  /** A master secret is 32 bytes (spec/cmt.md §1.2). */
  public static final CheckId CMT_P_05 = CheckId.of("CMT-P-05");

  /** A token list's count is bounded by the bytes left (spec/cmt.md §4.2). */
  public static final CheckId CMT_E_01 = CheckId.of("CMT-E-01");
  /** A token list repeats no token (spec/cmt.md §4.2). */
  public static final CheckId CMT_E_02 = CheckId.of("CMT-E-02");
  /** A flag byte is 0 or 1 and a ring size at least 1 (spec/cmt.md §4.2). */
  public static final CheckId CMT_E_03 = CheckId.of("CMT-E-03");

  /** A licence request comes from an identity the supplier enrolled (spec/cmt.md §3.1). */
  public static final CheckId CMT_V_01 = CheckId.of("CMT-V-01");
  /**
   * A licence is for the sender, its device key and the group, and a discovery carries one
   * (spec/cmt.md §3.1, §3.2).
   */
  public static final CheckId CMT_V_02 = CheckId.of("CMT-V-02");
  /** The token belongs to the group (spec/cmt.md §3.4, §3.6). */
  public static final CheckId CMT_V_03 = CheckId.of("CMT-V-03");
  /** A token contributes at most once per round or epoch (spec/cmt.md §3.4, §3.6). */
  public static final CheckId CMT_V_04 = CheckId.of("CMT-V-04");
  /** A delta comes from the predecessor (spec/cmt.md §3.6). */
  public static final CheckId CMT_V_05 = CheckId.of("CMT-V-05");
  /** A value mod M is below M (spec/cmt.md §4.2). */
  public static final CheckId CMT_V_06 = CheckId.of("CMT-V-06");
  /** A group key has at least m_min tokens and a matching count (spec/cmt.md §3.4, §3.12). */
  public static final CheckId CMT_V_07 = CheckId.of("CMT-V-07");
  /** An LC-only message comes from the meter's LC (spec/cmt.md §5.1). */
  public static final CheckId CMT_V_08 = CheckId.of("CMT-V-08");
  /** The envelope's group is the party's group (spec/cmt.md §3). */
  public static final CheckId CMT_V_09 = CheckId.of("CMT-V-09");
  /**
   * A message naming a ring or reading token is sent under that token (spec/cmt.md §3.6, §3.8,
   * §3.9, §11.2).
   */
  public static final CheckId CMT_V_10 = CheckId.of("CMT-V-10");
  /**
   * A message other than a licence request is a licensed frame (or, for a ciphertext, a MACed
   * one): a key that is only an enrolment anchor authorises nothing else (spec/cmt.md §11.1).
   */
  public static final CheckId CMT_V_11 = CheckId.of("CMT-V-11");
  /**
   * The identity, device key or licence is not revoked, and a carried licence is the supplier's
   * current licence of its identity (spec/cmt.md §3.13).
   */
  public static final CheckId CMT_V_12 = CheckId.of("CMT-V-12");
  /**
   * The licence has not expired at the supplier's round; renewal is the supplier's decision
   * (spec/cmt.md §3.13).
   */
  public static final CheckId CMT_V_13 = CheckId.of("CMT-V-13");
  /**
   * A merge or forwarded hand-over names its sender as an LC smaller than the receiver
   * (spec/cmt.md §3.2 step 4, §11.1).
   */
  public static final CheckId CMT_V_14 = CheckId.of("CMT-V-14");
  /**
   * An identity registers one ring token per epoch at the LC (spec/cmt.md §3.3 step 3, §3.4
   * step 1).
   */
  public static final CheckId CMT_V_15 = CheckId.of("CMT-V-15");

  /** The message is valid in the current phase (spec/cmt.md §5). */
  public static final CheckId CMT_S_01 = CheckId.of("CMT-S-01");
  /** The key epoch is current (spec/cmt.md §3.4, §3.6). */
  public static final CheckId CMT_S_02 = CheckId.of("CMT-S-02");
  /** The round is open and not completed (spec/cmt.md §3.6, §3.7). */
  public static final CheckId CMT_S_03 = CheckId.of("CMT-S-03");
  /** The message was not processed before (spec/cmt.md §3.4, §3.6). */
  public static final CheckId CMT_S_04 = CheckId.of("CMT-S-04");
  /** The round is within the window (spec/cmt.md §3.6). */
  public static final CheckId CMT_S_05 = CheckId.of("CMT-S-05");
  /** An LC-only message reaches the LC (spec/cmt.md §5.1). */
  public static final CheckId CMT_S_06 = CheckId.of("CMT-S-06");
  /**
   * A group key's epoch is at most E_jump above the supplier's epoch floor (spec/cmt.md §3.4
   * step 5).
   */
  public static final CheckId CMT_S_07 = CheckId.of("CMT-S-07");

  private CmtChecks() {}
}
