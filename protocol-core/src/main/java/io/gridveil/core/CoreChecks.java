// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * The check IDs of protocol-core, as listed in spec/checks.md.
 *
 * <p>Implements the check table of spec/core.md §7 and spec/encoding.md §5.
 */
public final class CoreChecks {
  /** n_max is at least 2 (spec/core.md §2.3). */
  public static final CheckId CORE_P_01 = CheckId.of("CORE-P-01");
  /** t_max is at least 1 (spec/core.md §2.3). */
  public static final CheckId CORE_P_02 = CheckId.of("CORE-P-02");
  /** The modulus is at least 2 (spec/core.md §2.3). */
  public static final CheckId CORE_P_03 = CheckId.of("CORE-P-03");
  /** Unsigned readings: n_max * t_max &lt; M (spec/core.md §2.3). */
  public static final CheckId CORE_P_04 = CheckId.of("CORE-P-04");
  /** Signed readings: 2 * n_max * t_max &lt; M (spec/core.md §2.3). */
  public static final CheckId CORE_P_05 = CheckId.of("CORE-P-05");
  /** n_max * t_max fits in a signed 64-bit integer (spec/core.md §2.3). */
  public static final CheckId CORE_P_06 = CheckId.of("CORE-P-06");

  /** A reading is at most t_max in absolute value (spec/core.md §2.4). */
  public static final CheckId CORE_R_01 = CheckId.of("CORE-R-01");
  /** A negative reading needs signed parameters (spec/core.md §2.4). */
  public static final CheckId CORE_R_02 = CheckId.of("CORE-R-02");
  /** A reading's unit is the parameters' unit (spec/core.md §2.4). */
  public static final CheckId CORE_R_03 = CheckId.of("CORE-R-03");

  /** The frame version is supported (spec/encoding.md §2). */
  public static final CheckId CORE_E_01 = CheckId.of("CORE-E-01");
  /** The protocol ID is known and matches the codec (spec/encoding.md §2). */
  public static final CheckId CORE_E_02 = CheckId.of("CORE-E-02");
  /** The message type is known to the protocol (spec/encoding.md §2). */
  public static final CheckId CORE_E_03 = CheckId.of("CORE-E-03");
  /** A field does not run past the end of the input (spec/encoding.md §3). */
  public static final CheckId CORE_E_04 = CheckId.of("CORE-E-04");
  /** A length prefix is within the field's bound (spec/encoding.md §3). */
  public static final CheckId CORE_E_05 = CheckId.of("CORE-E-05");
  /** No bytes follow the last field (spec/encoding.md §3). */
  public static final CheckId CORE_E_06 = CheckId.of("CORE-E-06");
  /** A field's value is in its domain (spec/encoding.md §3). */
  public static final CheckId CORE_E_07 = CheckId.of("CORE-E-07");
  /** The frame is at most the maximum frame size (spec/encoding.md §2). */
  public static final CheckId CORE_E_08 = CheckId.of("CORE-E-08");

  private CoreChecks() {}
}
