// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.Seeded;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Measures each test's false-positive rate under its null hypothesis over many seeds
 * (spec/leakage.md §3.6). With 400 seeds at alpha = 0.05 the expected number of rejections is 20
 * with standard deviation 4.4; the accepted range [6, 36] is about 3.5 standard deviations wide
 * on each side, so a correct test fails it with probability below 1e-3 and, the seeds being
 * fixed, the outcome is reproducible.
 */
class FalsePositiveRateTest {
  private static final int SEEDS = 400;
  private static final double ALPHA = 0.05;
  private static final BigInteger M = BigInteger.valueOf(1L << 12);

  private interface Trial {
    boolean rejects(RandomSource r);
  }

  private static int rejections(long base, Trial trial) {
    int rejected = 0;
    for (int s = 0; s < SEEDS; s++) {
      if (trial.rejects(Seeded.of(base + s))) {
        rejected++;
      }
    }
    return rejected;
  }

  private static long[] draw(RandomSource r, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.uniformLong(1L << 12);
    }
    return out;
  }

  private static void assertRate(String name, int rejected) {
    assertTrue(rejected >= 6 && rejected <= 36,
        name + ": " + rejected + " of " + SEEDS + " rejected at alpha " + ALPHA);
  }

  @Test
  void chiSquareTwoSample_falsePositiveRateNearAlpha() {
    assertRate("chi-square two-sample", rejections(1000,
        r -> ChiSquareTest.twoSample(draw(r, 400), draw(r, 600), M, 10, ALPHA).rejected()));
  }

  @Test
  void ksTwoSample_falsePositiveRateNearAlpha() {
    assertRate("KS two-sample", rejections(2000,
        r -> KolmogorovSmirnovTest.twoSample(draw(r, 300), draw(r, 500), ALPHA).rejected()));
  }

  @Test
  void ksUniform_falsePositiveRateNearAlpha() {
    assertRate("KS uniform", rejections(3000,
        r -> KolmogorovSmirnovTest.uniform(draw(r, 300), M, ALPHA).rejected()));
  }

  @Test
  void uniformity_falsePositiveRateNearAlpha() {
    assertRate("chi-square uniformity", rejections(4000,
        r -> CiphertextTests.uniformity(draw(r, 500), M, 16, ALPHA).rejected()));
  }

  @Test
  void independence_falsePositiveRateNearAlpha() {
    assertRate("chi-square independence", rejections(5000,
        r -> CiphertextTests.independence(draw(r, 800), M, 4, ALPHA).rejected()));
  }
}
