// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import java.util.Objects;

/**
 * The result of a reconstruction (spec/distortion.md §5.3, §5.4).
 *
 * @param distribution the reconstructed distribution; its count is the number of observations used
 * @param iterations the number of EM iterations run
 * @param converged whether the stopping rule fired before the cap
 * @param excluded the observations left out: outside the observation window, or with zero
 *     likelihood under every bin
 */
public record Reconstruction(
    BinnedDistribution distribution, int iterations, boolean converged, long excluded) {
  /**
   * Validates the values.
   *
   * @param distribution the reconstructed distribution; its count is the number of observations
   *     used
   * @param iterations the number of EM iterations run
   * @param converged whether the stopping rule fired before the cap
   * @param excluded the observations left out: outside the observation window, or with zero
   *     likelihood under every bin
   * @throws IllegalArgumentException if a count is negative
   */
  public Reconstruction {
    Objects.requireNonNull(distribution, "distribution");
    if (iterations < 0 || excluded < 0) {
      throw new IllegalArgumentException("counts are non-negative");
    }
  }
}
