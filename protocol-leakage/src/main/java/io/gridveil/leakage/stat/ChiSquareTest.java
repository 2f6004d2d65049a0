// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Bins;
import io.gridveil.leakage.internal.Require;
import io.gridveil.leakage.internal.SpecialFunctions;
import java.math.BigInteger;

/**
 * Chi-square tests on binned values (spec/leakage.md §3.3): the two-sample test of homogeneity,
 * the one-sample goodness-of-fit test against given bin probabilities, and the test of
 * independence on a contingency table. p-values are Q(df/2, X^2/2), the regularized upper
 * incomplete gamma function.
 */
public final class ChiSquareTest {
  /** The least expected count per bin the tests accept (spec/leakage.md §3.3). */
  public static final double MIN_EXPECTED = 5.0;

  private ChiSquareTest() {}

  /**
   * Two-sample test on values in [0, M), read as unsigned 64-bit integers, binned into k bins
   * (spec/leakage.md §3.3.1).
   *
   * @param a the first sample
   * @param b the second sample
   * @param modulus M, the size of the value domain, at most 2^64
   * @param bins k, at least 2
   * @param alpha the significance level
   * @return the result; rejected means the samples appear to come from different distributions
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06 (each sample needs at least 5k values)
   *     or LEAK-P-07
   */
  public static TestResult twoSample(
      long[] a, long[] b, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    return twoSampleCounts(
        counts(Bins.ofUnsigned(a, modulus, bins), bins),
        counts(Bins.ofUnsigned(b, modulus, bins), bins),
        alpha);
  }

  /**
   * Two-sample test on values in [0, M) binned into k bins (spec/leakage.md §3.3.1).
   *
   * @param a the first sample
   * @param b the second sample
   * @param modulus M, the size of the value domain
   * @param bins k, at least 2
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06 or LEAK-P-07
   */
  public static TestResult twoSample(
      BigInteger[] a, BigInteger[] b, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    return twoSampleCounts(
        counts(Bins.of(a, modulus, bins), bins), counts(Bins.of(b, modulus, bins), bins), alpha);
  }

  /**
   * Two-sample test on real values, binned into k equal-width bins over the pooled range
   * (spec/leakage.md §3.3.1).
   *
   * @param a the first sample
   * @param b the second sample
   * @param bins k, at least 2
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06, LEAK-P-07 or LEAK-P-10 (a sample
   *     value is not finite)
   */
  public static TestResult twoSample(double[] a, double[] b, int bins, double alpha) {
    Require.alpha(alpha);
    Require.that(bins >= 2, LeakageChecks.LEAK_P_07, "at least 2 bins");
    Require.that(a.length > 0 && b.length > 0, LeakageChecks.LEAK_P_06, "samples must not be empty");
    Require.trace(a, "first sample");
    Require.trace(b, "second sample");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : new double[][] {a, b}) {
      for (double v : s) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return twoSampleCounts(
        counts(Bins.equalWidth(a, lo, hi, bins), bins),
        counts(Bins.equalWidth(b, lo, hi, bins), bins),
        alpha);
  }

  /**
   * Two-sample test on bin counts (spec/leakage.md §3.3.1): with R = sum r_i, S = sum s_i,
   * X^2 = sum over bins with r_i + s_i &gt; 0 of (sqrt(S/R) r_i - sqrt(R/S) s_i)^2 / (r_i + s_i),
   * df = (number of such bins) - 1.
   *
   * @param r the first sample's bin counts
   * @param s the second sample's bin counts, same length
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05; LEAK-P-06 if either sample has fewer than
   *     5 values per bin on average; LEAK-P-07 if fewer than 2 bins or the lengths differ
   */
  public static TestResult twoSampleCounts(long[] r, long[] s, double alpha) {
    Require.alpha(alpha);
    Require.that(
        r.length >= 2 && r.length == s.length, LeakageChecks.LEAK_P_07, "at least 2 equal bins");
    long bigR = sum(r);
    long bigS = sum(s);
    Require.that(
        bigR >= MIN_EXPECTED * r.length && bigS >= MIN_EXPECTED * r.length,
        LeakageChecks.LEAK_P_06,
        "each sample needs at least 5 values per bin");
    double k1 = Math.sqrt((double) bigS / bigR);
    double k2 = Math.sqrt((double) bigR / bigS);
    double x2 = 0;
    int nonEmpty = 0;
    for (int i = 0; i < r.length; i++) {
      long t = r[i] + s[i];
      if (t > 0) {
        nonEmpty++;
        double d = k1 * r[i] - k2 * s[i];
        x2 += d * d / t;
      }
    }
    int df = nonEmpty - 1;
    double p = df == 0 ? 1.0 : SpecialFunctions.chiSquareSurvival(x2, df);
    return new TestResult("chi-square two-sample", x2, df, p, alpha);
  }

