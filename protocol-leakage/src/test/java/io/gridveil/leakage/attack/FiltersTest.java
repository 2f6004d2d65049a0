// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.Seeded;
import io.gridveil.leakage.metric.TraceMetrics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private static double[] constant(int n, double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }

  private static double[] step(int n, int at, double lo, double hi) {
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      out[j] = j < at ? lo : hi;
    }
    return out;
  }

  @Test
  void meanFilter_constant_isUnchanged() {
    double[] c = constant(50, 1234.5);
    assertArrayEquals(c, MeanFilter.apply(c, 3));
    assertArrayEquals(constant(300, 700), MeanFilter.apply(constant(300, 700), 100), 1e-9);
  }

  @Test
  void meanFilter_step_handComputed() {
    double[] x = step(10, 5, 0, 1000);
    double[] expected = {0, 0, 0, 0, 1000.0 / 3, 2000.0 / 3, 1000, 1000, 1000, 1000};
    assertArrayEquals(expected, MeanFilter.apply(x, 1), 1e-12);
    // Clipped windows at the ends: out[0] = mean(x[0..2]), L = 2.
    double[] y = {3, 6, 9, 12};
    assertArrayEquals(new double[] {6, 7.5, 7.5, 9}, MeanFilter.apply(y, 2), 1e-12);
    assertArrayEquals(y, MeanFilter.apply(y, 0));
  }

  @Test
  void nonLocalMeans_constant_isUnchanged() {
    double[] c = constant(40, 500);
    assertArrayEquals(c, new NonLocalMeans(2, 5, 10.0, 0).apply(c));
  }

  @Test
  void nonLocalMeans_cleanStepWithSmallH_preservesTheEdgeExactly() {
    double[] x = step(20, 10, 0, 1000);
    double[] nlm = new NonLocalMeans(1, 4, 1.0, 0).apply(x);
    assertArrayEquals(x, nlm);
    double[] mean = MeanFilter.apply(x, 4);
    assertTrue(TraceMetrics.mse(x, mean) > 10_000);
  }

  @Test
  void nonLocalMeans_hugeShift_isTheMeanFilterOverTheSearchWindow() {
    RandomSource r = Seeded.of(10);
    double[] x = new double[60];
    for (int j = 0; j < x.length; j++) {
      x[j] = 1000 * r.nextUnitDouble();
    }
    // 2 sigma^2 exceeds every patch distance, so every weight is exp(0) = 1.
    assertArrayEquals(
        MeanFilter.apply(x, 3), new NonLocalMeans(2, 3, 1.0, 1e6).apply(x), 1e-9);
  }

  @Test
  void nonLocalMeans_noisyStep_beatsTheMeanFilter() {
    RandomSource r = Seeded.of(11);
    double[] clean = new double[400];
    for (int j = 0; j < clean.length; j++) {
      clean[j] = (j / 50) % 2 == 0 ? 200 : 2200;
    }
    double[] noisy = new double[clean.length];
    for (int j = 0; j < clean.length; j++) {
      noisy[j] = clean[j] + 150 * r.nextGaussian();
    }
    double mseMean = TraceMetrics.mse(clean, MeanFilter.apply(noisy, 8));
    double mseNlm = TraceMetrics.mse(clean, new NonLocalMeans(3, 8, 150.0, 150).apply(noisy));
    assertTrue(mseNlm < mseMean, "NLM " + mseNlm + " vs mean " + mseMean);
    assertTrue(mseNlm < TraceMetrics.mse(clean, noisy), "NLM must de-noise");
  }

  @Test
  void longTermAveraging_handComputedAndNoiseShrinks() {
    assertArrayEquals(
        new double[] {2, 3, 4},
        LongTermAveraging.dailyProfile(new double[] {1, 2, 3, 3, 4, 5}, 3),
        1e-12);
    RandomSource r = Seeded.of(12);
    int s = 48;
    int days = 100;
    double[] profile = new double[s];
    for (int k = 0; k < s; k++) {
      profile[k] = 300 + 200 * Math.sin(2 * Math.PI * k / s);
    }
    double[] trace = new double[s * days];
    for (int d = 0; d < days; d++) {
      for (int k = 0; k < s; k++) {
        trace[d * s + k] = profile[k] + 200 * r.nextGaussian();
      }
    }
    double mse100 = TraceMetrics.mse(profile, LongTermAveraging.dailyProfile(trace, s));
    double mse1 = TraceMetrics.mse(profile, Arrays.copyOf(trace, s));
    // Expected sigma^2 / D = 400 after 100 days and 40000 after one.
    assertTrue(mse100 > 200 && mse100 < 700, "after 100 days: " + mse100);
    assertTrue(mse1 > 20_000 && mse1 < 60_000, "after 1 day: " + mse1);
  }

  @Test
  void badParameters_areRefused() {
    assertRefused("LEAK-P-08", () -> MeanFilter.apply(new double[] {1}, -1));
    assertRefused("LEAK-P-08", () -> new NonLocalMeans(-1, 1, 1, 0));
    assertRefused("LEAK-P-08", () -> new NonLocalMeans(1, -1, 1, 0));
    assertRefused("LEAK-P-08", () -> new NonLocalMeans(1, 1, 0, 0));
    assertRefused("LEAK-P-08", () -> new NonLocalMeans(1, 1, 1, -1));
    assertRefused("LEAK-P-08", () -> LongTermAveraging.dailyProfile(new double[] {1}, 0));
    assertRefused("LEAK-P-10", () -> MeanFilter.apply(new double[0], 1));
    assertRefused("LEAK-P-10", () -> new NonLocalMeans(1, 1, 1, 0).apply(new double[] {Double.NaN}));
    assertRefused("LEAK-P-10", () -> LongTermAveraging.dailyProfile(new double[] {1, 2, 3}, 2));
  }
}
