// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.CheckId;

/** The check IDs of spec/auth.md §9, as listed in spec/checks.md. */
public final class AuthChecks {
  /** A signature does not verify (spec/auth.md §3.2). */
  public static final CheckId AUTH_V_01 = CheckId.of("AUTH-V-01");
  /** The key ID is not a trust anchor or licensed key (spec/auth.md §4). */
  public static final CheckId AUTH_V_02 = CheckId.of("AUTH-V-02");
  /** The key is not accepted at the verifier's current round (spec/auth.md §4.2). */
  public static final CheckId AUTH_V_03 = CheckId.of("AUTH-V-03");
  /** A reading MAC does not verify (spec/auth.md §6.3). */
  public static final CheckId AUTH_V_04 = CheckId.of("AUTH-V-04");
  /** The token is not registered with the verifier (spec/auth.md §6.2). */
  public static final CheckId AUTH_V_05 = CheckId.of("AUTH-V-05");
  /** The authenticated principal is not the envelope's sender (spec/auth.md §3.3). */
  public static final CheckId AUTH_V_06 = CheckId.of("AUTH-V-06");
  /** The envelope belongs to another group (spec/auth.md §3.3). */
  public static final CheckId AUTH_V_07 = CheckId.of("AUTH-V-07");
  /** The sequence number was already accepted: a duplicate or replay (spec/auth.md §7). */
  public static final CheckId AUTH_V_08 = CheckId.of("AUTH-V-08");
  /** The sequence number is older than the replay window (spec/auth.md §7). */
  public static final CheckId AUTH_V_09 = CheckId.of("AUTH-V-09");
  /** The licence is not valid at the current round (spec/auth.md §5.2). */
  public static final CheckId AUTH_V_10 = CheckId.of("AUTH-V-10");
  /** The licence is revoked (spec/auth.md §5.3). */
  public static final CheckId AUTH_V_11 = CheckId.of("AUTH-V-11");
  /** A revocation list is not newer than the one held (spec/auth.md §5.3). */
  public static final CheckId AUTH_V_12 = CheckId.of("AUTH-V-12");
  /** The envelope is addressed to another party (spec/auth.md §3.3). */
  public static final CheckId AUTH_V_13 = CheckId.of("AUTH-V-13");
  /** An X25519 public key yields the all-zero shared secret (small order) (spec/auth.md §6.2). */
  public static final CheckId AUTH_V_14 = CheckId.of("AUTH-V-14");
  /** The authentication wrapper's kind is unknown (spec/auth.md §3.1). */
  public static final CheckId AUTH_E_01 = CheckId.of("AUTH-E-01");

  private AuthChecks() {}
}
