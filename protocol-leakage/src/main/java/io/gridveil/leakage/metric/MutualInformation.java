// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Bins;
import io.gridveil.leakage.internal.Require;

/**
 * The binned mutual-information estimate between a reading and a view (spec/leakage.md §5.4),
 * in nats.
 *
 * <p>Each variable is binned into k equal-width bins over its sample range; with N pairs and
 * m_X, m_Y, m_XY the numbers of non-empty marginal and joint bins, the plug-in estimate
 * I = H(X) + H(Y) - H(X, Y) of the empirical entropies is corrected by Miller-Madow:
 * I_MM = I + (m_X - 1 + m_Y - 1 - (m_XY - 1)) / (2N). For jointly Gaussian data with correlation
 * rho the true value is -1/2 ln(1 - rho^2) ({@link #gaussian(double)}).
 */
public final class MutualInformation {
  private MutualInformation() {}

  /**
   * Returns the Miller-Madow corrected estimate.
   *
   * @param x the readings
   * @param y the views (for example distorted readings), same length
   * @param bins k per variable, at least 2
   * @return the estimate in nats (may be slightly negative for independent data)
   * @throws IllegalParameterException LEAK-P-07 if k &lt; 2; LEAK-P-10 if the samples are empty,
   *     not finite or of different lengths
   */
  public static double millerMadow(double[] x, double[] y, int bins) {
    return estimate(x, y, bins, true);
  }

  /**
   * Returns the plug-in (uncorrected) estimate, biased upwards by about
   * (k - 1)^2 / (2N) for independent data.
   *
   * @param x the readings
   * @param y the views, same length
   * @param bins k per variable, at least 2
   * @return the estimate in nats
   * @throws IllegalParameterException LEAK-P-07 or LEAK-P-10
   */
  public static double plugIn(double[] x, double[] y, int bins) {
    return estimate(x, y, bins, false);
  }

  /**
   * Returns the mutual information of two jointly Gaussian variables with correlation rho:
   * -1/2 ln(1 - rho^2) nats. For X and V = X + N with variances s_x^2 and s^2, rho^2 =
   * s_x^2 / (s_x^2 + s^2), so I = 1/2 ln(1 + s_x^2 / s^2).
   *
   * @param rho the correlation, |rho| &lt; 1
   * @return I in nats
   * @throws IllegalArgumentException if |rho| &gt;= 1
   */
  public static double gaussian(double rho) {
    if (!(Math.abs(rho) < 1)) {
      throw new IllegalArgumentException("|rho| must be below 1");
    }
    return -0.5 * Math.log1p(-rho * rho);
  }

  private static double estimate(double[] x, double[] y, int k, boolean corrected) {
    Require.that(k >= 2, LeakageChecks.LEAK_P_07, "at least 2 bins");
    Require.sameLength(x, y);
    int n = x.length;
    int[] bx = binned(x, k);
    int[] by = binned(y, k);
    long[] cx = new long[k];
    long[] cy = new long[k];
    long[] cxy = new long[k * k];
    for (int i = 0; i < n; i++) {
      cx[bx[i]]++;
      cy[by[i]]++;
      cxy[bx[i] * k + by[i]]++;
    }
    double hx = entropy(cx, n);
    double hy = entropy(cy, n);
    double hxy = entropy(cxy, n);
    double mi = hx + hy - hxy;
    if (corrected) {
      mi += (nonEmpty(cx) - 1 + nonEmpty(cy) - 1 - (nonEmpty(cxy) - 1)) / (2.0 * n);
    }
    return mi;
  }

  private static int[] binned(double[] v, int k) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return Bins.equalWidth(v, lo, hi, k);
  }

  private static double entropy(long[] counts, int n) {
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  private static int nonEmpty(long[] counts) {
    int m = 0;
    for (long c : counts) {
      if (c > 0) {
        m++;
      }
    }
    return m;
  }
}
