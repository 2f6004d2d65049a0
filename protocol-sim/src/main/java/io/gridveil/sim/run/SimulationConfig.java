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
   * The most households of a run (spec/sim.md §4.6): run time grows with N · R, and at the measured
   * 705 µs of CPU per CMT meter-round a million meters take some 19 hours per day simulated.
   */
  public static final int MAX_METERS = 1_000_000;

  /** The most rounds of a run (spec/sim.md §4.6): a leap year of 15-minute rounds. */
  public static final int MAX_ROUNDS = 366 * 96;

  /**
   * The most meters in one group (spec/sim.md §4.6): a group's parties live together, at a few KB
   * of party state per meter.
   */
  public static final int MAX_GROUP = 10_000;

  /**
   * The most readings one group holds, n_max · R (spec/sim.md §4.6): 8 bytes each, 128 MiB.
   */
  public static final long MAX_GROUP_READINGS = 1L << 24;

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
    if (meters < 2 || meters > MAX_METERS) {
      throw new IllegalArgumentException(
          "--meters must be between 2 and " + MAX_METERS + " (spec/sim.md §4.6: run time grows with meters x rounds)");
    }
    if (groups < 1 || groups > meters / 2) {
      throw new IllegalArgumentException(
          "--groups must be between 1 and " + meters / 2 + " (every group needs 2 meters or more)");
    }
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw new IllegalArgumentException(
          "--rounds must be between 1 and " + MAX_ROUNDS + " (a leap year of 15-minute rounds; spec/sim.md §4.6)");
    }
    if (intervalMinutes < 1 || intervalMinutes > 1440) {
      throw new IllegalArgumentException("--interval must be between 1 and 1440 minutes");
    }
    int largest = meters / groups + (meters % groups == 0 ? 0 : 1);
    if (largest > MAX_GROUP) {
      throw new IllegalArgumentException(
          "--meters "
              + meters
              + " in "
              + groups
              + (groups == 1 ? " group" : " groups")
              + " gives groups of "
              + largest
              + " meters; a group may hold at most "
              + MAX_GROUP
              + " (spec/sim.md §4.6): use --groups "
              + ((meters + MAX_GROUP - 1) / MAX_GROUP)
              + " or more");
    }
    if ((long) largest * rounds > MAX_GROUP_READINGS) {
      throw new IllegalArgumentException(
          "--rounds "
              + rounds
              + " with groups of "
              + largest
              + " meters holds "
              + (long) largest * rounds
              + " readings per group; at most "
              + MAX_GROUP_READINGS
              + " (128 MiB, spec/sim.md §4.6): use more --groups or fewer --rounds");
    }
    if (faults.concentratorFailureRound().isPresent()
        && faults.concentratorFailureRound().getAsInt() >= rounds) {
      throw new IllegalArgumentException(
          "--faults lc-fail="
              + faults.concentratorFailureRound().getAsInt()
              + " is past the last round ("
              + (rounds - 1)
              + "; rounds are numbered from 0)");
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
