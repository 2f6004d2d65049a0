// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;

/**
 * The 1-D non-local means filter attack (spec/leakage.md §4.2; seed 002 eq. (9), (10)):
 * x'[j] = sum_k w(j, k) d[k] over the search window |k - j| &lt;= R, with
 * w(j, k) = exp(-max(dist(j, k) - 2 sigma^2, 0) / h^2) / Z(j), where dist(j, k) is the mean of
 * (d[j + o] - d[k + o])^2 over the patch offsets |o| &lt;= P for which both indices lie in the
 * trace, and Z(j) normalises the weights to sum to 1.
 *
 * @param patchHalfWidth P &gt;= 0; patches have 2P + 1 samples
 * @param searchHalfWidth R &gt;= 0; the search window has 2R + 1 samples
 * @param h the decay parameter, watts, positive
 * @param noiseSigma sigma, the noise standard deviation the attacker assumes, watts, &gt;= 0
 *     (0 for the plain filter)
 */
public record NonLocalMeans(int patchHalfWidth, int searchHalfWidth, double h, double noiseSigma) {
  /**
   * Validates the parameters.
   *
   * @param patchHalfWidth P &gt;= 0; patches have 2P + 1 samples
   * @param searchHalfWidth R &gt;= 0; the search window has 2R + 1 samples
   * @param h the decay parameter, watts, positive
   * @param noiseSigma sigma, the noise standard deviation the attacker assumes, watts, &gt;= 0
   *     (0 for the plain filter)
   * @throws IllegalParameterException LEAK-P-08 if a parameter is out of range
   */
  public NonLocalMeans {
    Require.that(
        patchHalfWidth >= 0 && searchHalfWidth >= 0,
        LeakageChecks.LEAK_P_08,
        "P and R must be non-negative");
    Require.that(h > 0 && Double.isFinite(h), LeakageChecks.LEAK_P_08, "h must be positive");
    Require.that(
        noiseSigma >= 0 && Double.isFinite(noiseSigma),
        LeakageChecks.LEAK_P_08,
        "sigma must be non-negative");
  }

  /**
   * Filters a trace in O(T (2R + 1) (2P + 1)).
   *
   * @param trace d, watts per interval
   * @return the filtered trace x', same length
   * @throws IllegalParameterException LEAK-P-10 if the trace is empty or not finite
   */
  public double[] apply(double[] trace) {
    Require.trace(trace, "trace");
    int n = trace.length;
    double h2 = h * h;
    double shift = 2 * noiseSigma * noiseSigma;
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      double num = 0;
      double z = 0;
      int lo = Math.max(0, j - searchHalfWidth);
      int hi = Math.min(n - 1, j + searchHalfWidth);
      for (int k = lo; k <= hi; k++) {
        double w = Math.exp(-Math.max(distance(trace, j, k) - shift, 0) / h2);
        num += w * trace[k];
        z += w;
      }
      // k = j has distance 0, so z >= exp(0) = 1 > 0.
      out[j] = num / z;
    }
    return out;
  }

  private double distance(double[] d, int j, int k) {
    double s = 0;
    int count = 0;
    for (int o = -patchHalfWidth; o <= patchHalfWidth; o++) {
      int a = j + o;
      int b = k + o;
      if (a >= 0 && b >= 0 && a < d.length && b < d.length) {
        double diff = d[a] - d[b];
        s += diff * diff;
        count++;
      }
    }
    return s / count;
  }
}
