// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gridveil attack}: the de-noising and NILM attacks on one trace (spec/sim.md §2.4). */
@Command(
    name = "attack",
    mixinStandardHelpOptions = true,
    description = "Runs the de-noising and NILM attacks on a household trace from a file or a synthetic one.")
final class AttackCommand implements Callable<Integer> {
  @SuppressWarnings("UnusedVariable") // interim: the attack command uses it once protocol-leakage lands
  private final Main.Environment env;

  @Spec CommandSpec spec = CommandSpec.create();

  AttackCommand(Main.Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("gridveil: attack is not available in this build");
    return ExitCodes.INTERNAL;
  }
}
