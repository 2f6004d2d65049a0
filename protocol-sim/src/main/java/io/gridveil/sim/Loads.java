// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.data.DataFormatException;
import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.data.MeterCsvReader;
import io.gridveil.sim.data.UciCsvReader;
import io.gridveil.sim.data.SyntheticLoads;
import io.gridveil.sim.run.SimulationConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the households' loads: a data file or the synthetic generator (spec/sim.md §3). */
final class Loads {
  private Loads() {}

  static LoadSet open(RunOptions o, SimulationConfig config) throws UsageException, DataFormatException {
    Path data = o.data;
    if (data == null) {
      return SyntheticLoads.create(config.seed(), config.intervalMinutes(), config.meters());
    }
    String name = data.toString();
    RunOptions.DataLayout layout = o.format;
    try {
      if (layout == RunOptions.DataLayout.AUTO) {
        try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
          String first = in.readLine();
          layout =
              first != null && first.replace("\uFEFF", "").startsWith("Date;Time")
                  ? RunOptions.DataLayout.UCI
                  : RunOptions.DataLayout.METER;
        }
      }
      try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
        if (layout == RunOptions.DataLayout.UCI) {
          if ((long) config.rounds() * config.intervalMinutes() > 1440) {
            throw new UsageException(
                "--data " + name + ": UCI data gives one day per household, so --rounds x --interval must be at most 1440 minutes");
          }
          return new UciCsvReader(config.intervalMinutes(), config.rounds()).read(in, name);
        }
        return new MeterCsvReader(config.intervalMinutes(), config.rounds()).read(in, name);
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("--data " + name + ": no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UsageException("--data " + name + ": not a UTF-8 text file");
    } catch (IOException e) {
      throw new UsageException("--data " + name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
