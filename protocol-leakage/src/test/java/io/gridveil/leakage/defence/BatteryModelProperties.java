// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatteryModelProperties {
  /** The battery's parameters: capacity (kWh), rate (kW), efficiency, SoC bounds (fractions). */
  record Battery(double capacity, double rate, double eta, double sMin, double sMax) {}

  @Test
  void stateOfChargeInBounds_energyBalances_noExport() {
    Gen<Battery> batteries = Gens.zip(Gens.doubles(0, 20), Gens.doubles(0, 7),
        Gens.doubles(0.5, 1), Gens.doubles(0, 0.4), Gens.doubles(0.6, 1), Battery::new);
    Pbt.property()
        .forAll(Gens.lists(Gens.doubles(0, 8000), 1, 100), batteries, Gens.doubles(1, 60))
        .check((load, battery, minutes) -> staysInBoundsAndBalances(
            load, battery.capacity(), battery.rate(), battery.eta(), battery.sMin(),
            battery.sMax(), minutes));
  }

  private static void staysInBoundsAndBalances(List<Double> load, double capacity, double rate,
      double eta, double sMin, double sMax, double minutes) {
    double[] h = load.stream().mapToDouble(Double::doubleValue).toArray();
    BatteryModel m = new BatteryModel(capacity, rate, eta, sMin, sMax, 0.5);
    BatteryTrace b = m.apply(h, minutes);
    double dt = minutes / 60;
    double prev = 0.5 * capacity;
    double[] meter = b.meterWatts();
    double[] soc = b.stateOfChargeKwh();
    for (int t = 0; t < h.length; t++) {
      assertTrue(meter[t] >= -1e-9, "no export");
      assertTrue(Math.abs(meter[t] - h[t]) <= rate * 1000 + 1e-6, "rate limit");
      assertTrue(soc[t] >= sMin * capacity - 1e-9 && soc[t] <= sMax * capacity + 1e-9, "bounds");
      double delta = meter[t] - h[t];
      double stored = delta >= 0 ? eta * delta * dt / 1000 : delta * dt / 1000;
      assertEquals(prev + stored, soc[t], 1e-9 * Math.max(1, capacity), "balance at " + t);
      prev = soc[t];
    }
  }
}
