// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.internal.Require;

/** Distances between traces (spec/leakage.md §5.1). */
public final class TraceMetrics {
  private TraceMetrics() {}

  /**
   * Returns the mean squared error (1/T) sum_j (a[j] - b[j])^2, in watts squared.
   *
   * @param a the first trace
   * @param b the second trace, same length
   * @return the MSE
   * @throws IllegalParameterException LEAK-P-10 if a trace is empty or not finite, or the lengths
   *     differ
   */
  public static double mse(double[] a, double[] b) {
    Require.sameLength(a, b);
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return s / a.length;
  }
}
