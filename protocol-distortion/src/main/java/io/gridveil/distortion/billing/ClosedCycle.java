// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

/**
 * The frozen bill of a closed billing cycle (spec/distortion.md §3.2 step 4): what every query
 * for that cycle returns, however often it is asked.
 *
 * @param cycle c, the cycle index
 * @param total AB, the sum of r_j P[j] over the cycle's slots, in micro-units
 * @param slots the number of slots that contributed a reading
 */
public record ClosedCycle(long cycle, long total, long slots) {
  /**
   * Validates the values.
   *
   * @param cycle c, the cycle index
   * @param total AB, the sum of r_j P[j] over the cycle's slots, in micro-units
   * @param slots the number of slots that contributed a reading
   * @throws IllegalArgumentException if a value is negative
   */
  public ClosedCycle {
    if (cycle < 0 || total < 0 || slots < 0) {
      throw new IllegalArgumentException("cycle, total and slots are non-negative");
    }
  }

  @Override
  public String toString() {
    return "ClosedCycle[cycle=" + cycle + ", total=redacted]";
  }
}
