// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersProperties {
  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void bothFilters_outputIsAConvexCombination() {
    Pbt.property()
        .forAll(Gens.lists(Gens.doubles(0, 10_000), 1, 40), Gens.integers(0, 5),
            Gens.integers(0, 12), Gens.doubles(0.5, 5000))
        .check(FiltersProperties::outputIsAConvexCombination);
  }

  private static void outputIsAConvexCombination(List<Double> values, int p, int r, double h) {
    double[] x = toArray(values);
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    for (double[] out : List.of(MeanFilter.apply(x, r), new NonLocalMeans(p, r, h, 0).apply(x))) {
      assertEquals(x.length, out.length);
      for (double v : out) {
        assertTrue(v >= min - 1e-6 && v <= max + 1e-6, v + " outside [" + min + ", " + max + "]");
      }
    }
  }

  @Test
  void bothFilters_constantTraceIsAFixedPoint() {
    Pbt.property()
        .forAll(Gens.integers(1, 80), Gens.doubles(0, 20_000), Gens.integers(0, 4),
            Gens.integers(0, 90))
        .check(FiltersProperties::constantTraceIsAFixedPoint);
  }

  private static void constantTraceIsAFixedPoint(int length, double level, int p, int r) {
    double[] x = new double[length];
    java.util.Arrays.fill(x, level);
    for (double v : MeanFilter.apply(x, r)) {
      assertEquals(level, v, 1e-9 * Math.max(1, level));
    }
    for (double v : new NonLocalMeans(p, r, 10.0, 0).apply(x)) {
      assertEquals(level, v, 1e-9 * Math.max(1, level));
    }
  }
}
