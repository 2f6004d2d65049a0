// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage;

import io.gridveil.core.CheckId;

/**
 * The check IDs of protocol-leakage, as listed in spec/checks/leakage.md.
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
  /** The view function is deterministic given its tape (spec/leakage.md §2.3). */
  public static final CheckId LEAK_S_01 = CheckId.of("LEAK-S-01");

  private LeakageChecks() {}
}
