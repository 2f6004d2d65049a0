// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * A key epoch (spec/runtime.md §5.5 item 2): CMT's ε and EDAT's roster version v, in
 * [0, 2^63 − 1). Messages encode it as the u64 they always did.
 *
 * @param value the epoch number
 */
public record Epoch(long value) implements Comparable<Epoch> {
  /** The epoch before any key: 0. */
  public static final Epoch ZERO = new Epoch(0);

  /**
   * Validates the range.
   *
   * @param value the epoch number, in [0, 2^63 − 1)
   * @throws IllegalArgumentException if the value is negative or {@code Long.MAX_VALUE}
   */
  public Epoch {
    if (value < 0 || value == Long.MAX_VALUE) {
      throw new IllegalArgumentException("epoch must be in [0, 2^63 - 1)");
    }
  }

  /**
   * Returns the epoch with the given number.
   *
   * @param value the epoch number, in [0, 2^63 − 1)
   * @return the epoch
   */
  public static Epoch of(long value) {
    return new Epoch(value);
  }

  /**
   * Returns the next epoch, ε + 1.
   *
   * @return the next epoch
   * @throws IllegalArgumentException if this is the last epoch
   */
  public Epoch next() {
    return new Epoch(value + 1);
  }

  @Override
  public int compareTo(Epoch other) {
    return Long.compare(value, other.value);
  }
}
