// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.defence;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.leakage.metric.FeatureRecovery;
import io.gridveil.leakage.metric.Nilm;
import org.junit.jupiter.api.Test;

class BatteryModelTest {
  /** 100 W base load with a 2 kW kettle for two intervals every 10 intervals. */
  private static double[] kettleTrace() {
    double[] h = new double[60];
    for (int t = 0; t < h.length; t++) {
      h[t] = (t % 10 == 5 || t % 10 == 6) ? 2100 : 100;
    }
    return h;
  }

  @Test
  void zeroCapacity_leavesTheTraceUnchanged() {
    double[] h = kettleTrace();
    BatteryTrace b = BatteryModel.ideal(0, 5).apply(h, 1);
    assertArrayEquals(h, b.meterWatts());
  }

  @Test
  void largeIdealBattery_metersTheRunningMean() {
    double[] h = {100, 300, 200, 1000};
    // Running means 100, 200, 200, 400, by hand.
    BatteryTrace b = BatteryModel.ideal(100, 100).apply(h, 30);
    assertArrayEquals(new double[] {100, 200, 200, 400}, b.meterWatts(), 1e-9);
    // SoC (kWh): 50, +0.1 kW * 0.5 h charged = 50, -0.1*0.5... by hand: t1 discharge 100 W for
    // 0.5 h = 0.05 kWh; t3 discharge 600 W for 0.5 h = 0.3 kWh.
    assertArrayEquals(new double[] {50, 49.95, 49.95, 49.65}, b.stateOfChargeKwh(), 1e-9);
  }

  @Test
  void rateLimit_boundsTheCorrection() {
    double[] h = {0, 4000};
    // Target at t1 is 2000 W; discharge limited to 500 W.
    BatteryTrace b = BatteryModel.ideal(10, 0.5).apply(h, 60);
    assertArrayEquals(new double[] {0, 3500}, b.meterWatts(), 1e-9);
  }

  @Test
  void stateOfCharge_staysWithinBoundsAndEnergyBalances() {
    BatteryModel m = new BatteryModel(0.2, 3, 0.9, 0.1, 0.9, 0.5);
    double[] h = kettleTrace();
    double dt = 15.0 / 60;
    BatteryTrace b = m.apply(h, 15);
    double[] meter = b.meterWatts();
    double[] soc = b.stateOfChargeKwh();
    double prev = 0.5 * 0.2;
    for (int t = 0; t < h.length; t++) {
      assertTrue(soc[t] >= 0.02 - 1e-12 && soc[t] <= 0.18 + 1e-12, "SoC " + soc[t]);
      assertTrue(meter[t] >= 0, "no export");
      double delta = meter[t] - h[t]; // + charging, - discharging, watts
      double stored = delta >= 0 ? 0.9 * delta * dt / 1000 : delta * dt / 1000;
      assertEquals(prev + stored, soc[t], 1e-9, "energy balance at " + t);
      prev = soc[t];
    }
  }

  @Test
  void bigBattery_hidesKettleEdges() {
    double[] h = kettleTrace();
    FeatureRecovery none = Nilm.DEFAULT.compare(h, h);
    assertEquals(12, none.totalFeatures());
    FeatureRecovery hidden = Nilm.DEFAULT.compare(h, BatteryModel.ideal(20, 5).apply(h, 1).meterWatts());
    assertTrue(hidden.ratio() < 0.2, "EF/TF " + hidden.ratio());
    FeatureRecovery small = Nilm.DEFAULT.compare(h, BatteryModel.ideal(20, 0.1).apply(h, 1).meterWatts());
    assertTrue(small.ratio() > hidden.ratio(), "a low rate hides less");
  }

  @Test
  void badParameters_areRefused() {
    assertRefused("LEAK-P-14", () -> BatteryModel.ideal(-1, 1));
    assertRefused("LEAK-P-14", () -> BatteryModel.ideal(1, Double.NaN));
    assertRefused("LEAK-P-14", () -> new BatteryModel(1, 1, 0, 0, 1, 0.5));
    assertRefused("LEAK-P-14", () -> new BatteryModel(1, 1, 1, 0.6, 1, 0.5));
    assertRefused("LEAK-P-14", () -> BatteryModel.ideal(1, 1).apply(new double[] {1}, 0));
    assertRefused("LEAK-P-10", () -> BatteryModel.ideal(1, 1).apply(new double[] {-1}, 1));
  }
}
