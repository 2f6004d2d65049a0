// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.run.SimulationConfig;
import java.io.PrintWriter;

/** Creates the driver of a scheme for a run (spec/sim.md §4.1). */
@FunctionalInterface
interface DriverFactory {
  /**
   * Creates a driver.
   *
   * @param scheme the scheme
   * @param config the run's settings
   * @param settings the scheme-specific settings
   * @param loads the households, for settings relative to the data (the distortion noise)
   * @param out where the driver may announce slow one-time set-up (key generation)
   * @return the driver
   * @throws UsageException if the scheme is not available or refuses the settings
   */
  SchemeDriver create(
      Scheme scheme, SimulationConfig config, DriverSettings settings, LoadSet loads, PrintWriter out)
      throws UsageException;
}
