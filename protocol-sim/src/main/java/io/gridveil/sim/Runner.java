// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.data.DataFormatException;
import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SimulationException;
import io.gridveil.sim.report.ConsoleProgress;
import io.gridveil.sim.report.ReportWriter;
import io.gridveil.sim.report.SchemeReport;
import io.gridveil.sim.report.TerminalSummary;
import io.gridveil.sim.run.RunResult;
import io.gridveil.sim.run.Simulation;
import io.gridveil.sim.run.SimulationConfig;
import io.gridveil.sim.run.WrongAggregateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Runs schemes for {@code simulate} and {@code compare} and maps failures to exit codes. */
final class Runner {
  private final Main.Environment env;
  private final PrintWriter out;
  private final PrintWriter err;

  Runner(Main.Environment env, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run(String command, RunOptions options, List<Scheme> schemes, boolean table) {
    try {
      SimulationConfig config = options.config();
      DriverSettings settings = options.settings();
      // Everything the run will refuse is refused before anything runs (spec/sim.md §2.5).
      SchemeLimits.check(command, schemes, config, settings);
      options.checkOut();
      LoadSet loads = Loads.open(options, config);
      out.println("loads: " + loads.describe());
      List<SchemeReport> reports = new ArrayList<>();
      for (Scheme s : schemes) {
        SchemeDriver driver = env.drivers().create(s, config, settings, loads, out);
        ConsoleProgress progress = new ConsoleProgress(out, env.terminal());
        RunResult result = new Simulation(config, env.checker()).run(driver, loads, progress);
        SchemeReport report = new SchemeReport(result, Leakage.analyse(result, driver));
        reports.add(report);
        if (!table) {
          TerminalSummary.print(out, report);
        }
      }
      if (table) {
        TerminalSummary.compare(out, reports);
      }
      List<Path> files = new ReportWriter(options.out).write(command, config, loads.describe(), reports);
      // ReportWriter.write returns the plots, then report.html, then report.json.
      out.println("report: " + files.get(files.size() - 1) + " and " + files.get(files.size() - 2)
          + " (+" + (files.size() - 2) + " SVG plots in " + options.out + ")");
      return ExitCodes.OK;
    } catch (UsageException e) {
      return fail(ExitCodes.USAGE, e.getMessage());
    } catch (DataFormatException e) {
      return fail(ExitCodes.USAGE, e.getMessage());
    } catch (WrongAggregateException e) {
      return fail(ExitCodes.WRONG_AGGREGATE, e.getMessage());
    } catch (SimulationException e) {
      return fail(ExitCodes.INTERNAL, "simulation failed: " + e.getMessage());
    } catch (IOException e) {
      return fail(ExitCodes.INTERNAL, "cannot write the report to " + options.out + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private int fail(int code, @Nullable String message) {
    out.flush();
    err.println("gridveil: " + Main.oneLine(message));
    err.flush();
    return code;
  }
}
