// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

/**
 * An open-addressing multimap from 64-bit keys to positive ints, in two primitive arrays, for the
 * baby-step table of spec/ddh.md §7.4. Insert-only; keys may repeat.
 */
public final class LongIntTable {
  private final long[] keys;
  private final int[] values;
  private final int mask;
  private int size;

  /**
   * Creates a table for up to {@code expected} entries at load factor at most 1/2.
   *
   * @param expected the number of entries
   */
  public LongIntTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    values = new int[cap];
    mask = cap - 1;
  }

  /**
   * Inserts a pair.
   *
   * @param key the key
   * @param value a value at least 1
   */
  public void put(long key, int value) {
    if (value < 1 || size >= keys.length / 2) {
      throw new IllegalArgumentException("value must be positive and the table below half full");
    }
    int i = slot(key);
    while (values[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /**
   * Returns the first slot to probe for a key; walk with {@link #next} while {@link #valueAt} is
   * non-zero and compare {@link #keyAt}.
   *
   * @param key the key
   * @return the slot
   */
  public int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }

  /**
   * Returns the slot after a slot.
   *
   * @param slot a slot
   * @return the next slot, wrapping
   */
  public int next(int slot) {
    return (slot + 1) & mask;
  }

  /**
   * Returns the key at a slot.
   *
   * @param slot a slot
   * @return the key
   */
  public long keyAt(int slot) {
    return keys[slot];
  }

  /**
   * Returns the value at a slot.
   *
   * @param slot a slot
   * @return the value, 0 for an empty slot
   */
  public int valueAt(int slot) {
    return values[slot];
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns the memory of the two arrays.
   *
   * @return bytes
   */
  public long memoryBytes() {
    return keys.length * 12L;
  }
}
