// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import java.util.Objects;

/**
 * The outcome of one aggregation round at the party that decrypts it (spec/core.md §9): exact over
 * a known number of contributors, or void with its reason. Never a wrong sum.
 */
public sealed interface RoundOutcome extends ProtocolEvent {
  /**
   * Returns the group.
   *
   * @return the group
   */
  GroupId group();

  /**
   * Returns the round.
   *
   * @return j
   */
  Round round();

  /**
   * The exact sum of the readings of {@code contributors} meters.
   *
   * @param group the group
   * @param round the round j
   * @param sum sum_i e_ij over the contributors
   * @param contributors how many meters contributed
   * @param recovered how many missing meters were recovered out of the sum (0 for a full round)
   */
  record Exact(GroupId group, Round round, long sum, int contributors, int recovered)
      implements RoundOutcome {
    /**
     * Validates the counts.
     *
     * @param group the group
     * @param round the round j
     * @param sum sum_i e_ij over the contributors
     * @param contributors how many meters contributed
     * @param recovered how many missing meters were recovered out of the sum (0 for a full round)
     * @throws IllegalArgumentException if a count is negative
     */
    public Exact {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(round, "round");
      if (contributors < 0 || recovered < 0) {
        throw new IllegalArgumentException("counts must be non-negative");
      }
    }
  }

  /**
   * No aggregate for the round.
   *
   * @param group the group
   * @param round the round j
   * @param reason why
   */
  record Voided(GroupId group, Round round, VoidReason reason) implements RoundOutcome {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param round the round j
     * @param reason why
     * @throws NullPointerException if a component is null
     */
    public Voided {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
