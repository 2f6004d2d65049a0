// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecialFunctionsKnownAnswerTest {
  @Test
  void vectors_matchPythonReference() {
    List<Vector> vectors = Vectors.load("leakage/special-functions.json");
    assertEquals(26, vectors.size());
    for (Vector v : vectors) {
      double x = Double.parseDouble(v.string("x"));
      double expected = Double.parseDouble(v.string("expected"));
      double actual =
          switch (v.string("function")) {
            case "lnGamma" -> SpecialFunctions.lnGamma(x);
            case "chiSquareSurvival" -> SpecialFunctions.chiSquareSurvival(x, v.longValue("df"));
            case "kolmogorovSurvival" -> SpecialFunctions.kolmogorovSurvival(x);
            default -> throw new AssertionError(v.string("function"));
          };
      double tolerance = 1e-11 * Math.max(1.0, Math.abs(expected));
      assertEquals(expected, actual, tolerance, v.string("function") + "(" + x + ")");
    }
  }

  @Test
  void gammaPAndQ_areComplementsAndHaveClosedFormForShapeOne() {
    for (double x : new double[] {0.0, 0.1, 1.0, 2.0, 7.5, 40.0}) {
      assertEquals(Math.exp(-x), SpecialFunctions.regularizedGammaQ(1, x), 1e-14);
      assertEquals(1.0, SpecialFunctions.regularizedGammaP(3.3, x)
          + SpecialFunctions.regularizedGammaQ(3.3, x), 1e-14);
    }
  }

  @Test
  void kolmogorov_edges() {
    assertEquals(1.0, SpecialFunctions.kolmogorovSurvival(0.0));
    assertEquals(0.0, SpecialFunctions.kolmogorovSurvival(20.0), 1e-300);
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.kolmogorovSurvival(-1));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.lnGamma(0));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaQ(0, 1));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaP(1, -1));
  }
}
