// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import io.gridveil.leakage.internal.SpecialFunctions;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * The two-sample Kolmogorov-Smirnov test (spec/leakage.md §3.4): D = sup_x |F_a(x) - F_b(x)| over
 * the empirical distribution functions, p = Q_KS((sqrt(n_e) + 0.12 + 0.11/sqrt(n_e)) D) with
 * n_e = n m / (n + m). With ties (discrete data) the test is conservative: it rejects less often
 * than alpha under the null hypothesis.
 */
public final class KolmogorovSmirnovTest {
  private KolmogorovSmirnovTest() {}

  /**
   * Two-sample test on real values.
   *
   * @param a the first sample, non-empty
   * @param b the second sample, non-empty
   * @param alpha the significance level
   * @return the result; rejected means the samples appear to come from different distributions
   * @throws IllegalParameterException LEAK-P-05; LEAK-P-06 if a sample is empty; LEAK-P-10 if a
   *     value is not finite
   */
  public static TestResult twoSample(double[] a, double[] b, double alpha) {
    Require.alpha(alpha);
    nonEmpty(a.length, b.length);
    Require.trace(a, "first sample");
    Require.trace(b, "second sample");
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return result(
        statistic(x.length, y.length, (i, j) -> Double.compare(x[i], y[j]),
            (i, j) -> Double.compare(x[i], x[j]), (i, j) -> Double.compare(y[i], y[j])),
        x.length, y.length, alpha);
  }

  /**
   * Two-sample test on values read as unsigned 64-bit integers (ciphertexts modulo 2^64).
   *
   * @param a the first sample, non-empty
   * @param b the second sample, non-empty
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05 or LEAK-P-06
   */
  public static TestResult twoSample(long[] a, long[] b, double alpha) {
    Require.alpha(alpha);
    nonEmpty(a.length, b.length);
    long[] x = flipped(a);
    long[] y = flipped(b);
    return result(
        statistic(x.length, y.length, (i, j) -> Long.compare(x[i], y[j]),
            (i, j) -> Long.compare(x[i], x[j]), (i, j) -> Long.compare(y[i], y[j])),
        x.length, y.length, alpha);
  }

  /**
   * Two-sample test on big integers.
   *
   * @param a the first sample, non-empty
   * @param b the second sample, non-empty
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05 or LEAK-P-06
   */
  public static TestResult twoSample(BigInteger[] a, BigInteger[] b, double alpha) {
    Require.alpha(alpha);
    nonEmpty(a.length, b.length);
    BigInteger[] x = a.clone();
    BigInteger[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return result(
        statistic(x.length, y.length, (i, j) -> x[i].compareTo(y[j]),
            (i, j) -> x[i].compareTo(x[j]), (i, j) -> y[i].compareTo(y[j])),
        x.length, y.length, alpha);
  }

  /**
   * One-sample test of values in [0, M), read as unsigned 64-bit integers, against the uniform
   * distribution on [0, M) (spec/leakage.md §3.4): u = v / M, D = max_i max(i/n - u_(i),
   * u_(i) - (i-1)/n) over the sorted u, p as above with n_e = n.
   *
   * @param values the sample, non-empty, each below M
   * @param modulus M, from 2 to 2^64
   * @param alpha the significance level
   * @return the result; rejected means the values appear not uniform
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06, or LEAK-P-07 if M is out of range or
   *     a value is not below M
   */
  public static TestResult uniform(long[] values, BigInteger modulus, double alpha) {
    Require.alpha(alpha);
    nonEmpty(values.length, 1);
    Require.that(
        modulus.compareTo(BigInteger.TWO) >= 0 && modulus.bitLength() <= 65
            && modulus.compareTo(BigInteger.ONE.shiftLeft(64)) <= 0,
        LeakageChecks.LEAK_P_07,
        "M must be in [2, 2^64]");
    double m = modulus.doubleValue();
    double[] u = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      Require.that(
          new BigInteger(Long.toUnsignedString(values[i])).compareTo(modulus) < 0,
          LeakageChecks.LEAK_P_07,
          "a value is outside [0, M)");
      u[i] = unsignedToDouble(values[i]) / m;
    }
    Arrays.sort(u);
    int n = u.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      d = Math.max(d, Math.max((i + 1.0) / n - u[i], u[i] - (double) i / n));
    }
    double en = Math.sqrt(n);
    double p = SpecialFunctions.kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
    return new TestResult("Kolmogorov-Smirnov uniform", d, 0, p, alpha);
  }

  private static double unsignedToDouble(long v) {
    double hi = (double) (v >>> 1) * 2.0;
    return hi + (v & 1L);
  }

  private static void nonEmpty(int n, int m) {
    Require.that(n > 0 && m > 0, LeakageChecks.LEAK_P_06, "samples must not be empty");
  }

  private static long[] flipped(long[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] ^ Long.MIN_VALUE;
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * Walks two sorted samples in merged order, advancing past all copies of the smallest value at
   * once, and returns max |F_a - F_b| after each step.
   */
  private static double statistic(
      int n, int m, IntBinaryOperator cmpXy, IntBinaryOperator cmpXx, IntBinaryOperator cmpYy) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < n && j < m) {
      int c = cmpXy.applyAsInt(i, j);
      if (c <= 0) {
        int i0 = i;
        while (i < n && cmpXx.applyAsInt(i, i0) == 0) {
          i++;
        }
      }
      if (c >= 0) {
        int j0 = j;
        while (j < m && cmpYy.applyAsInt(j, j0) == 0) {
          j++;
        }
      }
      d = Math.max(d, Math.abs((double) i / n - (double) j / m));
    }
    return d;
  }

  private static TestResult result(double d, int n, int m, double alpha) {
    double en = Math.sqrt((double) n * m / (n + m));
    double p = SpecialFunctions.kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
    return new TestResult("Kolmogorov-Smirnov two-sample", d, 0, p, alpha);
  }
}
