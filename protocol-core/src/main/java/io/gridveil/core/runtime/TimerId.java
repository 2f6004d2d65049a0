// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.Round;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a timer a role arms (spec/runtime.md §4.3 item 1): a kind of spec/runtime.md
 * §4.5 as the spec writes it and its argument (a round, an epoch or 0). Scoped to one handle.
 *
 * @param kind the timer kind, upper-case letters and underscores, 1 to 32 characters
 * @param argument the round, epoch or 0
 */
public record TimerId(String kind, long argument) implements Comparable<TimerId> {
  /** The CMT meter's discovery timer (argument 0). */
  public static final String DISCOVERY = "DISCOVERY";
  /** The CMT meter's timeout on its local concentrator (argument 0). */
  public static final String LC_TIMEOUT = "LC_TIMEOUT";
  /** The CMT local concentrator's registration window (argument ε). */
  public static final String REGISTRATION_DEADLINE = "REGISTRATION_DEADLINE";
  /** A round's deadline (argument j). */
  public static final String ROUND_DEADLINE = "ROUND_DEADLINE";

  private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]{0,31}");
  private static final Comparator<TimerId> ORDER =
      Comparator.comparing(TimerId::kind).thenComparingLong(TimerId::argument);

  /**
   * Validates the components.
   *
   * @param kind the timer kind, upper-case letters and underscores, 1 to 32 characters
   * @param argument the round, epoch or 0; non-negative
   * @throws IllegalArgumentException if the kind is malformed or the argument negative
   */
  public TimerId {
    Objects.requireNonNull(kind, "kind");
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("timer kind must match [A-Z][A-Z_]{0,31}");
    }
    if (argument < 0) {
      throw new IllegalArgumentException("timer argument must be non-negative");
    }
  }

  /**
   * Returns the deadline timer of a round.
   *
   * @param round the round j
   * @return {@code ROUND_DEADLINE(j)}
   */
  public static TimerId roundDeadline(Round round) {
    return new TimerId(ROUND_DEADLINE, round.index());
  }

  /** Orders by kind, then argument (the tie-break of spec/runtime.md §4.4 item 2). */
  @Override
  public int compareTo(TimerId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind + "(" + argument + ")";
  }
}
