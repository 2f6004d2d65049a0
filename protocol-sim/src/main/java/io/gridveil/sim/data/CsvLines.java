// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import java.util.regex.Pattern;

/** Field-level parsing shared by the two CSV layouts (spec/sim.md §3). */
final class CsvLines {
  /** A plain decimal: optional sign, digits, optional fraction, optional exponent; no hex, NaN or Infinity. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?");

  private CsvLines() {}

  /**
   * Parses a power value in a unit, checking SIM-D-04 and SIM-D-05.
   *
   * @param text the field
   * @param toWatts the factor from the field's unit to watts
   * @param column the column name, for the message
   * @param source the file name
   * @param line the line number
   * @return the power in W
   */
  static double power(String text, double toWatts, String column, String source, long line)
      throws DataFormatException {
    String t = text.trim();
    if (!DECIMAL.matcher(t).matches()) {
      throw new DataFormatException(
          SimChecks.SIM_D_04, source, line, column + " is not a decimal number");
    }
    double watts = Double.parseDouble(t) * toWatts;
    if (!PowerLimits.admissible(watts)) {
      throw new DataFormatException(
          SimChecks.SIM_D_05,
          source,
          line,
          column + " must be between 0 and " + (long) PowerLimits.MAX_WATTS + " W");
    }
    return watts;
  }
}
