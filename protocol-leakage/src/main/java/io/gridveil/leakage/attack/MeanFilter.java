// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;

/**
 * The linear mean filter attack (spec/leakage.md §4.1, seed 002 eq. (6)): x'[j] is the mean of
 * d[k] over the window |k - j| &lt;= L clipped to the trace, so every output is a mean of at most
 * 2L + 1 samples with equal weights.
 */
public final class MeanFilter {
  private MeanFilter() {}

  /**
   * Filters a trace in O(T) with a running sum.
   *
   * @param trace d, watts per interval
   * @param halfWidth L &gt;= 0; the window has 2L + 1 samples
   * @return the filtered trace x', same length
   * @throws IllegalParameterException LEAK-P-08 if L &lt; 0; LEAK-P-10 if the trace is empty or
   *     not finite
   */
  public static double[] apply(double[] trace, int halfWidth) {
    Require.that(halfWidth >= 0, LeakageChecks.LEAK_P_08, "L must be non-negative");
    Require.trace(trace, "trace");
    int n = trace.length;
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + trace[i];
    }
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      int lo = Math.max(0, j - halfWidth);
      int hi = Math.min(n - 1, j + halfWidth);
      // Sum directly for short windows so that a constant trace maps to itself exactly.
      if (hi - lo < 64) {
        double s = 0;
        for (int k = lo; k <= hi; k++) {
          s += trace[k];
        }
        out[j] = s / (hi - lo + 1);
      } else {
        out[j] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
      }
    }
    return out;
  }
}
