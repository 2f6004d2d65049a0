// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;

/**
 * A meter's reading e_ij in one round: an integer count of a declared unit (spec/core.md §2.4).
 *
 * <p>Readings are sensitive: {@link #toString()} is redacted. A reading may be negative only for a
 * prosumer under parameters that allow signed readings (net metering); the range is enforced by
 * {@link AggregationParameters#check(Reading)}, not here, because the bound belongs to the group.
 *
 * @param value the fixed-point value in {@code unit}
 * @param unit the declared unit
 */
public record Reading(long value, ReadingUnit unit) {
  /**
   * Validates the unit.
   *
   * @param value the fixed-point value in {@code unit}
   * @param unit the declared unit
   * @throws NullPointerException if the unit is null
   */
  public Reading {
    Objects.requireNonNull(unit, "unit");
  }

  /**
   * Returns a reading in watt-hours.
   *
   * @param wattHours the energy in Wh
   * @return the reading
   */
  public static Reading ofWattHours(long wattHours) {
    return new Reading(wattHours, ReadingUnit.WATT_HOUR);
  }

  @Override
  public String toString() {
    return "Reading[redacted " + unit.symbol() + "]";
  }
}
