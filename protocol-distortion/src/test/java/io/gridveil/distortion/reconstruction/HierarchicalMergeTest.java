// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchicalMergeTest {
  private final BinGrid grid = new BinGrid(0, 3, 3);

  @Test
  void merge_weightsByCounts() {
    BinnedDistribution a = new BinnedDistribution(grid, new double[] {1, 0, 0}, 1);
    BinnedDistribution b = new BinnedDistribution(grid, new double[] {0, 0.5, 0.5}, 3);
    BinnedDistribution m = HierarchicalMerge.merge(List.of(a, b));
    assertArrayEquals(new double[] {0.25, 0.375, 0.375}, m.probabilities(), 1e-15);
    assertEquals(4, m.count());
  }

  @Test
  void merge_ignoresEmptyCollectors_andRefusesMixedGrids() {
    BinnedDistribution a = new BinnedDistribution(grid, new double[] {0.2, 0.3, 0.5}, 10);
    BinnedDistribution empty = new BinnedDistribution(grid, new double[] {1, 0, 0}, 0);
    assertArrayEquals(a.probabilities(), HierarchicalMerge.merge(List.of(a, empty)).probabilities(), 1e-15);
    BinnedDistribution other = new BinnedDistribution(new BinGrid(0, 3, 4), new double[4], 1);
    assertThrows(IllegalArgumentException.class, () -> HierarchicalMerge.merge(List.of(a, other)));
    assertThrows(IllegalArgumentException.class, () -> HierarchicalMerge.merge(List.of()));
  }
}
