// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.util.Comparator;
import java.util.Objects;

/**
 * An armed timer and its due time (spec/runtime.md §4.3 item 2).
 *
 * @param id the timer
 * @param due when it falls due: the arming call's clamped now plus the kind's duration
 */
public record ArmedTimer(TimerId id, LogicalTime due) implements Comparable<ArmedTimer> {
  private static final Comparator<ArmedTimer> ORDER =
      Comparator.comparing(ArmedTimer::due).thenComparing(ArmedTimer::id);

  /**
   * Validates that no component is null.
   *
   * @param id the timer
   * @param due when it falls due
   */
  public ArmedTimer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(due, "due");
  }

  /** Orders by due time, then kind, then argument (spec/runtime.md §4.4 item 2). */
  @Override
  public int compareTo(ArmedTimer other) {
    return ORDER.compare(this, other);
  }
}
