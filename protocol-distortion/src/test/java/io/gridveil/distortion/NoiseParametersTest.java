// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import org.junit.jupiter.api.Test;

class NoiseParametersTest {
  @Test
  void distortWith_matchesIndependentRounding() {
    int n = 0;
    for (Vector v : Vectors.load("distortion/distort.json")) {
      NoiseParameters p = new NoiseParameters(
          Double.parseDouble(v.string("mu")), Double.parseDouble(v.string("sigma")));
      long d = p.distortWith(Long.parseLong(v.string("reading")), Double.parseDouble(v.string("z")));
      assertEquals(Long.parseLong(v.string("distorted")), d);
      n++;
    }
    assertTrue(n >= 9);
  }

  @Test
  void distort_hasConfiguredMeanAndVariance() {
    NoiseParameters p = new NoiseParameters(100, 88.8);
    RandomSource rng = DeterministicRandomSource.fromSeed(11);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    double maxZ = 0;
    for (int i = 0; i < n; i++) {
      double e = p.distort(1000, rng) - 1000;
      sum += e;
      sq += e * e;
      maxZ = Math.max(maxZ, Math.abs(e - 100) / 88.8);
    }
    double mean = sum / n;
    double var = sq / n - mean * mean;
    // Standard errors: 88.8 / sqrt(n) = 0.2 for the mean, about 0.3% for the variance.
    assertEquals(100, mean, 1.0);
    assertEquals(88.8 * 88.8 + 1.0 / 12, var, 88.8 * 88.8 * 0.015);
    assertTrue(maxZ < 8.58 + 0.01);
  }

  @Test
  void relativeSigma_scalesWithReferenceVariance() {
    double[] ref = {0, 2, 4, 6}; // population variance 5
    assertEquals(Math.sqrt(5.0), NoiseParameters.relativeTo(ref, 1.0, 0).sigma(), 1e-12);
    assertEquals(Math.sqrt(7.5), NoiseParameters.relativeTo(ref, 1.5, 0).sigma(), 1e-12);
    double[] trace = {500, 510, 490};
    double[] d = NoiseParameters.relativeTo(new double[] {0, 20}, 1, 100)
        .distortTrace(trace, DeterministicRandomSource.fromSeed(1));
    assertEquals(3, d.length);
  }

  @Test
  void invalidParameters_areRefused() {
    assertRefused("DIST-P-01", () -> new NoiseParameters(0, 0.5));
    assertRefused("DIST-P-01", () -> new NoiseParameters(0, Double.NaN));
    assertRefused("DIST-P-01", () -> new NoiseParameters(0, Double.POSITIVE_INFINITY));
    assertRefused("DIST-P-02", () -> new NoiseParameters(Double.NaN, 10));
    assertRefused("DIST-P-02", () -> new NoiseParameters(0x1.0p52, 10));
    assertRefused("DIST-P-03", () -> NoiseParameters.relativeTo(new double[] {5}, 1, 0));
    assertRefused("DIST-P-03", () -> NoiseParameters.relativeTo(new double[] {5, 5, 5}, 1, 0));
    assertRefused("DIST-P-03", () -> NoiseParameters.relativeTo(new double[] {1, 5}, 0, 0));
    assertRefused("DIST-P-03",
        () -> NoiseParameters.relativeTo(new double[] {1, Double.NaN}, 1, 0));
  }
}
