// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.household;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import org.junit.jupiter.api.Test;

class HouseholdGeneratorTest {
  @Test
  void sameSeed_sameLoads_differentSeeds_differentHouseholds() {
    HouseholdProfile a = HouseholdGenerator.drawProfile(DeterministicRandomSource.fromSeed(1));
    HouseholdProfile b = HouseholdGenerator.drawProfile(DeterministicRandomSource.fromSeed(1));
    HouseholdProfile c = HouseholdGenerator.drawProfile(DeterministicRandomSource.fromSeed(2));
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertArrayEquals(HouseholdGenerator.day(a, 3, 10, DeterministicRandomSource.fromSeed(9)),
        HouseholdGenerator.day(b, 3, 10, DeterministicRandomSource.fromSeed(9)));
  }

  @Test
  void day_averagesMinutesToResolution_andLooksLikeAHome() {
    RandomSource rng = DeterministicRandomSource.fromSeed(3);
    double totalKwh = 0;
    double nightMean = 0;
    double eveningMean = 0;
    int houses = 300;
    for (int h = 0; h < houses; h++) {
      HouseholdProfile p = HouseholdGenerator.drawProfile(rng);
      RandomSource dayRng = DeterministicRandomSource.fromSeed(1000 + h);
      double[] minutes = HouseholdGenerator.minuteLoad(p, 1, dayRng);
      double[] tenMin = HouseholdGenerator.day(p, 1, 10, DeterministicRandomSource.fromSeed(1000 + h));
      assertEquals(144, tenMin.length);
      double s = 0;
      for (int k = 0; k < 10; k++) {
        s += minutes[k];
      }
      assertEquals(s / 10, tenMin[0], 1e-9);
      for (double w : minutes) {
        assertTrue(w >= 0 && w < 12_000);
        totalKwh += w / 60 / 1000;
      }
      nightMean += tenMin[18] / houses; // 03:00
      eveningMean += tenMin[114] / houses; // 19:00
    }
    double perHouse = totalKwh / houses;
    // A plausible daily consumption for European homes, with an evening peak over the night.
    assertTrue(perHouse > 4 && perHouse < 20, "kWh per day " + perHouse);
    assertTrue(eveningMean > 2 * nightMean, nightMean + " / " + eveningMean);
  }

  @Test
  void appliancesLeaveEdges_aboveTheNilmThreshold() {
    RandomSource rng = DeterministicRandomSource.fromSeed(4);
    int edges = 0;
    for (int h = 0; h < 20; h++) {
      double[] w = HouseholdGenerator.day(HouseholdGenerator.drawProfile(rng), 2, 10, rng);
      for (int j = 1; j < w.length; j++) {
        if (Math.abs(w[j] - w[j - 1]) >= 300) {
          edges++;
        }
      }
    }
    assertTrue(edges >= 20 * 4, "edges " + edges);
  }

  @Test
  void manyDays_andWattHours() {
    RandomSource rng = DeterministicRandomSource.fromSeed(5);
    HouseholdProfile p = HouseholdGenerator.drawProfile(rng);
    double[] week = HouseholdGenerator.days(p, 0, 7, 15, rng);
    assertEquals(7 * 96, week.length);
    long[] wh = HouseholdGenerator.toWattHours(new double[] {600, 61, 0}, 15);
    assertArrayEquals(new long[] {150, 15, 0}, wh);
  }

  @Test
  void invalidResolutionOrCounts_areRefused() {
    HouseholdProfile p = HouseholdGenerator.drawProfile(DeterministicRandomSource.fromSeed(6));
    RandomSource rng = DeterministicRandomSource.fromSeed(7);
    assertRefused("DIST-P-10", () -> HouseholdGenerator.day(p, 0, 7, rng));
    assertRefused("DIST-P-10", () -> HouseholdGenerator.day(p, 0, 0, rng));
    assertRefused("DIST-P-10", () -> HouseholdGenerator.days(p, 0, 0, 10, rng));
    assertRefused("DIST-P-10", () -> HouseholdGenerator.minuteLoad(p, -1, rng));
    assertRefused("DIST-P-10", () -> HouseholdGenerator.crossSection(0, 0, 0, 10, rng));
    assertRefused("DIST-P-10", () -> HouseholdGenerator.crossSection(5, 0, 144, 10, rng));
  }
}
