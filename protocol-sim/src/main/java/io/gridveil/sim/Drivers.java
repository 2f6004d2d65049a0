// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.cmt.CmtDriver;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.run.SimulationConfig;
import java.io.PrintWriter;

/** The program's drivers, one per scheme (spec/sim.md §4.1). */
final class Drivers {
  private Drivers() {}

  static SchemeDriver create(Scheme scheme, SimulationConfig config, DriverSettings settings, PrintWriter out)
      throws UsageException {
    return switch (scheme) {
      case CMT -> new CmtDriver();
      default -> throw new UsageException("scheme " + scheme.id() + " is not available in this build yet");
    };
  }
}