  /**
   * Goodness-of-fit test of observed bin counts against bin probabilities (spec/leakage.md
   * §3.3.2): X^2 = sum (o_i - N p_i)^2 / (N p_i), df = k - 1.
   *
   * @param observed the bin counts
   * @param probabilities the bin probabilities under the null hypothesis, each positive, summing
   *     to 1
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05; LEAK-P-06 if some N p_i &lt; 5; LEAK-P-07 if
   *     fewer than 2 bins, the lengths differ or a probability is not positive
   */
  public static TestResult goodnessOfFit(long[] observed, double[] probabilities, double alpha) {
    Require.alpha(alpha);
    Require.that(
        observed.length >= 2 && observed.length == probabilities.length,
        LeakageChecks.LEAK_P_07,
        "at least 2 bins, as many probabilities as counts");
    long n = sum(observed);
    double x2 = 0;
    for (int i = 0; i < observed.length; i++) {
      Require.that(probabilities[i] > 0, LeakageChecks.LEAK_P_07, "probabilities must be positive");
      double e = n * probabilities[i];
      Require.that(e >= MIN_EXPECTED, LeakageChecks.LEAK_P_06, "every bin needs 5 expected values");
      double d = observed[i] - e;
      x2 += d * d / e;
    }
    int df = observed.length - 1;
    return new TestResult(
        "chi-square goodness-of-fit", x2, df, SpecialFunctions.chiSquareSurvival(x2, df), alpha);
  }

  /**
   * Test of independence on a contingency table (spec/leakage.md §3.3.3): E_ab = R_a C_b / N,
   * X^2 = sum (O_ab - E_ab)^2 / E_ab over rows and columns with non-zero totals,
   * df = (rows - 1)(columns - 1) counting those.
   *
   * @param table the counts O_ab, a rectangular k x l table
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05; LEAK-P-06 if N &lt; 5 k l; LEAK-P-07 if the
   *     table is smaller than 2 x 2 or not rectangular
   */
  public static TestResult independence(long[][] table, double alpha) {
    Require.alpha(alpha);
    Require.that(
        table.length >= 2 && table[0].length >= 2, LeakageChecks.LEAK_P_07, "at least 2 x 2");
    int cols = table[0].length;
    long[] rowSum = new long[table.length];
    long[] colSum = new long[cols];
    long n = 0;
    for (int a = 0; a < table.length; a++) {
      Require.that(table[a].length == cols, LeakageChecks.LEAK_P_07, "table must be rectangular");
      for (int b = 0; b < cols; b++) {
        rowSum[a] += table[a][b];
        colSum[b] += table[a][b];
        n += table[a][b];
      }
    }
    Require.that(
        n >= MIN_EXPECTED * table.length * cols,
        LeakageChecks.LEAK_P_06,
        "the table needs 5 observations per cell on average");
    double x2 = 0;
    for (int a = 0; a < table.length; a++) {
      for (int b = 0; b < cols; b++) {
        if (rowSum[a] > 0 && colSum[b] > 0) {
          double e = (double) rowSum[a] * colSum[b] / n;
          double d = table[a][b] - e;
          x2 += d * d / e;
        }
      }
    }
    int df = (nonZero(rowSum) - 1) * (nonZero(colSum) - 1);
    double p = df == 0 ? 1.0 : SpecialFunctions.chiSquareSurvival(x2, df);
    return new TestResult("chi-square independence", x2, df, p, alpha);
  }

  static long[] counts(int[] binIndex, int bins) {
    long[] c = new long[bins];
    for (int b : binIndex) {
      c[b]++;
    }
    return c;
  }

  private static long sum(long[] v) {
    long s = 0;
    for (long x : v) {
      Require.that(x >= 0, LeakageChecks.LEAK_P_06, "counts must be non-negative");
      s = Math.addExact(s, x);
    }
    return s;
  }

  private static int nonZero(long[] v) {
    int c = 0;
    for (long x : v) {
      if (x > 0) {
        c++;
      }
    }
    return c;
  }
}
