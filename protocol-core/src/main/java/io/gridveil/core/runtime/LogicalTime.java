// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.time.Duration;

/**
 * The logical time of a handle call (spec/runtime.md §4.1): milliseconds since the deployment's
 * time origin, in [0, 2^62). Products on a real clock should use Unix epoch milliseconds.
 *
 * @param millis milliseconds since the origin
 */
public record LogicalTime(long millis) implements Comparable<LogicalTime> {
  /** The exclusive upper bound of a logical time, 2^62 ms. */
  public static final long LIMIT = 1L << 62;

  /** The origin. */
  public static final LogicalTime ZERO = new LogicalTime(0);

  /**
   * Validates the range.
   *
   * @param millis milliseconds since the origin, in [0, 2^62)
   * @throws IllegalArgumentException if out of range
   */
  public LogicalTime {
    if (millis < 0 || millis >= LIMIT) {
      throw new IllegalArgumentException("logical time must be in [0, 2^62) ms");
    }
  }

  /**
   * Returns the time {@code millis} after the origin.
   *
   * @param millis milliseconds, in [0, 2^62)
   * @return the time
   */
  public static LogicalTime ofMillis(long millis) {
    return new LogicalTime(millis);
  }

  /**
   * Returns this time plus a number of milliseconds.
   *
   * @param delta milliseconds to add, non-negative
   * @return the later time
   * @throws IllegalArgumentException if delta is negative or the result leaves the range
   */
  public LogicalTime plusMillis(long delta) {
    if (delta < 0 || delta >= LIMIT - millis) {
      throw new IllegalArgumentException("the sum must stay in [0, 2^62) ms");
    }
    return new LogicalTime(millis + delta);
  }

  /**
   * Returns this time plus a duration of whole milliseconds.
   *
   * @param duration a non-negative duration, a whole number of milliseconds
   * @return the later time
   * @throws IllegalArgumentException if the duration is negative, not whole milliseconds, or the
   *     result leaves the range
   */
  public LogicalTime plus(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("duration must be whole, non-negative milliseconds");
    }
    if (duration.getSeconds() >= LIMIT / 1000) {
      throw new IllegalArgumentException("the sum must stay in [0, 2^62) ms");
    }
    return plusMillis(duration.toMillis());
  }

  /**
   * Returns the later of this time and another.
   *
   * @param other the other time
   * @return the later one
   */
  public LogicalTime max(LogicalTime other) {
    return millis >= other.millis ? this : other;
  }

  @Override
  public int compareTo(LogicalTime other) {
    return Long.compare(millis, other.millis);
  }
}
