// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.report.LeakageReport;
import io.gridveil.sim.run.RunResult;
import java.util.Optional;

/** The leakage analysis of a run (spec/sim.md §5.2). */
final class Leakage {
  private Leakage() {}

  static Optional<LeakageReport> analyse(RunResult result, DriverSettings settings) {
    return Optional.empty();
  }
}
