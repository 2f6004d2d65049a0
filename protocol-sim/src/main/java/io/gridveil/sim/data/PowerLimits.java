// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

/**
 * The admissible power of one household and its conversion into per-round energy (spec/sim.md
 * §3.3).
 */
public final class PowerLimits {
  /** The largest average power of one household, in watts: 50 kW, beyond any domestic supply. */
  public static final double MAX_WATTS = 50_000.0;

  private PowerLimits() {}

  /**
   * Returns t_max for a round length: the energy of {@link #MAX_WATTS} over the round, in Wh.
   *
   * @param intervalMinutes the round length in minutes, at least 1
   * @return the largest reading e_ij in Wh
   */
  public static long tMaxWattHours(int intervalMinutes) {
    if (intervalMinutes < 1) {
      throw new IllegalArgumentException("interval must be at least 1 minute");
    }
    return (long) Math.ceil(MAX_WATTS * intervalMinutes / 60.0);
  }

  /**
   * Converts energy in watt-seconds into a whole number of watt-hours, rounding half up.
   *
   * @param wattSeconds the energy, at least 0
   * @return the energy in Wh
   */
  static long toWattHours(double wattSeconds) {
    return Math.round(wattSeconds / 3600.0);
  }

  /**
   * Tells whether a power value is admissible: finite, at least 0 and at most {@link #MAX_WATTS}.
   *
   * @param watts the average power in W
   * @return true if admissible
   */
  static boolean admissible(double watts) {
    return watts >= 0 && watts <= MAX_WATTS;
  }
}
