// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.driver.Scheme;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gridveil compare}: every scheme on the same households and faults, one table (spec/sim.md §2.3). */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Runs every scheme on the same households and faults and prints one table: cost, "
        + "bytes, rounds exact/void/recovered, and what the supplier learns.")
final class CompareCommand implements Callable<Integer> {
  private final Main.Environment env;

  @Spec CommandSpec spec = CommandSpec.create();

  @Mixin RunOptions options = new RunOptions();

  CompareCommand(Main.Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return new Runner(env, spec.commandLine().getOut(), spec.commandLine().getErr())
        .run("compare", options, List.of(Scheme.values()), true);
  }
}
