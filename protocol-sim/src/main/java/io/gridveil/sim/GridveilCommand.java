// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: it only dispatches to a subcommand (spec/sim.md §2). */
@Command(
    name = "gridveil",
    mixinStandardHelpOptions = true,
    version = "gridveil simulator 0.1.0-SNAPSHOT",
    description = "Simulates privacy-preserving smart-meter aggregation end to end and reports cost, correctness and leakage.",
    subcommandsRepeatable = false)
final class GridveilCommand implements Runnable {
  @Spec CommandSpec spec = CommandSpec.create();

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: simulate, compare or attack");
  }
}
