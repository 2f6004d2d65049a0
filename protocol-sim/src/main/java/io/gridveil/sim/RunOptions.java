// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.run.FaultSpec;
import io.gridveil.sim.run.SimulationConfig;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options shared by {@code simulate} and {@code compare} (spec/sim.md §2.1). */
final class RunOptions {
  /** Households per group when --groups is not given. */
  static final int DEFAULT_GROUP_SIZE = 100;

  @Option(names = "--meters", defaultValue = "100", paramLabel = "N",
      description = "Number of households (default: ${DEFAULT-VALUE}).")
  int meters = 100;

  @Option(names = "--groups", paramLabel = "G",
      description = "Number of aggregation groups (default: one per " + DEFAULT_GROUP_SIZE + " households).")
  @Nullable Integer groups;

  @Option(names = "--rounds", defaultValue = "96", paramLabel = "R",
      description = "Number of rounds (default: ${DEFAULT-VALUE}, one day of 15-minute rounds).")
  int rounds = 96;

  @Option(names = "--interval", defaultValue = "15", paramLabel = "MINUTES",
      description = "Round length in minutes (default: ${DEFAULT-VALUE}).")
  int interval = 15;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
      description = "Seed of every random draw: loads, keys, noise, faults (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--faults", defaultValue = "none", paramLabel = "LIST", converter = FaultConverter.class,
      description = "Comma-separated faults: drop=P, duplicate=P, delay=P[:T], reorder, fail=P (a meter is down "
          + "for a round), lc-fail=J (every local concentrator fails in round J), or none (default).")
  FaultSpec faults = FaultSpec.NONE;

  @Option(names = "--min-group", defaultValue = "5", paramLabel = "K",
      description = "Smallest number of contributors a round may be decrypted over (default: ${DEFAULT-VALUE}).")
  int minGroup = 5;

  @Option(names = "--data", paramLabel = "FILE",
      description = "Real readings as CSV: the UCI household power layout (Date;Time;Global_active_power;...) "
          + "or timestamp,meter,watts. Default: synthetic appliance-level households.")
  @Nullable Path data;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
      description = "Layout of --data: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, from the header).")
  DataLayout format = DataLayout.AUTO;

  @Option(names = "--out", defaultValue = "gridveil-out", paramLabel = "DIR",
      description = "Directory for report.json and the SVG plots (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("gridveil-out");

  @Option(names = "--paillier-bits", defaultValue = "2048", paramLabel = "BITS",
      description = "Paillier modulus size for blinding (default: ${DEFAULT-VALUE}; generated once per run).")
  int paillierBits = 2048;

  @Option(names = "--sigma", defaultValue = "1.0", paramLabel = "RATIO",
      description = "Distortion noise sigma as a multiple of the standard deviation of the true readings "
          + "(default: ${DEFAULT-VALUE}).")
  double sigmaRatio = 1.0;

  /**
   * Builds the run's settings.
   *
   * @return the settings
   * @throws UsageException naming the first bad option
   */
  SimulationConfig config() throws UsageException {
    int g = groups != null ? groups : Math.max(1, Math.round(meters / (float) DEFAULT_GROUP_SIZE));
    try {
      return new SimulationConfig(meters, g, rounds, interval, seed, faults, minGroup);
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Returns the scheme-specific settings.
   *
   * @return the settings
   * @throws UsageException if one is out of range
   */
  DriverSettings settings() throws UsageException {
    if (!(sigmaRatio > 0 && sigmaRatio <= 100)) {
      throw new UsageException("--sigma must be in (0, 100]");
    }
    return new DriverSettings(paillierBits, sigmaRatio);
  }

  /**
   * Checks, before the run, that --out names a directory or a path where one can be created: the
   * nearest existing path on it must be a directory (spec/sim.md §2.1).
   *
   * @throws UsageException if --out is a file or lies under one
   */
  void checkOut() throws UsageException {
    Path p = out.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      p = p.getParent();
    }
    if (p != null && !Files.isDirectory(p)) {
      throw new UsageException(
          "--out "
              + out
              + ": "
              + (p.equals(out.toAbsolutePath().normalize()) ? "exists and is not a directory" : p + " is not a directory"));
    }
    if (p != null && !Files.isWritable(p)) {
      throw new UsageException("--out " + out + ": " + p + " is not writable");
    }
  }

  /** The layouts of --data. */
  enum DataLayout {
    /** Decided by the header. */
    AUTO,
    /** The UCI household power layout. */
    UCI,
    /** The plain timestamp,meter,watts layout. */
    METER
  }

  /** Parses --faults. */
  static final class FaultConverter implements ITypeConverter<FaultSpec> {
    @Override
    public FaultSpec convert(String value) {
      try {
        return FaultSpec.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
