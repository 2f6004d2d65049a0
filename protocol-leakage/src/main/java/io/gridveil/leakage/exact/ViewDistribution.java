// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The exact distribution of a coalition's view over all tapes (spec/leakage.md §2.3): view v
 * occurs with probability {@code counts.get(v) / total()}.
 *
 * <p>When every execution makes draws with the same product of bounds (the usual case: a fixed
 * number of draws with fixed bounds), {@code counts} is the number of tapes giving each view and
 * {@code total() == executions}. Otherwise the counts are scaled to the least common multiple of
 * the executions' weights (spec/leakage.md §2.3), still exact integers. Record equality (equal maps
 * and equal execution counts) implies {@link #sameDistributionAs}; the converse needs the same
 * tape structure.
 *
 * @param counts the number of (weighted) tapes giving each view, in order of first occurrence
 * @param executions how many executions the enumeration ran
 */
public record ViewDistribution(Map<View, Long> counts, long executions) {
  /**
   * Copies the map, keeping its iteration order.
   *
   * @param counts the number of (weighted) tapes giving each view, in order of first occurrence
   * @param executions how many executions the enumeration ran
   * @throws IllegalArgumentException if a count is not positive or executions &lt; 1
   */
  public ViewDistribution {
    Objects.requireNonNull(counts, "counts");
    if (executions < 1) {
      throw new IllegalArgumentException("executions must be at least 1");
    }
    for (Long c : counts.values()) {
      if (c == null || c < 1) {
        throw new IllegalArgumentException("counts must be positive");
      }
    }
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /**
   * Returns the denominator: the sum of the counts.
   *
   * @return the total weight
   */
  public long total() {
    long t = 0;
    for (long c : counts.values()) {
      t = Math.addExact(t, c);
    }
    return t;
  }

  /**
   * Returns the count of a view, 0 if it never occurs.
   *
   * @param view the view
   * @return its count
   */
  public long count(View view) {
    Long c = counts.get(view);
    return c == null ? 0 : c;
  }

  /**
   * Returns the number of distinct views.
   *
   * @return the support size
   */
  public int supportSize() {
    return counts.size();
  }

  /**
   * Returns whether the two distributions assign every view the same probability, compared
   * exactly by cross-multiplication: count_A(v) * total_B = count_B(v) * total_A for every v.
   *
   * @param other the other distribution
   * @return true if identical as distributions
   */
  public boolean sameDistributionAs(ViewDistribution other) {
    return firstDifference(other).isEmpty();
  }

  /**
   * Returns a view whose probability differs between the two distributions, if any: the first
   * such view in this distribution's order.
   *
   * @param other the other distribution
   * @return a distinguishing view, or empty if the distributions are identical
   */
  public Optional<View> firstDifference(ViewDistribution other) {
    long ta = total();
    long tb = other.total();
    for (Map.Entry<View, Long> e : counts.entrySet()) {
      long a = e.getValue();
      long b = other.count(e.getKey());
      if (Math.multiplyExact(a, tb) != Math.multiplyExact(b, ta)) {
        return Optional.of(e.getKey());
      }
    }
    // Every view of this distribution has the same probability under other; these sum to 1, so
    // other has no further view.
    return Optional.empty();
  }

  /**
   * Summarises the distribution without listing its views (there may be millions).
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return "ViewDistribution[views=" + counts.size() + ", executions=" + executions + "]";
  }
}
