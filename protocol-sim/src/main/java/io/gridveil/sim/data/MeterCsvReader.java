// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import io.gridveil.core.MeterId;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the plain layout {@code timestamp,meter,watts} (spec/sim.md §3.2): one power sample per
 * line; a meter's power holds from one of its samples to the next, and the energy of round j is
 * the integral of that step function over [t_0 + j I, t_0 + (j + 1) I), where t_0 is the earliest
 * timestamp of the file and I the round length.
 *
 * <p>Timestamps are ISO-8601 ({@code 2024-03-01T00:15:00Z}, with an offset, or without one, read
 * as UTC; a space may replace the {@code T}) or integer seconds since the epoch.
 */
public final class MeterCsvReader {
  /** The header, optional. */
  static final String HEADER = "timestamp,meter,watts";

  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");

  private final int intervalMinutes;
  private final int rounds;

  /**
   * Creates a reader for a run's rounds.
   *
   * @param intervalMinutes the round length, at least 1 minute
   * @param rounds the number of rounds, at least 1
   */
  public MeterCsvReader(int intervalMinutes, int rounds) {
    if (intervalMinutes < 1 || rounds < 1) {
      throw new IllegalArgumentException("interval and rounds must be at least 1");
    }
    this.intervalMinutes = intervalMinutes;
    this.rounds = rounds;
  }

  /**
   * Reads a file.
   *
   * @param in the file's lines
   * @param source the file name, for messages
   * @return one trace per meter, in the order of first appearance
   * @throws DataFormatException with a SIM-D check ID and the line of the first defect
   * @throws IOException if reading fails
   */
  public LoadSet read(BufferedReader in, String source) throws DataFormatException, IOException {
    Map<String, List<Sample>> meters = new LinkedHashMap<>();
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    CsvLines.forEachRecord(in, ',', source, (f, lineNo, first) -> {
      if (first && f.get(0).strip().toLowerCase(Locale.ROOT).equals("timestamp")) {
        // The header alone may have blanks around its names (spec/sim.md §3.3).
        if (!f.stream().map(String::strip).collect(Collectors.joining(",")).equalsIgnoreCase(HEADER)) {
          throw new DataFormatException(SimChecks.SIM_D_01, source, lineNo, "header must be " + HEADER);
        }
        return;
      }
      CsvLines.checkBlanks(f, source, lineNo);
      if (f.size() != 3) {
        throw new DataFormatException(
            SimChecks.SIM_D_02, source, lineNo, "expected 3 fields (timestamp,meter,watts), found " + f.size());
      }
      long t = parseTime(f.get(0), source, lineNo);
      String meter = f.get(1);
      if (!MeterId.isValid(meter)) {
        throw new DataFormatException(
            SimChecks.SIM_D_06, source, lineNo, "meter must be 1 to 64 characters of [A-Za-z0-9._:-]");
      }
      double watts = CsvLines.power(f.get(2), 1.0, "watts", source, lineNo);
      meters.computeIfAbsent(meter, m -> new ArrayList<>()).add(new Sample(t, watts, lineNo));
      span[0] = Math.min(span[0], t);
      span[1] = Math.max(span[1], t);
    });
    long t0 = span[0];
    long tLast = span[1];
    if (meters.isEmpty()) {
      throw new DataFormatException(SimChecks.SIM_D_08, source, 0, "no data line");
    }
    long interval = intervalMinutes * 60L;
    long covered = (tLast - t0) / interval + 1;
    if (covered < rounds) {
      throw new DataFormatException(
          SimChecks.SIM_D_08,
          source,
          0,
          "the data covers "
              + covered
              + " rounds of "
              + intervalMinutes
              + " minutes; ask for at most "
              + covered
              + " with --rounds");
    }
    long[][] traces = new long[meters.size()][];
    int k = 0;
    for (List<Sample> samples : meters.values()) {
      samples.sort(Comparator.comparingLong(Sample::time).thenComparingLong(Sample::line));
      for (int i = 1; i < samples.size(); i++) {
        if (samples.get(i).time() == samples.get(i - 1).time()) {
          throw new DataFormatException(
              SimChecks.SIM_D_07, source, samples.get(i).line(), "this meter already has a sample at this timestamp");
        }
      }
      traces[k++] = integrate(samples, t0, interval);
    }
    return new TableLoadSet(
        traces, "meter CSV file " + source + ": " + meters.size() + " meters");
  }

  /** Integrates a step function that holds each sample's power until the next sample. */
  private long[] integrate(List<Sample> samples, long t0, long interval) {
    double[] wattSeconds = new double[rounds];
    long end = t0 + interval * rounds;
    for (int i = 0; i < samples.size(); i++) {
      long from = i == 0 ? t0 : samples.get(i).time();
      long to = i + 1 < samples.size() ? samples.get(i + 1).time() : end;
      from = Math.min(from, end);
      to = Math.min(to, end);
      double w = samples.get(i).watts();
      while (from < to) {
        int j = (int) ((from - t0) / interval);
        long roundEnd = t0 + (j + 1) * interval;
        long stop = Math.min(to, roundEnd);
        wattSeconds[j] += w * (stop - from);
        from = stop;
      }
    }
    long[] out = new long[rounds];
    for (int j = 0; j < rounds; j++) {
      out[j] = PowerLimits.toWattHours(wattSeconds[j]);
    }
    return out;
  }

  private static long parseTime(String text, String source, long line) throws DataFormatException {
    if (EPOCH.matcher(text).matches()) {
      return Long.parseLong(text);
    }
    String iso = text.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toEpochSecond();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return Instant.parse(iso).getEpochSecond();
        } catch (DateTimeParseException e3) {
          throw new DataFormatException(
              SimChecks.SIM_D_03,
              source,
              line,
              "timestamp must be ISO-8601 (2024-03-01T00:15:00Z) or epoch seconds");
        }
      }
    }
  }

  /** One power sample with the line it came from. */
  private record Sample(long time, double watts, long line) {}
}
