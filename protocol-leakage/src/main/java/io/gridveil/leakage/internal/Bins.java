// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.internal;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import java.math.BigInteger;

/**
 * Binning of samples (spec/leakage.md §3.2): a value v in [0, M) falls in bin floor(v k / M) of
 * k bins; a real value x in [lo, hi] in bin min(k - 1, floor((x - lo) k / (hi - lo))).
 */
public final class Bins {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private Bins() {}

  /**
   * Checks a modulus and a number of bins.
   *
   * @param modulus M, at least k
   * @param k the number of bins, at least 2
   * @throws IllegalParameterException LEAK-P-07 if k &lt; 2 or M &lt; k
   */
  public static void check(BigInteger modulus, int k) {
    Require.that(k >= 2, LeakageChecks.LEAK_P_07, "at least 2 bins");
    Require.that(
        modulus.compareTo(BigInteger.valueOf(k)) >= 0,
        LeakageChecks.LEAK_P_07,
        "the modulus must be at least the number of bins");
  }

  /**
   * Returns the bin of each value, a long read as unsigned.
   *
   * @param values the values, each in [0, M) read as unsigned 64-bit integers
   * @param modulus M, at most 2^64
   * @param k the number of bins
   * @return the bin index of each value
   * @throws IllegalParameterException LEAK-P-07 if M &gt; 2^64 or a value is not below M
   */
  public static int[] ofUnsigned(long[] values, BigInteger modulus, int k) {
    check(modulus, k);
    Require.that(modulus.compareTo(TWO_64) <= 0, LeakageChecks.LEAK_P_07, "M must be at most 2^64");
    int[] out = new int[values.length];
    BigInteger bk = BigInteger.valueOf(k);
    for (int i = 0; i < values.length; i++) {
      BigInteger v = new BigInteger(Long.toUnsignedString(values[i]));
      out[i] = bin(v, modulus, bk);
    }
    return out;
  }

  /**
   * Returns the bin of each value.
   *
   * @param values the values, each in [0, M)
   * @param modulus M
   * @param k the number of bins
   * @return the bin index of each value
   * @throws IllegalParameterException LEAK-P-07 if a value is not in [0, M)
   */
  public static int[] of(BigInteger[] values, BigInteger modulus, int k) {
    check(modulus, k);
    int[] out = new int[values.length];
    BigInteger bk = BigInteger.valueOf(k);
    for (int i = 0; i < values.length; i++) {
      out[i] = bin(values[i], modulus, bk);
    }
    return out;
  }

  private static int bin(BigInteger v, BigInteger modulus, BigInteger k) {
    if (v.signum() < 0 || v.compareTo(modulus) >= 0) {
      throw new IllegalParameterException(LeakageChecks.LEAK_P_07, "a value is outside [0, M)");
    }
    return v.multiply(k).divide(modulus).intValueExact();
  }

  /**
   * Returns the probability of each bin for a uniform value in [0, M): the number of v with
   * floor(v k / M) = i, that is ceil((i + 1) M / k) - ceil(i M / k), divided by M.
   *
   * @param modulus M
   * @param k the number of bins
   * @return the bin probabilities
   */
  public static double[] uniformProbabilities(BigInteger modulus, int k) {
    check(modulus, k);
    double[] p = new double[k];
    BigInteger bk = BigInteger.valueOf(k);
    for (int i = 0; i < k; i++) {
      BigInteger hi = ceilDiv(BigInteger.valueOf(i + 1L).multiply(modulus), bk);
      BigInteger lo = ceilDiv(BigInteger.valueOf(i).multiply(modulus), bk);
      p[i] = new java.math.BigDecimal(hi.subtract(lo))
          .divide(new java.math.BigDecimal(modulus), java.math.MathContext.DECIMAL64)
          .doubleValue();
    }
    return p;
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  /**
   * Returns equal-width bins over [lo, hi] for real values: bin min(k - 1, floor((x - lo) k /
   * (hi - lo))); every value in one bin 0 when hi = lo.
   *
   * @param values the values, each in [lo, hi]
   * @param lo the lower end
   * @param hi the upper end
   * @param k the number of bins, at least 2
   * @return the bin index of each value
   */
  public static int[] equalWidth(double[] values, double lo, double hi, int k) {
    Require.that(k >= 2, LeakageChecks.LEAK_P_07, "at least 2 bins");
    int[] out = new int[values.length];
    double width = hi - lo;
    for (int i = 0; i < values.length; i++) {
      if (width <= 0) {
        out[i] = 0;
      } else {
        int b = (int) Math.floor((values[i] - lo) * k / width);
        out[i] = Math.max(0, Math.min(k - 1, b));
      }
    }
    return out;
  }
}
