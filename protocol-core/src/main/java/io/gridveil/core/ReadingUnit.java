// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * The declared unit of a fixed-point reading (spec/core.md §2.4): the integer value of a
 * {@link Reading} counts this unit.
 */
public enum ReadingUnit {
  /** Energy in watt-hours over the period. */
  WATT_HOUR("Wh"),
  /** Energy in milliwatt-hours over the period. */
  MILLIWATT_HOUR("mWh"),
  /** Mean power in watts over the period. */
  WATT("W"),
  /** Mean power in milliwatts over the period. */
  MILLIWATT("mW");

  private final String symbol;

  ReadingUnit(String symbol) {
    this.symbol = symbol;
  }

  /**
   * Returns the unit's symbol.
   *
   * @return for example {@code "Wh"}
   */
  public String symbol() {
    return symbol;
  }
}
