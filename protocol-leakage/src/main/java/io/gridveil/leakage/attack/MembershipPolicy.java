// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A membership-change policy (spec/leakage.md §6.1.3): a group sum is released only for a group
 * of at least {@code minGroupSize} members, and the membership may change only by at least
 * {@code minChangeBatch} meters at once (joins and leaves counted together), so that a single
 * join or leave cannot be isolated by differencing two sums.
 *
 * @param minGroupSize the least group size, at least 2
 * @param minChangeBatch the least number of meters in one membership change, at least 1
 *     (1 = no batching)
 */
public record MembershipPolicy(int minGroupSize, int minChangeBatch) {
  /** No defence: groups of 2, changes of 1. */
  public static final MembershipPolicy NONE = new MembershipPolicy(2, 1);

  /**
   * Validates the policy.
   *
   * @param minGroupSize the least group size, at least 2
   * @param minChangeBatch the least number of meters in one membership change, at least 1
   *     (1 = no batching)
   * @throws IllegalParameterException LEAK-P-11 if a bound is too small
   */
  public MembershipPolicy {
    Require.that(minGroupSize >= 2, LeakageChecks.LEAK_P_11, "minimum group size is at least 2");
    Require.that(minChangeBatch >= 1, LeakageChecks.LEAK_P_11, "change batch is at least 1");
  }

  /**
   * Returns whether the policy admits moving from one membership to another.
   *
   * @param before the current members
   * @param after the proposed members
   * @return true if |after| &gt;= minGroupSize and the symmetric difference is empty or has at
   *     least minChangeBatch meters
   */
  public boolean admits(Set<String> before, Set<String> after) {
    if (after.size() < minGroupSize) {
      return false;
    }
    Set<String> diff = new HashSet<>(before);
    diff.addAll(after);
    Set<String> both = new HashSet<>(before);
    both.retainAll(after);
    diff.removeAll(both);
    return diff.isEmpty() || diff.size() >= minChangeBatch;
  }

  /**
   * Returns the observations the supplier receives under this policy (spec/leakage.md §6.1.3):
   * walking them in order, an observation is released if its group is admitted from the last
   * released membership (the first only needs the minimum size); otherwise the round is void for
   * that group and the membership stays as it was.
   *
   * @param observations the sums the protocol would release without the policy, in time order
   * @return the released subsequence
   */
  public List<GroupObservation> released(List<GroupObservation> observations) {
    List<GroupObservation> out = new ArrayList<>();
    @Nullable Set<String> current = null;
    for (GroupObservation o : observations) {
      boolean ok = current == null ? o.members().size() >= minGroupSize : admits(current, o.members());
      if (ok) {
        out.add(o);
        current = o.members();
      }
    }
    return out;
  }
}
