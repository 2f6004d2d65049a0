// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.driver.Scheme;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridveil simulate}: one scheme, or all, over the neighbourhood (spec/sim.md §2.1). */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Runs a scheme end to end over simulated households, checks every aggregate against "
        + "the plaintext sum, and writes a report (terminal summary, report.json, SVG plots).")
final class SimulateCommand implements Callable<Integer> {
  private final Main.Environment env;

  @Spec CommandSpec spec = CommandSpec.create();

  @Mixin RunOptions options = new RunOptions();

  @Option(names = "--scheme", defaultValue = "cmt", paramLabel = "SCHEME",
      description = "cmt, blinding, ddh, psa, distortion or all (default: ${DEFAULT-VALUE}).")
  String scheme = "cmt";

  SimulateCommand(Main.Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return new Runner(env, spec.commandLine().getOut(), spec.commandLine().getErr())
        .run("simulate", options, schemes(spec, scheme), false);
  }

  /**
   * Parses --scheme.
   *
   * @param spec the command, for the error
   * @param value the option's value
   * @return the schemes to run
   */
  static List<Scheme> schemes(CommandSpec spec, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("all")) {
      return List.of(Scheme.values());
    }
    for (Scheme s : Scheme.values()) {
      if (s.id().equals(v)) {
        return List.of(s);
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "Invalid value for option '--scheme': '" + value + "' (expected cmt, blinding, ddh, psa, distortion or all)");
  }
}
