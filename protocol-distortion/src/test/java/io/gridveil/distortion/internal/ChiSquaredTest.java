// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The chi-square quantile of spec/distortion.md §5.5 against published table values. */
class ChiSquaredTest {
  @Test
  void quantile95_matchesTables() {
    assertEquals(3.841459, ChiSquared.quantile(1, 0.95), 1e-6);
    assertEquals(5.991465, ChiSquared.quantile(2, 0.95), 1e-6);
    assertEquals(18.307038, ChiSquared.quantile(10, 0.95), 1e-6);
    assertEquals(69.832160, ChiSquared.quantile(52, 0.95), 1e-5);
    assertEquals(123.225221, ChiSquared.quantile(99, 0.95), 1e-5);
  }

  @Test
  void lnGamma_matchesFactorials() {
    assertEquals(Math.log(3628800.0), ChiSquared.lnGamma(11), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), ChiSquared.lnGamma(0.5), 1e-13);
    assertEquals(Math.log(Math.PI / Math.sin(Math.PI * 0.25)) - ChiSquared.lnGamma(0.75),
        ChiSquared.lnGamma(0.25), 1e-13);
  }

  @Test
  void cdf_isComplementOfUpperTailForTwoDegrees() {
    // For k = 2 the distribution is exponential: P(X <= x) = 1 - exp(-x/2).
    for (double x : new double[] {0.1, 1, 3, 10, 40}) {
      assertEquals(1 - Math.exp(-x / 2), ChiSquared.cdf(2, x), 1e-14);
    }
  }
}
