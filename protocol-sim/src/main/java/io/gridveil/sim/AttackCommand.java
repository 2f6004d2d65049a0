// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.NoiseParameters;
import io.gridveil.sim.data.DataFormatException;
import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.report.LeakageReport;
import io.gridveil.sim.report.ReportWriter;
import io.gridveil.sim.run.SimulationConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridveil attack}: distorts one household's trace as a distortion meter would, and runs
 * the de-noising filters and the NILM edge detector of protocol-leakage on it, with the battery
 * model for comparison (spec/sim.md §2.4).
 */
@Command(
    name = "attack",
    mixinStandardHelpOptions = true,
    description = "Runs the de-noising (mean filter, non-local means) and NILM attacks on a household "
        + "trace from --data or a synthetic one, distorted with Gaussian noise, and the battery model "
        + "for comparison; prints EF/TF and writes a plot.")
final class AttackCommand implements Callable<Integer> {
  @Spec CommandSpec spec = CommandSpec.create();

  @Mixin RunOptions options = new RunOptions();

  @Option(names = "--household", defaultValue = "0", paramLabel = "K",
      description = "Which household of the data (or of the synthetic set) to attack (default: ${DEFAULT-VALUE}).")
  int household = 0;

  AttackCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (household < 0) {
        throw new UsageException("--household must be at least 0");
      }
      SimulationConfig config = options.config();
      DriverSettings settings = options.settings();
      options.checkOut();
      LoadSet loads = Loads.open(options, config);
      if (household >= loads.households()) {
        throw new UsageException(
            "--household " + household + ": the data holds " + loads.households() + " households");
      }
      long[] trace = new long[config.rounds()];
      loads.trace(household, trace);
      double[] truth = Leakage.toDouble(trace);
      double sigma = Math.max(1.0, settings.sigmaRatio() * Drivers.readingStdDev(loads, config.rounds()));
      NoiseParameters noise = new NoiseParameters(0, sigma);
      RandomSource random = DeterministicRandomSource.fromSeed(config.seed());
      double[] distorted = new double[trace.length];
      for (int j = 0; j < trace.length; j++) {
        distorted[j] = noise.distort(trace[j], random);
      }
      LeakageReport report =
          Leakage.analyse(truth, distorted, config.intervalMinutes(), noise, truth, distorted);
      out.println("loads: " + loads.describe() + "; household " + household);
      out.printf(Locale.ROOT, "noise: N(0, sigma^2), sigma = %.1f Wh per round (%.2f x the readings' standard deviation)%n",
          sigma, settings.sigmaRatio());
      for (LeakageReport.Metric m : report.metrics()) {
        if (m.name().startsWith("EF/TF")) {
          out.printf(Locale.ROOT, "  %-48s %.3f  (%s)%n", m.name(), m.value(), m.detail());
        }
      }
      Path file = new ReportWriter(options.out).writeAttack(truth, distorted, report, config.intervalMinutes());
      out.println("plot: " + file);
      return ExitCodes.OK;
    } catch (UsageException | DataFormatException e) {
      err.println("gridveil: " + Main.oneLine(e.getMessage()));
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("gridveil: cannot write the plot to " + options.out + " (" + e.getClass().getSimpleName() + ")");
      return ExitCodes.INTERNAL;
    }
  }
}
