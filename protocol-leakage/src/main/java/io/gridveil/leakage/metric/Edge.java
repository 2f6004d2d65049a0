// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

/**
 * A NILM ON/OFF edge feature (spec/leakage.md §5.2): at index j the power changes by
 * delta = x[j] - x[j-1] with |delta| &gt;= theta.
 *
 * @param index j, at least 1
 * @param on true for an ON edge (delta &gt; 0), false for OFF
 * @param magnitude |delta|, watts
 */
public record Edge(int index, boolean on, double magnitude) {
  /**
   * Validates the edge.
   *
   * @param index j, at least 1
   * @param on true for an ON edge (delta &gt; 0), false for OFF
   * @param magnitude |delta|, watts
   * @throws IllegalArgumentException if the index is below 1 or the magnitude not positive
   */
  public Edge {
    if (index < 1 || !(magnitude > 0)) {
      throw new IllegalArgumentException("index >= 1 and magnitude > 0");
    }
  }
}
