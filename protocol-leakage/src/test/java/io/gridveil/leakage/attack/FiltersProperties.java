// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FiltersProperties {
  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Property
  void bothFilters_outputIsAConvexCombination(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 10_000) Double> values,
      @ForAll @IntRange(min = 0, max = 5) int p,
      @ForAll @IntRange(min = 0, max = 12) int r,
      @ForAll @DoubleRange(min = 0.5, max = 5000) double h) {
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

  @Property
  void bothFilters_constantTraceIsAFixedPoint(
      @ForAll @IntRange(min = 1, max = 80) int length,
      @ForAll @DoubleRange(min = 0, max = 20_000) double level,
      @ForAll @IntRange(min = 0, max = 4) int p,
      @ForAll @IntRange(min = 0, max = 90) int r) {
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
