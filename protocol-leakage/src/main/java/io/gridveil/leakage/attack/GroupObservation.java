// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One group sum the supplier learns (spec/leakage.md §6.1): in round j, the exact sum of the
 * readings of the group's members.
 *
 * @param round j, at least 0
 * @param members the labels of the meters whose readings the sum covers, non-empty
 * @param sum the decrypted sum, in reading units
 */
public record GroupObservation(long round, SortedSet<String> members, long sum) {
  /**
   * Validates and copies the member set.
   *
   * @param round j, at least 0
   * @param members the labels of the meters whose readings the sum covers, non-empty
   * @param sum the decrypted sum, in reading units
   * @throws IllegalParameterException LEAK-P-12 if the round is negative or no member is given
   */
  public GroupObservation {
    Objects.requireNonNull(members, "members");
    Require.that(round >= 0, LeakageChecks.LEAK_P_12, "round must be non-negative");
    Require.that(!members.isEmpty(), LeakageChecks.LEAK_P_12, "a group has members");
    members = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(members));
  }

  /**
   * Returns the observation for a member set.
   *
   * @param round j
   * @param members the member labels
   * @param sum the sum
   * @return the observation
   */
  public static GroupObservation of(long round, Set<String> members, long sum) {
    return new GroupObservation(round, new TreeSet<>(members), sum);
  }
}
