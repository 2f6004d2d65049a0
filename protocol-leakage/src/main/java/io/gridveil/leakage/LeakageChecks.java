// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage;

import io.gridveil.core.CheckId;

/**
 * The check IDs of protocol-leakage, as listed in spec/checks.md.
 *
 * <p>Implements the check table of spec/leakage.md §8. All of them are caller-configuration
 * checks: this module consumes no input from outside.
 */
public final class LeakageChecks {
  /** A tape draw's bound is at most 2^16 (spec/leakage.md §2.2). */
  public static final CheckId LEAK_P_01 = CheckId.of("LEAK-P-01");
  /** An exact check enumerates at most its execution cap (spec/leakage.md §2.5). */
  public static final CheckId LEAK_P_02 = CheckId.of("LEAK-P-02");
  /** A view element has value equality: no arrays, no nulls (spec/leakage.md §2.1). */
  public static final CheckId LEAK_P_03 = CheckId.of("LEAK-P-03");
  /** The execution cap is at least 1 (spec/leakage.md §2.5). */
  public static final CheckId LEAK_P_04 = CheckId.of("LEAK-P-04");
  /** A significance level alpha lies strictly between 0 and 1 (spec/leakage.md §3.2). */
  public static final CheckId LEAK_P_05 = CheckId.of("LEAK-P-05");
  /** A statistical test has enough samples for its approximation (spec/leakage.md §3.3). */
  public static final CheckId LEAK_P_06 = CheckId.of("LEAK-P-06");
  /** Binning: at least 2 bins over a non-empty range (spec/leakage.md §3.2). */
  public static final CheckId LEAK_P_07 = CheckId.of("LEAK-P-07");
  /** Filter parameters: L, P, R &gt;= 0, h &gt; 0, sigma &gt;= 0 (spec/leakage.md §4). */
  public static final CheckId LEAK_P_08 = CheckId.of("LEAK-P-08");
  /** NILM parameters: theta &gt; 0, tau &gt;= 0, epsilon &gt;= 0 (spec/leakage.md §5.2). */
  public static final CheckId LEAK_P_09 = CheckId.of("LEAK-P-09");
  /** Traces are non-empty, finite and of equal length where compared (spec/leakage.md §1.2). */
  public static final CheckId LEAK_P_10 = CheckId.of("LEAK-P-10");
  /** Membership policy: minimum group size &gt;= 2, change batch &gt;= 1 (spec/leakage.md §6.1). */
  public static final CheckId LEAK_P_11 = CheckId.of("LEAK-P-11");
  /** Group observations are consistent with integer readings (spec/leakage.md §6.1). */
  public static final CheckId LEAK_P_12 = CheckId.of("LEAK-P-12");
  /** Tariff and bill: prices, t_max and bill in range (spec/leakage.md §6.2). */
  public static final CheckId LEAK_P_13 = CheckId.of("LEAK-P-13");
  /** Battery parameters and interval length in range (spec/leakage.md §7). */
  public static final CheckId LEAK_P_14 = CheckId.of("LEAK-P-14");
  /** The view function is deterministic given its tape (spec/leakage.md §2.3). */
  public static final CheckId LEAK_S_01 = CheckId.of("LEAK-S-01");

  private LeakageChecks() {}
}
