// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.internal;

import io.gridveil.core.CheckId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;

/** Argument checks shared by the leakage packages, each throwing its check ID. */
public final class Require {
  private Require() {}

  /**
   * Throws unless the condition holds.
   *
   * @param condition the condition
   * @param id the check
   * @param detail the precondition, without secret values
   * @throws IllegalParameterException with the check ID if the condition is false
   */
  public static void that(boolean condition, CheckId id, String detail) {
    if (!condition) {
      throw new IllegalParameterException(id, detail);
    }
  }

  /**
   * Checks a significance level (LEAK-P-05).
   *
   * @param alpha the level
   * @throws IllegalParameterException LEAK-P-05 unless 0 &lt; alpha &lt; 1
   */
  public static void alpha(double alpha) {
    that(alpha > 0 && alpha < 1, LeakageChecks.LEAK_P_05, "alpha must be in (0, 1)");
  }

  /**
   * Checks a trace: non-empty, every value finite (LEAK-P-10).
   *
   * @param trace the trace
   * @param name the parameter's name
   * @throws IllegalParameterException LEAK-P-10 if the trace is empty or has a non-finite value
   */
  public static void trace(double[] trace, String name) {
    that(trace.length > 0, LeakageChecks.LEAK_P_10, name + " must not be empty");
    for (double v : trace) {
      that(Double.isFinite(v), LeakageChecks.LEAK_P_10, name + " must be finite");
    }
  }

  /**
   * Checks two traces of equal length (LEAK-P-10).
   *
   * @param a the first trace
   * @param b the second trace
   * @throws IllegalParameterException LEAK-P-10 if either is invalid or the lengths differ
   */
  public static void sameLength(double[] a, double[] b) {
    trace(a, "first trace");
    trace(b, "second trace");
    that(a.length == b.length, LeakageChecks.LEAK_P_10, "traces must have equal length");
  }
}
