// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the layout of the UCI "Individual household electric power consumption" data set (spec/sim.md
 * §3.1): {@code Date;Time;Global_active_power;...} with one line per minute, the power in kW and
 * {@code ?} where a value is missing.
 *
 * <p>The set records one household; each complete day of the file becomes one simulated household
 * (a household-day), and meter k of the run replays household-day k modulo their number.
 */
public final class UciCsvReader {
  /** The first three columns of the header. */
  static final String HEADER_PREFIX = "Date;Time;Global_active_power";

  /** The number of fields of every data line. */
  static final int FIELDS = 9;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("H:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private final int intervalMinutes;
  private final int rounds;

  /**
   * Creates a reader for a run's rounds.
   *
   * @param intervalMinutes the round length, from 1 to 1440 minutes
   * @param rounds the number of rounds, at most one day's worth
   * @throws IllegalArgumentException if the rounds do not fit in one day
   */
  public UciCsvReader(int intervalMinutes, int rounds) {
    if (intervalMinutes < 1 || rounds < 1 || (long) intervalMinutes * rounds > 1440) {
      throw new IllegalArgumentException(
          "UCI data gives one day per household: rounds x interval must be at most 1440 minutes");
    }
    this.intervalMinutes = intervalMinutes;
    this.rounds = rounds;
  }

  /**
   * Reads a file.
   *
   * @param in the file's lines
   * @param source the file name, for messages
   * @return the household-days that cover every round
   * @throws DataFormatException with a SIM-D check ID and the line of the first defect
   * @throws IOException if reading fails
   */
  public LoadSet read(BufferedReader in, String source) throws DataFormatException, IOException {
    Map<LocalDate, Day> days = new LinkedHashMap<>();
    long records = CsvLines.forEachRecord(in, ';', source, (f, line, first) -> {
      if (first) {
        if (!String.join(";", f).startsWith(HEADER_PREFIX)) {
          throw new DataFormatException(
              SimChecks.SIM_D_01, source, line, "header must start with " + HEADER_PREFIX);
        }
        return;
      }
      minute(f, line, source, days);
    });
    if (records == 0) {
      throw new DataFormatException(
          SimChecks.SIM_D_01, source, 1, "header must start with " + HEADER_PREFIX);
    }
    List<long[]> traces = new ArrayList<>();
    int skipped = 0;
    for (Day d : days.values()) {
      long[] trace = d.trace(intervalMinutes);
      if (trace.length == 0) {
        skipped++;
      } else {
        traces.add(trace);
      }
    }
    if (traces.isEmpty()) {
      throw new DataFormatException(
          SimChecks.SIM_D_08,
          source,
          0,
          "no day has a value in each of the "
              + rounds
              + " rounds of "
              + intervalMinutes
              + " minutes");
    }
    String description =
        "UCI household power file "
            + source
            + ": "
            + traces.size()
            + " household-days"
            + (skipped > 0
                ? " (" + skipped + (skipped == 1 ? " day" : " days") + " lacking data for a round skipped)"
                : "");
    return new TableLoadSet(traces.toArray(new long[0][]), description);
  }

  /** Checks one data line and adds its minute to its day. */
  private void minute(List<String> f, long lineNo, String source, Map<LocalDate, Day> days)
      throws DataFormatException {
    CsvLines.checkBlanks(f, source, lineNo);
    if (f.size() != FIELDS) {
      throw new DataFormatException(
          SimChecks.SIM_D_02,
          source,
          lineNo,
          "expected " + FIELDS + " fields separated by ';', found " + f.size());
    }
    LocalDate date;
    LocalTime time;
    try {
      date = LocalDate.parse(f.get(0), DATE);
      time = LocalTime.parse(f.get(1), TIME);
    } catch (DateTimeParseException e) {
      throw new DataFormatException(
          SimChecks.SIM_D_03, source, lineNo, "Date must be d/M/yyyy and Time H:mm:ss");
    }
    int minute = time.getHour() * 60 + time.getMinute();
    Day day = days.computeIfAbsent(date, d -> new Day(rounds));
    if (day.seen.get(minute)) {
      throw new DataFormatException(
          SimChecks.SIM_D_07, source, lineNo, "minute " + f.get(0) + " " + f.get(1) + " repeats");
    }
    day.seen.set(minute);
    String p = f.get(2);
    if (p.equals("?")) {
      return;
    }
    double watts = CsvLines.power(p, 1000.0, "Global_active_power", source, lineNo);
    int slot = minute / intervalMinutes;
    if (slot < rounds) {
      day.watts[slot] += watts;
      day.present[slot]++;
    }
  }

  /** The minutes of one day, summed per round. */
  private static final class Day {
    final BitSet seen = new BitSet(1440);
    final double[] watts;
    final int[] present;

    Day(int rounds) {
      watts = new double[rounds];
      present = new int[rounds];
    }

    /** Returns the energy per round, the mean power of the present minutes over the whole round; empty if a round has none. */
    long[] trace(int intervalMinutes) {
      long[] out = new long[watts.length];
      for (int j = 0; j < watts.length; j++) {
        if (present[j] == 0) {
          return new long[0];
        }
        double meanWatts = watts[j] / present[j];
        out[j] = PowerLimits.toWattHours(meanWatts * intervalMinutes * 60.0);
      }
      return out;
    }
  }
}
