// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The CSV layer shared by the two layouts (spec/sim.md §3.3): records from FastCSV, the line-level
 * checks SIM-D-09 and SIM-D-10, and the power values (SIM-D-04, SIM-D-05).
 */
final class CsvLines {
  /** A plain decimal: optional sign, digits with an optional fraction; no exponent, hex, NaN or Infinity. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");

  /** The same with an exponent, to say why such a value is refused. */
  private static final Pattern WITH_EXPONENT =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[eE][+-]?[0-9]+");

  private CsvLines() {}

  /** What a reader does with each record of a file. */
  @FunctionalInterface
  interface RecordHandler {
    /**
     * Handles one record, whose line passed SIM-D-10.
     *
     * @param fields the record's fields, the first without a byte-order mark
     * @param line the 1-based line the record starts on
     * @param first whether this is the file's first record
     * @throws DataFormatException for a defect of the record
     */
    void handle(List<String> fields, long line, boolean first) throws DataFormatException;
  }

  /**
   * Reads every record of a file in the RFC 4180 syntax with the given separator, skipping empty
   * lines, and hands each to the handler after checking SIM-D-10.
   *
   * @param in the file
   * @param separator the layout's field separator
   * @param source the file name, for messages
   * @param handler the layout's checks and accumulation
   * @return the number of records read
   * @throws DataFormatException for the first defect
   * @throws IOException if reading fails
   */
  static long forEachRecord(BufferedReader in, char separator, String source, RecordHandler handler)
      throws DataFormatException, IOException {
    long records = 0;
    long lastLine = 0;
    // Field counts are the layouts' checks (SIM-D-02), not the parser's.
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(separator)
            .quoteCharacter('"')
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .ofCsvRecord(in)) {
      for (CsvRecord r : csv) {
        lastLine = r.getStartingLineNumber();
        List<String> fields = r.getFields();
        if (records == 0 && !fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) {
          fields = new ArrayList<>(fields);
          fields.set(0, fields.get(0).substring(1));
        }
        checkControls(fields, source, lastLine);
        handler.handle(fields, lastLine, records == 0);
        records++;
      }
    } catch (CsvParseException e) {
      // The parser's message may quote the data; it is not repeated (spec/sim.md §3.3).
      throw new DataFormatException(
          SimChecks.SIM_D_02,
          source,
          lastLine + 1,
          "not a CSV line (a quote is not closed, text follows a closing quote, or a field is too long)");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return records;
  }

  /** SIM-D-10: no control character anywhere in a record, quoted or not. */
  private static void checkControls(List<String> fields, String source, long line)
      throws DataFormatException {
    for (String f : fields) {
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        if (c < 0x20 || c == 0x7F) {
          throw new DataFormatException(
              SimChecks.SIM_D_10, source, line, "the line holds a control character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")");
        }
      }
    }
  }

  /**
   * SIM-D-09: no field of a data line has leading or trailing whitespace.
   *
   * @param fields the record's fields
   * @param source the file name
   * @param line the line number
   * @throws DataFormatException SIM-D-09 naming the first such field's position
   */
  static void checkBlanks(List<String> fields, String source, long line) throws DataFormatException {
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      if (!f.equals(f.strip())) {
        throw new DataFormatException(
            SimChecks.SIM_D_09,
            source,
            line,
            "field " + (i + 1) + " has leading or trailing whitespace");
      }
    }
  }

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
    if (!DECIMAL.matcher(text).matches()) {
      throw new DataFormatException(
          SimChecks.SIM_D_04,
          source,
          line,
          WITH_EXPONENT.matcher(text).matches()
              ? column + " is not a plain decimal number (an exponent is not allowed)"
              : column + " is not a decimal number");
    }
    double watts = Double.parseDouble(text) * toWatts;
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
