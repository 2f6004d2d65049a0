// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.leakage.attack.MeanFilter;
import io.gridveil.leakage.attack.NonLocalMeans;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec/vectors/leakage/attacks-metrics.json, produced by
 * spec/vectors/tools/leakage_attacks_metrics.py from the formulas of spec/leakage.md §4 and §5.
 */
class AttacksMetricsKnownAnswerTest {
  private static double[] doubles(Vector v, String name) {
    List<?> list = v.list(name);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return out;
  }

  private static double number(Vector v, String name) {
    return ((Number) v.get(name)).doubleValue();
  }

  @Test
  void vectors_matchPythonReference() {
    List<Vector> vectors = Vectors.load("leakage/attacks-metrics.json");
    assertEquals(12, vectors.size());
    int[] kinds = new int[4];
    for (Vector v : vectors) {
      switch (v.string("kind")) {
        case "meanFilter" -> {
          kinds[0]++;
          assertArrayEquals(
              doubles(v, "expected"),
              MeanFilter.apply(doubles(v, "trace"), (int) v.longValue("L")),
              1e-9);
        }
        case "nonLocalMeans" -> {
          kinds[1]++;
          NonLocalMeans nlm =
              new NonLocalMeans(
                  (int) v.longValue("P"), (int) v.longValue("R"), number(v, "h"),
                  number(v, "sigma"));
          assertArrayEquals(doubles(v, "expected"), nlm.apply(doubles(v, "trace")), 1e-9);
        }
        case "nilm" -> {
          kinds[2]++;
          Nilm nilm = new Nilm(number(v, "theta"), (int) v.longValue("tau"), number(v, "epsilon"));
          assertEquals(
              new FeatureRecovery(
                  (int) v.longValue("tf"), (int) v.longValue("ef"),
                  (int) v.longValue("extracted"), (int) v.longValue("false")),
              nilm.compare(doubles(v, "original"), doubles(v, "attacked")));
        }
        case "mutualInformation" -> {
          kinds[3]++;
          double[] x = doubles(v, "x");
          double[] y = doubles(v, "y");
          int bins = (int) v.longValue("bins");
          assertEquals(number(v, "plugIn"), MutualInformation.plugIn(x, y, bins), 1e-12);
          assertEquals(number(v, "millerMadow"), MutualInformation.millerMadow(x, y, bins), 1e-12);
        }
        default -> throw new AssertionError(v.string("kind"));
      }
    }
    assertArrayEquals(new int[] {3, 3, 3, 3}, kinds);
  }
}
