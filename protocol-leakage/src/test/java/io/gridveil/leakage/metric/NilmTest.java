// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NilmTest {
  private static final double[] ORIGINAL = {0, 0, 500, 500, 100, 100, 2000, 1900};

  @Test
  void edges_handMadeTrace() {
    assertEquals(
        List.of(new Edge(2, true, 500), new Edge(4, false, 400), new Edge(6, true, 1900)),
        Nilm.DEFAULT.edges(ORIGINAL));
  }

  @Test
  void edges_deltaExactlyAtThreshold_counts() {
    assertEquals(List.of(new Edge(1, true, 300)), Nilm.DEFAULT.edges(new double[] {0, 300, 350}));
    assertEquals(List.of(), Nilm.DEFAULT.edges(new double[] {0, 299.9}));
  }

  @Test
  void compare_identicalTraces_recoverEveryFeature() {
    FeatureRecovery f = Nilm.DEFAULT.compare(ORIGINAL, ORIGINAL);
    assertEquals(new FeatureRecovery(3, 3, 3, 0), f);
    assertEquals(1.0, f.ratio());
  }

  @Test
  void compare_shiftedByOneSample_matchesWithinTolerance() {
    double[] shifted = {0, 0, 0, 500, 500, 100, 100, 2000};
    assertEquals(new FeatureRecovery(3, 3, 3, 0), Nilm.DEFAULT.compare(ORIGINAL, shifted));
    assertEquals(
        new FeatureRecovery(3, 0, 3, 3), new Nilm(300, 0, 300).compare(ORIGINAL, shifted));
  }

  @Test
  void compare_wrongDirectionOrMagnitude_isAFalseFeature() {
    // ON 1000 at 2 (magnitude off by 500 > 300), OFF at 4 matches, OFF at 6 (wrong direction).
    double[] attacked = {0, 0, 1000, 1000, 600, 600, 0, 0};
    FeatureRecovery f = Nilm.DEFAULT.compare(ORIGINAL, attacked);
    assertEquals(new FeatureRecovery(3, 1, 3, 2), f);
    assertEquals(1.0 / 3, f.ratio(), 1e-15);
    assertEquals(2.0 / 3, f.falseRatio(), 1e-15);
    // With a loose magnitude tolerance the ON edge matches too.
    assertEquals(2, new Nilm(300, 1, 600).compare(ORIGINAL, attacked).effectiveFeatures());
  }

  @Test
  void match_isOneToOneAndNearestFirst() {
    List<Edge> original = List.of(new Edge(2, true, 500), new Edge(3, true, 500));
    List<Edge> attacked = List.of(new Edge(3, true, 500));
    // The first original edge takes the only attacked edge; the second finds none.
    assertEquals(new FeatureRecovery(2, 1, 1, 0), Nilm.DEFAULT.match(original, attacked));
    // Nearest in time wins: the edge at 5 goes to the original at 5, leaving 4 for 3.
    List<Edge> o2 = List.of(new Edge(3, true, 500), new Edge(5, true, 500));
    List<Edge> a2 = List.of(new Edge(4, true, 500), new Edge(5, true, 500));
    assertEquals(new FeatureRecovery(2, 2, 2, 0), Nilm.DEFAULT.match(o2, a2));
    assertEquals(0.0, new FeatureRecovery(0, 0, 2, 2).ratio());
    assertEquals(0.0, new FeatureRecovery(0, 0, 2, 2).falseRatio());
  }

  @Test
  void mse_handComputed() {
    assertEquals(12.5, TraceMetrics.mse(new double[] {0, 0}, new double[] {3, 4}));
  }

  @Test
  void badParameters_areRefused() {
    assertRefused("LEAK-P-09", () -> new Nilm(0, 1, 1));
    assertRefused("LEAK-P-09", () -> new Nilm(300, -1, 1));
    assertRefused("LEAK-P-09", () -> new Nilm(300, 1, -1));
    assertRefused("LEAK-P-10", () -> Nilm.DEFAULT.compare(new double[] {1, 2}, new double[] {1}));
    assertRefused("LEAK-P-10", () -> TraceMetrics.mse(new double[0], new double[0]));
    assertRefused("LEAK-P-10",
        () -> TraceMetrics.mse(new double[] {Double.POSITIVE_INFINITY}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new Edge(0, true, 1));
    assertThrows(IllegalArgumentException.class, () -> new FeatureRecovery(1, 2, 2, 0));
  }
}
