// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import java.util.Objects;

/**
 * The settings of one run (spec/sim.md §2.1).
 *
 * @param meters the number of households
 * @param groups the number of aggregation groups the households are split into
 * @param rounds the number of rounds
 * @param intervalMinutes the round length in minutes
 * @param seed the seed of every random draw of the run
 * @param faults the faults to inject
 * @param minGroup the smallest number of contributors a round may be decrypted over
 */
public record SimulationConfig(
    int meters, int groups, int rounds, int intervalMinutes, long seed, FaultSpec faults, int minGroup) {
  /**
   * Validates the settings.
   *
   * @param meters the number of households
   * @param groups the number of aggregation groups the households are split into
   * @param rounds the number of rounds
   * @param intervalMinutes the round length in minutes
   * @param seed the seed of every random draw of the run
   * @param faults the faults to inject
   * @param minGroup the smallest number of contributors a round may be decrypted over
   * @throws IllegalArgumentException with a message fit for the command line
   */
  public SimulationConfig {
    Objects.requireNonNull(faults, "faults");
    if (meters < 2) {
      throw new IllegalArgumentException("--meters must be at least 2");
    }
    if (groups < 1 || groups > meters / 2) {
      throw new IllegalArgumentException(
          "--groups must be between 1 and " + meters / 2 + " (every group needs 2 meters or more)");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1");
    }
    if (intervalMinutes < 1 || intervalMinutes > 1440) {
      throw new IllegalArgumentException("--interval must be between 1 and 1440 minutes");
    }
    if (minGroup < 1) {
      throw new IllegalArgumentException("--min-group must be at least 1");
    }
    if (minGroup > meters / groups) {
      throw new IllegalArgumentException(
          "--min-group "
              + minGroup
              + " exceeds the smallest group ("
              + meters / groups
              + " meters); use fewer groups or a smaller minimum");
    }
  }

  /**
   * Returns the size of group g: the meters are split into groups whose sizes differ by at most
   * one.
   *
   * @param g the group index
   * @return n for that group
   */
  public int groupSize(int g) {
    return meters / groups + (g < meters % groups ? 1 : 0);
  }

  /**
   * Returns the index of group g's first meter.
   *
   * @param g the group index
   * @return the global index of the group's meter 0
   */
  public int groupStart(int g) {
    return g * (meters / groups) + Math.min(g, meters % groups);
  }

  /**
   * Returns the size of the largest group.
   *
   * @return n_max for the run
   */
  public int largestGroup() {
    return groupSize(0);
  }
}
