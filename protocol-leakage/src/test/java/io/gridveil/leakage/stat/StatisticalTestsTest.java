// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.Seeded;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StatisticalTestsTest {
  private static final double ALPHA = 0.05;
  private static final BigInteger M8 = BigInteger.valueOf(1L << 8);
  private static final BigInteger M64 = BigInteger.ONE.shiftLeft(64);

  private static long[] uniform(RandomSource r, int n, long bound) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.uniformLong(bound);
    }
    return out;
  }

  private static long[] uniform64(RandomSource r, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextLong();
    }
    return out;
  }

  private static double[] gaussian(RandomSource r, int n, double mean, double sd) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + sd * r.nextGaussian();
    }
    return out;
  }

  @Test
  void chiSquareTwoSample_handComputedCounts() {
    // r = (10, 20), s = (20, 10): R = S = 30, X^2 = (10-20)^2/30 * 2 = 6.6667, df = 1.
    TestResult t = ChiSquareTest.twoSampleCounts(new long[] {10, 20}, new long[] {20, 10}, ALPHA);
    assertEquals(20.0 / 3, t.statistic(), 1e-12);
    assertEquals(1, t.degreesOfFreedom());
    // erfc(sqrt(10/3)) = 0.009823 (Python math.erfc).
    assertEquals(0.00982327, t.pValue(), 1e-7);
    assertTrue(t.rejected());
    // Unequal sizes: r = (10, 10), s = (20, 20) are proportional: X^2 = 0.
    TestResult same = ChiSquareTest.twoSampleCounts(new long[] {10, 10}, new long[] {20, 20}, ALPHA);
    assertEquals(0.0, same.statistic(), 1e-12);
    assertEquals(1.0, same.pValue(), 1e-12);
    // All values in one bin: df = 0, no evidence.
    TestResult one = ChiSquareTest.twoSampleCounts(new long[] {10, 0}, new long[] {12, 0}, ALPHA);
    assertEquals(0, one.degreesOfFreedom());
    assertFalse(one.rejected());
  }

  @Test
  void goodnessOfFit_handComputed() {
    // o = (30, 10), p = (1/2, 1/2): X^2 = (10^2 + 10^2)/20 = 10, df = 1.
    TestResult t = ChiSquareTest.goodnessOfFit(new long[] {30, 10}, new double[] {0.5, 0.5}, ALPHA);
    assertEquals(10.0, t.statistic(), 1e-12);
    assertEquals(0.0015654022580025, t.pValue(), 1e-12); // erfc(sqrt(5)), Python math.erfc
  }

  @Test
  void independence_handComputedTable() {
    // [[20, 5], [5, 20]]: E = 12.5 everywhere, X^2 = 4 * 7.5^2 / 12.5 = 18, df = 1.
    TestResult t = ChiSquareTest.independence(new long[][] {{20, 5}, {5, 20}}, ALPHA);
    assertEquals(18.0, t.statistic(), 1e-12);
    assertEquals(1, t.degreesOfFreedom());
    assertTrue(t.rejected());
  }

  @Test
  void ksTwoSample_handComputedStatistic() {
    // a = {1,2,3,4}, b = {3,4,5,6}: after 2, F_a = 1/2, F_b = 0: D = 1/2.
    TestResult t =
        KolmogorovSmirnovTest.twoSample(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}, ALPHA);
    assertEquals(0.5, t.statistic(), 1e-15);
    TestResult ties =
        KolmogorovSmirnovTest.twoSample(new long[] {1, 1, 1, 2}, new long[] {1, 2, 2, 2}, ALPHA);
    assertEquals(0.5, ties.statistic(), 1e-15);
    // Unsigned order: -1 is 2^64 - 1, above every other value.
    TestResult unsigned =
        KolmogorovSmirnovTest.twoSample(new long[] {-1, -2}, new long[] {0, 1}, ALPHA);
    assertEquals(1.0, unsigned.statistic(), 1e-15);
    TestResult big =
        KolmogorovSmirnovTest.twoSample(
            new BigInteger[] {BigInteger.ONE, BigInteger.TWO},
            new BigInteger[] {BigInteger.TWO, BigInteger.TEN},
            ALPHA);
    assertEquals(0.5, big.statistic(), 1e-15);
  }

  @Test
  void sameDistribution_isNotRejected_shiftedIs() {
    RandomSource r = Seeded.of(1);
    double[] a = gaussian(r, 2000, 0, 1);
    double[] b = gaussian(r, 3000, 0, 1);
    double[] c = gaussian(r, 3000, 0.3, 1);
    assertFalse(KolmogorovSmirnovTest.twoSample(a, b, 0.001).rejected());
    assertTrue(KolmogorovSmirnovTest.twoSample(a, c, 0.001).rejected());
    assertFalse(ChiSquareTest.twoSample(a, b, 20, 0.001).rejected());
    assertTrue(ChiSquareTest.twoSample(a, c, 20, 0.001).rejected());
  }

  @Test
  void uniformCiphertexts_pass_biasedFail() {
    RandomSource r = Seeded.of(2);
    long[] c = uniform64(r, 20_000);
    CiphertextTests.uniformity(c, M64, 16, 0.001).assertNotRejected("uniform");
    KolmogorovSmirnovTest.uniform(c, M64, 0.001).assertNotRejected("uniform");
    CiphertextTests.independence(c, M64, 8, 0.001).assertNotRejected("independent");
    // A biased "cipher": c = 2 * u mod 2^64 over u < 2^62 keeps only [0, 2^63).
    long[] biased = new long[10_000];
    for (int i = 0; i < biased.length; i++) {
      biased[i] = r.uniformBits(62) * 2;
    }
    CiphertextTests.uniformity(biased, M64, 16, 0.001).assertRejected("uniform");
    KolmogorovSmirnovTest.uniform(biased, M64, 0.001).assertRejected("uniform");
  }

  @Test
  void dependentSuccessiveCiphertexts_failIndependence() {
    RandomSource r = Seeded.of(3);
    // c_{t+1} = c_t + small: successive values stay in the same or a neighbouring bin.
    long[] c = new long[20_000];
    c[0] = r.uniformLong(256);
    for (int t = 1; t < c.length; t++) {
      c[t] = (t % 2 == 1) ? (c[t - 1] + r.uniformLong(8)) % 256 : r.uniformLong(256);
    }
    CiphertextTests.uniformity(c, M8, 8, 0.001).assertNotRejected("uniform");
    CiphertextTests.independence(c, M8, 8, 0.001).assertRejected("independent");
    BigInteger[] big = new BigInteger[c.length];
    for (int i = 0; i < c.length; i++) {
      big[i] = BigInteger.valueOf(c[i]);
    }
    CiphertextTests.independence(big, M8, 8, 0.001).assertRejected("independent");
    CiphertextTests.uniformity(big, M8, 8, 0.001).assertNotRejected("uniform");
  }

  @Test
  void uniformityOverNonDivisibleModulus_usesExactBinProbabilities() {
    // M = 10, k = 4: bins hold {0,1,2}, {3,4}, {5,6,7}, {8,9}: probabilities .3 .2 .3 .2.
    RandomSource r = Seeded.of(4);
    long[] c = uniform(r, 5000, 10);
    CiphertextTests.uniformity(c, BigInteger.TEN, 4, 0.001).assertNotRejected("uniform");
    ChiSquareTest.twoSample(c, uniform(r, 5000, 10), BigInteger.TEN, 4, 0.001)
        .assertNotRejected("same distribution");
  }

  @Test
  void assertHelpers_throwAssertionErrors() {
    TestResult rejected = new TestResult("t", 1, 1, 0.001, 0.05);
    TestResult accepted = new TestResult("t", 1, 1, 0.5, 0.05);
    assertThrows(AssertionError.class, () -> rejected.assertNotRejected("h"));
    assertThrows(AssertionError.class, () -> accepted.assertRejected("h"));
    assertThrows(IllegalArgumentException.class, () -> new TestResult("t", 1, 1, 1.5, 0.05));
  }

  @Test
  void badParameters_areRefused() {
    long[] c = new long[1000];
    assertRefused("LEAK-P-05", () -> CiphertextTests.uniformity(c, M8, 4, 0.0));
    assertRefused("LEAK-P-05", () -> KolmogorovSmirnovTest.twoSample(c, c, 1.0));
    assertRefused("LEAK-P-06", () -> CiphertextTests.uniformity(new long[10], M8, 4, ALPHA));
    assertRefused("LEAK-P-06", () -> CiphertextTests.independence(new long[100], M8, 4, ALPHA));
    assertRefused("LEAK-P-06", () -> KolmogorovSmirnovTest.twoSample(new double[0], new double[] {1}, ALPHA));
    assertRefused("LEAK-P-06", () -> ChiSquareTest.twoSampleCounts(new long[] {1, 1}, new long[] {9, 9}, ALPHA));
    assertRefused("LEAK-P-07", () -> CiphertextTests.uniformity(c, M8, 1, ALPHA));
    assertRefused("LEAK-P-07", () -> CiphertextTests.uniformity(c, BigInteger.TWO, 4, ALPHA));
    assertRefused("LEAK-P-07", () -> CiphertextTests.uniformity(new long[] {300}, M8, 4, ALPHA));
    assertRefused("LEAK-P-07", () -> KolmogorovSmirnovTest.uniform(new long[] {300}, M8, ALPHA));
    assertRefused("LEAK-P-07", () -> ChiSquareTest.independence(new long[][] {{1, 2}, {3}}, ALPHA));
    assertRefused("LEAK-P-10",
        () -> KolmogorovSmirnovTest.twoSample(new double[] {Double.NaN}, new double[] {1}, ALPHA));
  }
}
