// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsProperties {
  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void traceComparedWithItself_recoversEveryFeatureWithNoFalseOnes() {
    Pbt.property()
        .forAll(Gens.lists(Gens.doubles(0, 5000), 1, 60), Gens.integers(0, 3))
        .check(MetricsProperties::recoversEveryFeatureOfItself);
  }

  private static void recoversEveryFeatureOfItself(List<Double> values, int tau) {
    double[] x = toArray(values);
    Nilm nilm = new Nilm(300, tau, 0);
    FeatureRecovery f = nilm.compare(x, x);
    assertEquals(f.totalFeatures(), f.effectiveFeatures());
    assertEquals(0, f.falseFeatures());
    assertEquals(0.0, TraceMetrics.mse(x, x));
  }

  @Test
  void featureCounts_areConsistentForAnyPairOfTraces() {
    Pbt.property()
        .forAll(Gens.lists(Gens.doubles(0, 5000), 2, 60), Gens.integers(0, 3), Gens.doubles(0, 5000))
        .check(MetricsProperties::featureCountsAreConsistent);
  }

  private static void featureCountsAreConsistent(List<Double> a, int tau, double epsilon) {
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

  @Test
  void mutualInformation_isSymmetric() {
    Pbt.property()
        .forAll(Gens.lists(Gens.doubles(-100, 100), 2, 50), Gens.integers(2, 10))
        .check(MetricsProperties::mutualInformationIsSymmetric);
  }

  private static void mutualInformationIsSymmetric(List<Double> a, int bins) {
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
