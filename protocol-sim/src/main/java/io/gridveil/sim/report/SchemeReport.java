// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import io.gridveil.sim.run.RunResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One scheme's section of the report: its checked run and, for distortion, its leakage results.
 *
 * @param run the checked measurements
 * @param leakage the attack and reconstruction results, for a distortion run
 */
public record SchemeReport(RunResult run, Optional<LeakageReport> leakage) {
  /**
   * Validates that no component is null.
   *
   * @param run the checked measurements
   * @param leakage the attack and reconstruction results, for a distortion run
   * @throws NullPointerException if a component is null
   */
  public SchemeReport {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(leakage, "leakage");
  }
}
