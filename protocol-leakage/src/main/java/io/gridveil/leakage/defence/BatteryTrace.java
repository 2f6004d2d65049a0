// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.defence;

/**
 * The result of running a battery on a household trace (spec/leakage.md §7.2): what the meter
 * records and the battery's state of charge after each interval.
 */
public final class BatteryTrace {
  private final double[] meterWatts;
  private final double[] stateOfChargeKwh;

  BatteryTrace(double[] meterWatts, double[] stateOfChargeKwh) {
    this.meterWatts = meterWatts.clone();
    this.stateOfChargeKwh = stateOfChargeKwh.clone();
  }

  /**
   * Returns the metered trace: household load plus charging minus discharging, watts.
   *
   * @return a copy of the metered trace
   */
  public double[] meterWatts() {
    return meterWatts.clone();
  }

  /**
   * Returns the state of charge at the end of each interval, kWh.
   *
   * @return a copy of the state-of-charge trace
   */
  public double[] stateOfChargeKwh() {
    return stateOfChargeKwh.clone();
  }

  @Override
  public String toString() {
    return "BatteryTrace[intervals=" + meterWatts.length + "]";
  }
}
