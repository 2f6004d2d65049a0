// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.network.FaultPlan;
import java.util.Objects;

/**
 * What a driver needs to set up one group (spec/sim.md §4.1).
 *
 * @param group the group's identifier
 * @param members n, the number of meters in the group
 * @param minGroup the smallest number of contributors a round may be decrypted over
 * @param intervalMinutes the round length in minutes
 * @param rounds the number of rounds the group will run
 * @param parameters the aggregation parameters (n_max, t_max, M, unit)
 * @param faults the network faults to inject
 * @param seed the seed of the group's protocol randomness and fault schedule
 */
public record GroupSpec(
    GroupId group,
    int members,
    int minGroup,
    int intervalMinutes,
    int rounds,
    AggregationParameters parameters,
    FaultPlan faults,
    long seed) {
  /**
   * Validates the sizes.
   *
   * @param group the group's identifier
   * @param members n, the number of meters in the group
   * @param minGroup the smallest number of contributors a round may be decrypted over
   * @param intervalMinutes the round length in minutes
   * @param rounds the number of rounds the group will run
   * @param parameters the aggregation parameters (n_max, t_max, M, unit)
   * @param faults the network faults to inject
   * @param seed the seed of the group's protocol randomness and fault schedule
   * @throws IllegalArgumentException if n &lt; 2, n &gt; n_max or the minimum is outside [1, n]
   */
  public GroupSpec {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(faults, "faults");
    if (members < 2 || members > parameters.nMax()) {
      throw new IllegalArgumentException("a group has 2 to n_max meters");
    }
    if (minGroup < 1 || minGroup > members) {
      throw new IllegalArgumentException("the minimum group size must be in [1, n]");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1");
    }
    if (intervalMinutes < 1) {
      throw new IllegalArgumentException("interval must be at least 1 minute");
    }
  }
}
