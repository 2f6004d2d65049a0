// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * A reporting period j, spec/core.md §2.1; rounds are numbered from 0.
 *
 * @param index j, at least 0 and below 2^63 - 1
 */
public record Round(long index) implements Comparable<Round> {
  /** The first round. */
  public static final Round FIRST = new Round(0);

  /**
   * Validates the index.
   *
   * @param index j, at least 0 and below 2^63 - 1
   * @throws IllegalArgumentException if the index is negative or {@link Long#MAX_VALUE}
   */
  public Round {
    if (index < 0 || index == Long.MAX_VALUE) {
      throw new IllegalArgumentException("round index must be in [0, 2^63 - 1)");
    }
  }

  /**
   * Returns round j + 1.
   *
   * @return the next round
   */
  public Round next() {
    return new Round(index + 1);
  }

  /**
   * Tells whether this round comes strictly before another.
   *
   * @param other the other round
   * @return true if this index is smaller
   */
  public boolean isBefore(Round other) {
    return index < other.index;
  }

  @Override
  public int compareTo(Round other) {
    return Long.compare(index, other.index);
  }
}
