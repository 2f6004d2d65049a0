// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MetricsProperties {
  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Property
  void traceComparedWithItself_recoversEveryFeatureWithNoFalseOnes(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 5000) Double> values,
      @ForAll @IntRange(min = 0, max = 3) int tau) {
    double[] x = toArray(values);
    Nilm nilm = new Nilm(300, tau, 0);
    FeatureRecovery f = nilm.compare(x, x);
    assertEquals(f.totalFeatures(), f.effectiveFeatures());
    assertEquals(0, f.falseFeatures());
    assertEquals(0.0, TraceMetrics.mse(x, x));
  }

  @Property
  void featureCounts_areConsistentForAnyPairOfTraces(
      @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = 0, max = 5000) Double> a,
      @ForAll @IntRange(min = 0, max = 3) int tau,
      @ForAll @DoubleRange(min = 0, max = 5000) double epsilon) {
    double[] x = toArray(a);
    double[] y = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      y[j] = x[(j + 1) % x.length];
    }
    FeatureRecovery f = new Nilm(300, tau, epsilon).compare(x, y);
    assertTrue(f.effectiveFeatures() <= Math.min(f.totalFeatures(), f.extractedFeatures()));
    assertTrue(f.ratio() >= 0 && f.ratio() <= 1);
    assertTrue(TraceMetrics.mse(x, y) >= 0);
  }

  @Property
  void mutualInformation_isSymmetric(
      @ForAll @Size(min = 2, max = 50) List<@DoubleRange(min = -100, max = 100) Double> a,
      @ForAll @IntRange(min = 2, max = 10) int bins) {
    double[] x = toArray(a);
    double[] y = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      y[j] = x[j] * x[j] - 3 * x[(j + 1) % x.length];
    }
    assertEquals(
        MutualInformation.millerMadow(x, y, bins), MutualInformation.millerMadow(y, x, bins), 1e-12);
    assertTrue(MutualInformation.plugIn(x, y, bins) >= -1e-12);
  }
}
