// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.defence;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;

/**
 * A battery between the household and the meter with a best-effort flattening policy
 * (spec/leakage.md §7; seed 000 §IV-D).
 *
 * <p>In interval t of length dt hours, with household load h_t watts, the target is the running
 * mean m_t = (h_0 + ... + h_t) / (t + 1). If h_t &gt; m_t the battery discharges
 * d = min(h_t - m_t, rate, (s - s_min) / dt) watts; if h_t &lt; m_t it charges
 * c = min(m_t - h_t, rate, (s_max - s) / (eta dt)) watts, storing eta c dt. The meter records
 * h_t - d + c; the battery never exports (d &lt;= h_t since m_t &gt;= 0).
 *
 * @param capacityKwh the usable capacity, kWh, &gt;= 0
 * @param maxRateKw the maximum charge and discharge power, kW, &gt;= 0
 * @param efficiency eta, the fraction of charging energy stored, in (0, 1]
 * @param minStateOfCharge s_min as a fraction of capacity, in [0, 1]
 * @param maxStateOfCharge s_max as a fraction of capacity, in [s_min, 1]
 * @param initialStateOfCharge the starting state as a fraction of capacity, in [s_min, s_max]
 */
public record BatteryModel(
    double capacityKwh,
    double maxRateKw,
    double efficiency,
    double minStateOfCharge,
    double maxStateOfCharge,
    double initialStateOfCharge) {
  /**
   * Validates the parameters.
   *
   * @param capacityKwh the usable capacity, kWh, &gt;= 0
   * @param maxRateKw the maximum charge and discharge power, kW, &gt;= 0
   * @param efficiency eta, the fraction of charging energy stored, in (0, 1]
   * @param minStateOfCharge s_min as a fraction of capacity, in [0, 1]
   * @param maxStateOfCharge s_max as a fraction of capacity, in [s_min, 1]
   * @param initialStateOfCharge the starting state as a fraction of capacity, in [s_min, s_max]
   * @throws IllegalParameterException LEAK-P-14 if a parameter is out of range
   */
  public BatteryModel {
    Require.that(
        capacityKwh >= 0 && Double.isFinite(capacityKwh)
            && maxRateKw >= 0 && Double.isFinite(maxRateKw),
        LeakageChecks.LEAK_P_14,
        "capacity and rate must be finite and non-negative");
    Require.that(efficiency > 0 && efficiency <= 1, LeakageChecks.LEAK_P_14, "eta in (0, 1]");
    Require.that(
        0 <= minStateOfCharge && minStateOfCharge <= initialStateOfCharge
            && initialStateOfCharge <= maxStateOfCharge && maxStateOfCharge <= 1,
        LeakageChecks.LEAK_P_14,
        "0 <= s_min <= s_0 <= s_max <= 1");
  }

  /**
   * Returns a lossless battery that may use its whole capacity, starting half full.
   *
   * @param capacityKwh the capacity, kWh
   * @param maxRateKw the maximum power, kW
   * @return the model
   * @throws IllegalParameterException LEAK-P-14 if a parameter is out of range
   */
  public static BatteryModel ideal(double capacityKwh, double maxRateKw) {
    return new BatteryModel(capacityKwh, maxRateKw, 1.0, 0.0, 1.0, 0.5);
  }

  /**
   * Runs the policy on a household trace.
   *
   * @param householdWatts h, average household power per interval, watts, each &gt;= 0
   * @param intervalMinutes the interval length, minutes, positive
   * @return the metered trace and the state of charge
   * @throws IllegalParameterException LEAK-P-14 if the interval is not positive; LEAK-P-10 if the
   *     trace is empty, not finite, or negative somewhere
   */
  public BatteryTrace apply(double[] householdWatts, double intervalMinutes) {
    Require.that(
        intervalMinutes > 0 && Double.isFinite(intervalMinutes),
        LeakageChecks.LEAK_P_14,
        "the interval must be positive");
    Require.trace(householdWatts, "household trace");
    double dtHours = intervalMinutes / 60.0;
    double rateWatts = maxRateKw * 1000.0;
    double minWh = minStateOfCharge * capacityKwh * 1000.0;
    double maxWh = maxStateOfCharge * capacityKwh * 1000.0;
    double soc = initialStateOfCharge * capacityKwh * 1000.0;
    int n = householdWatts.length;
    double[] meter = new double[n];
    double[] socKwh = new double[n];
    double sum = 0;
    for (int t = 0; t < n; t++) {
      double h = householdWatts[t];
      Require.that(h >= 0, LeakageChecks.LEAK_P_10, "household load must be non-negative");
      sum += h;
      double target = sum / (t + 1);
      double m = h;
      if (h > target) {
        double d = Math.min(Math.min(h - target, rateWatts), Math.max(0, (soc - minWh) / dtHours));
        soc -= d * dtHours;
        m = h - d;
      } else if (h < target) {
        double c =
            Math.min(
                Math.min(target - h, rateWatts), Math.max(0, (maxWh - soc) / (efficiency * dtHours)));
        soc += efficiency * c * dtHours;
        m = h + c;
      }
      soc = Math.max(minWh, Math.min(maxWh, soc));
      meter[t] = m;
      socKwh[t] = soc / 1000.0;
    }
    return new BatteryTrace(meter, socKwh);
  }
}
