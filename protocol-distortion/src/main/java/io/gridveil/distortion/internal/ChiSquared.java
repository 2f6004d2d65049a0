// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.internal;

/**
 * The chi-square distribution's quantile, for the reconstruction's stopping threshold
 * (spec/distortion.md §5.5).
 *
 * <p>The distribution function is the regularised lower incomplete gamma function
 * P(k/2, x/2), evaluated by its power series below a + 1 and by Lentz's continued fraction for the
 * upper tail above; ln Gamma is the Lanczos approximation (g = 7, 9 terms). The quantile is found
 * by bisection to a relative width of 1e-13.
 */
public final class ChiSquared {
  private static final double[] LANCZOS = {
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-06,
    1.5056327351493116e-07
  };
  private static final double HALF_LN_2PI = 0.9189385332046728;

  private ChiSquared() {}

  /**
   * Returns ln Gamma(x) for x &gt; 0.
   *
   * @param x the argument, positive
   * @return ln Gamma(x)
   */
  public static double lnGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("lnGamma needs x > 0");
    }
    if (x < 0.5) {
      // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1.0 - x);
    }
    double z = x - 1.0;
    double s = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      s += LANCZOS[i] / (z + i);
    }
    return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
  }

  /**
   * Returns the regularised lower incomplete gamma function P(a, x).
   *
   * @param a the shape, positive
   * @param x the argument, non-negative
   * @return P(a, x) in [0, 1]
   */
  public static double regularizedGammaP(double a, double x) {
    if (!(a > 0) || !(x >= 0)) {
      throw new IllegalArgumentException("regularizedGammaP needs a > 0 and x >= 0");
    }
    if (x == 0) {
      return 0.0;
    }
    double lnPrefix = a * Math.log(x) - x - lnGamma(a);
    if (x < a + 1.0) {
      double ap = a;
      double sum = 1.0 / a;
      double del = sum;
      for (int n = 0; n < 10_000; n++) {
        ap += 1.0;
        del *= x / ap;
        sum += del;
        if (Math.abs(del) < Math.abs(sum) * 1e-17) {
          break;
        }
      }
      return Math.min(1.0, sum * Math.exp(lnPrefix));
    }
    double tiny = 1e-300;
    double b = x + 1.0 - a;
    double c = 1.0 / tiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2.0;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1.0 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1.0) < 1e-17) {
        break;
      }
    }
    return Math.max(0.0, 1.0 - Math.exp(lnPrefix) * h);
  }

  /**
   * Returns the chi-square distribution function with k degrees of freedom at x.
   *
   * @param k the degrees of freedom, at least 1
   * @param x the argument, non-negative
   * @return Pr(X &lt;= x)
   */
  public static double cdf(int k, double x) {
    if (k < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1");
    }
    return regularizedGammaP(k / 2.0, x / 2.0);
  }

  /**
   * Returns the quantile chi^2_{k, q}: the x with Pr(X &lt;= x) = q.
   *
   * @param k the degrees of freedom, at least 1
   * @param q the probability, in (0, 1)
   * @return the quantile
   */
  public static double quantile(int k, double q) {
    if (k < 1 || !(q > 0 && q < 1)) {
      throw new IllegalArgumentException("need k >= 1 and 0 < q < 1");
    }
    double lo = 0.0;
    double hi = Math.max(1.0, k);
    while (cdf(k, hi) < q) {
      hi *= 2.0;
    }
    for (int i = 0; i < 400 && hi - lo > 1e-13 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(k, mid) < q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
