// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.internal;

/**
 * The pieces the binned and the per-sample EM share (spec/distortion.md §5.2 to §5.5): the
 * interval-averaged noise mass of one observation under every bin, the stopping statistic and the
 * chi-square threshold.
 */
public final class EmKernel {
  /** Beyond 38.5 standard deviations erfc underflows to 0 in double precision. */
  private static final double CUTOFF = 38.5;

  private EmKernel() {}

  /**
   * Fills a_p = Pr(Y in x - [e_p, e_(p+1))) = Phi((x - mu - e_p)/sigma) -
   * Phi((x - mu - e_(p+1))/sigma) for Y ~ N(mu, sigma^2) and every bin p (spec/distortion.md
   * §5.2), evaluating one erfc per edge on the side of zero where the difference does not cancel.
   *
   * @param x the observation (or observation-bin midpoint)
   * @param mu the noise mean
   * @param sigma the noise standard deviation
   * @param edges e_0 .. e_K, ascending
   * @param tails scratch space of length K + 1
   * @param out the K masses
   * @return the sum of the masses
   */
  public static double likelihoodRow(
      double x, double mu, double sigma, double[] edges, double[] tails, double[] out) {
    int k = out.length;
    double shifted = x - mu;
    for (int p = 0; p <= k; p++) {
      double t = (shifted - edges[p]) / sigma;
      if (t >= CUTOFF) {
        tails[p] = 0.0; // upper tail Q(t) = 0
      } else if (t <= -CUTOFF) {
        tails[p] = -0.0; // lower tail Phi(t) = 0, marked by the sign bit
      } else if (t >= 0) {
        tails[p] = NormalDistribution.upperTail(t);
      } else {
        tails[p] = -NormalDistribution.cdf(t);
      }
    }
    double sum = 0;
    for (int p = 0; p < k; p++) {
      // bin p holds Z in (t_(p+1), t_p]; t decreases with p.
      double hi = tails[p];
      double lo = tails[p + 1];
      boolean hiUpper = isUpper(hi);
      boolean loUpper = isUpper(lo);
      double m;
      if (hiUpper && loUpper) {
        m = lo - hi; // Q(t_(p+1)) - Q(t_p)
      } else if (!hiUpper && !loUpper) {
        m = lo - hi; // Phi(t_p) - Phi(t_(p+1)), both stored negated
      } else {
        m = 1.0 - hi + lo; // hi is an upper tail Q, lo a negated lower tail -Phi
      }
      if (!(m > 0)) {
        m = 0.0;
      }
      out[p] = m;
      sum += m;
    }
    return sum;
  }

  private static boolean isUpper(double v) {
    return Double.doubleToRawLongBits(v) >= 0; // sign bit clear: an upper tail, including +0.0
  }

  /**
   * Returns the stopping statistic X^2 = n sum_p (next_p - prev_p)^2 / prev_p over prev_p &gt; 0
   * (spec/distortion.md §5.5).
   *
   * @param prev pi^(k-1)
   * @param next pi^k
   * @param n the number of observations used
   * @return X^2
   */
  public static double chiSquareChange(double[] prev, double[] next, long n) {
    double s = 0;
    for (int p = 0; p < prev.length; p++) {
      if (prev[p] > 0) {
        double d = next[p] - prev[p];
        s += d * d / prev[p];
      }
    }
    return n * s;
  }

  /**
   * Returns the stopping threshold f * chi^2_(K-1, 0.95) (spec/distortion.md §5.5).
   *
   * @param fraction f
   * @param bins K
   * @return the threshold
   */
  public static double threshold(double fraction, int bins) {
    return fraction == 0 ? 0.0 : fraction * ChiSquared.quantile(bins - 1, 0.95);
  }
}
