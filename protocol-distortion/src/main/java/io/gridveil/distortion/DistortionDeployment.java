// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Timing;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import java.util.Objects;

/**
 * The public parameters every distortion role of a deployment shares (spec/distortion.md §2,
 * spec/runtime.md §5.1 item 3): the noise, the billing plan (with its tariff), the reconstruction
 * grid and stopping rule, the timer durations and the round schedule whose rounds are the slots.
 *
 * @param noise the noise parameters N(mu, sigma^2)
 * @param plan the billing plan
 * @param grid the public reconstruction grid
 * @param options the reconstruction stopping rule
 * @param timing the timer durations (ROUND_DEADLINE for the collector and the utility)
 * @param schedule the round schedule: slot j covers round j of it
 */
public record DistortionDeployment(
    NoiseParameters noise,
    BillingPlan plan,
    BinGrid grid,
    ReconstructionOptions options,
    Timing timing,
    RoundSchedule schedule) {
  /**
   * Checks the references.
   *
   * @param noise the noise parameters N(mu, sigma^2)
   * @param plan the billing plan
   * @param grid the public reconstruction grid
   * @param options the reconstruction stopping rule
   * @param timing the timer durations
   * @param schedule the round schedule
   */
  public DistortionDeployment {
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(schedule, "schedule");
  }
}
