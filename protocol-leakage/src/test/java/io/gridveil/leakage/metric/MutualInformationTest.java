// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.Seeded;
import org.junit.jupiter.api.Test;

class MutualInformationTest {
  private static final int N = 100_000;

  private static double[][] correlated(long seed, double rho) {
    RandomSource r = Seeded.of(seed);
    double[] x = new double[N];
    double[] y = new double[N];
    double c = Math.sqrt(1 - rho * rho);
    for (int i = 0; i < N; i++) {
      x[i] = r.nextGaussian();
      y[i] = rho * x[i] + c * r.nextGaussian();
    }
    return new double[][] {x, y};
  }

  @Test
  void gaussianClosedForm_handValues() {
    assertEquals(0.0, MutualInformation.gaussian(0.0));
    // -1/2 ln(1 - 0.64) = -1/2 ln 0.36 = ln(1/0.6) = 0.5108256237659907.
    assertEquals(0.5108256237659907, MutualInformation.gaussian(0.8), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> MutualInformation.gaussian(1.0));
  }

  @Test
  void independentData_estimateNearZero_correctionRemovesBias() {
    double[][] d = correlated(20, 0.0);
    double mm = MutualInformation.millerMadow(d[0], d[1], 16);
    double plug = MutualInformation.plugIn(d[0], d[1], 16);
    assertTrue(Math.abs(mm) < 0.001, "Miller-Madow " + mm);
    // Plug-in bias about (k - 1)^2 / (2N) = 0.0011.
    assertTrue(plug > mm && plug > 0.0005, "plug-in " + plug);
  }

  @Test
  void gaussianData_estimateNearClosedForm() {
    for (double rho : new double[] {0.3, 0.6, 0.8}) {
      double[][] d = correlated(21, rho);
      double mm = MutualInformation.millerMadow(d[0], d[1], 30);
      double exact = MutualInformation.gaussian(rho);
      assertEquals(exact, mm, 0.03 * Math.max(1, exact / 0.5), "rho " + rho);
    }
  }

  @Test
  void badParameters_areRefused() {
    assertRefused("LEAK-P-07", () -> MutualInformation.millerMadow(new double[2], new double[2], 1));
    assertRefused("LEAK-P-10", () -> MutualInformation.plugIn(new double[2], new double[3], 4));
  }
}
