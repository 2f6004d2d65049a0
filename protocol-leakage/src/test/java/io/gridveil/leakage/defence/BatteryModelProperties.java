// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class BatteryModelProperties {
  @Property
  void stateOfChargeInBounds_energyBalances_noExport(
      @ForAll @Size(min = 1, max = 100) List<@DoubleRange(min = 0, max = 8000) Double> load,
      @ForAll @DoubleRange(min = 0, max = 20) double capacity,
      @ForAll @DoubleRange(min = 0, max = 7) double rate,
      @ForAll @DoubleRange(min = 0.5, max = 1) double eta,
      @ForAll @DoubleRange(min = 0, max = 0.4) double sMin,
      @ForAll @DoubleRange(min = 0.6, max = 1) double sMax,
      @ForAll @DoubleRange(min = 1, max = 60) double minutes) {
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
