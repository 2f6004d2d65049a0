// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.internal;

/**
 * The standard normal distribution function and the complementary error function in double
 * precision (spec/distortion.md §5.1).
 *
 * <p>{@link #erfc(double)} is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969; the SPECFUN routine CALERF),
 * with a relative error below about 1e-15 over the whole range, including the far tail where
 * {@code 1 - erf(x)} would cancel to zero.
 */
public final class NormalDistribution {
  // Cody's published coefficients, written as the doubles they round to (the same values the
  // compiler would produce from the published digits).

  /** 1 / sqrt(pi). */
  private static final double SQRPI = 0.5641895835477563;
  /** Below this, erf(x) = x * 2/sqrt(pi) to double precision; CALERF's XSMALL. */
  private static final double XSMALL = 1.11e-16;
  /** Above this, erfc(x) underflows to 0; CALERF's XBIG for IEEE double. */
  private static final double XBIG = 26.543;
  /** Below this, erfc(x) = 2; CALERF's XNEG. */
  private static final double XNEG = -26.628;

  private static final double[] A = {
    3.1611237438705655, 113.86415415105016, 377.485237685302,
    3209.3775891384694, 0.18577770618460315
  };
  private static final double[] B = {
    23.601290952344122, 244.02463793444417, 1282.6165260773723,
    2844.236833439171
  };
  private static final double[] C = {
    0.5641884969886701, 8.883149794388377, 66.11919063714163,
    298.6351381974001, 881.952221241769, 1712.0476126340707,
    2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-08
  };
  private static final double[] D = {
    15.744926110709835, 117.6939508913125, 537.1811018620099,
    1621.3895745666903, 3290.7992357334597, 4362.619090143247,
    3439.3676741437216, 1230.3393548037495
  };
  private static final double[] P = {
    0.30532663496123236, 0.36034489994980445, 0.12578172611122926,
    0.016083785148742275, 0.0006587491615298378, 0.016315387137302097
  };
  private static final double[] Q = {
    2.568520192289822, 1.8729528499234673, 0.5279051029514285,
    0.06051834131244132, 0.0023352049762686918
  };

  private static final double SQRT2 = Math.sqrt(2.0);

  private NormalDistribution() {}

  /**
   * Returns the complementary error function erfc(x) = 1 - erf(x) (spec/distortion.md §5.1).
   *
   * @param x any double; NaN gives NaN
   * @return erfc(x) in [0, 2]
   */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double y = Math.abs(x);
    double result;
    if (y <= 0.46875) {
      double ysq = y > XSMALL ? y * y : 0.0;
      double xnum = A[4] * ysq;
      double xden = ysq;
      for (int i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * ysq;
        xden = (xden + B[i]) * ysq;
      }
      double erf = x * (xnum + A[3]) / (xden + B[3]);
      return 1.0 - erf;
    }
    if (y <= 4.0) {
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      result = (xnum + C[7]) / (xden + D[7]);
      result = scaleByExpMinusSquare(y, result);
    } else if (y >= XBIG) {
      result = 0.0;
    } else {
      double ysq = 1.0 / (y * y);
      double xnum = P[5] * ysq;
      double xden = ysq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * ysq;
        xden = (xden + Q[i]) * ysq;
      }
      result = ysq * (xnum + P[4]) / (xden + Q[4]);
      result = (SQRPI - result) / y;
      result = scaleByExpMinusSquare(y, result);
    }
    if (x < 0) {
      return x < XNEG ? 2.0 : 2.0 - result;
    }
    return result;
  }

  /** Multiplies by exp(-y^2) computed as exp(-ysq^2) * exp(-del) to keep full precision. */
  private static double scaleByExpMinusSquare(double y, double r) {
    double ysq = Math.floor(y * 16.0) / 16.0;
    double del = (y - ysq) * (y + ysq);
    return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
  }

  /**
   * Returns the standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2.
   *
   * @param x any double
   * @return Phi(x) in [0, 1]
   */
  public static double cdf(double x) {
    return 0.5 * erfc(-x / SQRT2);
  }

  /**
   * Returns the standard normal upper tail 1 - Phi(x) = erfc(x / sqrt 2) / 2, accurate where
   * Phi(x) rounds to 1.
   *
   * @param x any double
   * @return 1 - Phi(x) in [0, 1]
   */
  public static double upperTail(double x) {
    return 0.5 * erfc(x / SQRT2);
  }

  /**
   * Returns Pr(lo &lt; Z &lt;= hi) for a standard normal Z, computed on the side of zero where the
   * difference does not cancel (spec/distortion.md §5.2).
   *
   * @param lo the lower limit
   * @param hi the upper limit, at least lo
   * @return Phi(hi) - Phi(lo), never negative
   */
  public static double mass(double lo, double hi) {
    double m;
    if (lo >= 0) {
      m = upperTail(lo) - upperTail(hi);
    } else if (hi <= 0) {
      m = cdf(hi) - cdf(lo);
    } else {
      m = 1.0 - cdf(lo) - upperTail(hi);
    }
    return m > 0 ? m : 0.0;
  }
}
