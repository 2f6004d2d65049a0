// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import org.junit.jupiter.api.Test;

/** spec/distortion.md §5.1 against Python's math.erfc (spec/vectors/tools/gen_distortion.py). */
class NormalDistributionKnownAnswerTest {
  /** The tolerance that normal.json declares (spec/distortion.md §5.1). */
  private static final Vector TOLERANCE =
      Vectors.parameters("distortion/normal.json").object("tolerance");
  private static final double RELATIVE =
      Double.parseDouble(TOLERANCE.get("relative").toString());
  private static final double ABSOLUTE_SUBNORMAL =
      Double.parseDouble(TOLERANCE.get("absoluteBelow2^-1022").toString());

  private static void assertRelative(double expected, double actual, double tol, String what) {
    if (Math.abs(expected) < Double.MIN_NORMAL) {
      // CALERF returns 0 beyond x = 26.543, where erfc is subnormal.
      assertEquals(expected, actual, ABSOLUTE_SUBNORMAL, what);
    } else {
      assertTrue(Math.abs(actual - expected) <= tol * Math.abs(expected),
          what + ": expected " + expected + " got " + actual);
    }
  }

  @Test
  void erfcAndTails_matchIndependentValues_toFewUlps() {
    int checked = 0;
    for (Vector v : Vectors.load("distortion/normal.json")) {
      if (v.has("x")) {
        double x = Double.parseDouble(v.string("x"));
        assertRelative(Double.parseDouble(v.string("erfc")), NormalDistribution.erfc(x), RELATIVE,
            "erfc(" + x + ")");
      } else {
        double t = Double.parseDouble(v.string("t"));
        assertRelative(Double.parseDouble(v.string("cdf")), NormalDistribution.cdf(t), RELATIVE,
            "cdf(" + t + ")");
        assertRelative(Double.parseDouble(v.string("upper")), NormalDistribution.upperTail(t),
            RELATIVE, "upper(" + t + ")");
      }
      checked++;
    }
    assertTrue(checked >= 30);
  }

  @Test
  void mass_inFarUpperTail_doesNotCancel() {
    // Pr(9 < Z <= 10) = Q(9) - Q(10) ~ 1.13e-19; a difference of cdf values would give 0.
    double m = NormalDistribution.mass(9, 10);
    assertRelative(1.1285122074236006e-19, m, 1e-12, "mass(9, 10)");
    assertEquals(0.0, NormalDistribution.mass(50, 60));
    assertEquals(1.0, NormalDistribution.mass(-40, 40), 1e-16);
  }
}
