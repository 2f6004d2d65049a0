// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import java.util.List;

/**
 * The second layer of hierarchical reconstruction (spec/distortion.md §5.6, the paper's Fig. 5):
 * the utility merges the collectors' local distributions, pi_p = sum_g N_g pi_(g,p) / sum_g N_g.
 */
public final class HierarchicalMerge {
  private HierarchicalMerge() {}

  /**
   * Merges local distributions weighted by their counts.
   *
   * @param locals the local distributions, all on the same grid, at least one
   * @return the merged distribution, with count sum_g N_g; uniform if every count is 0
   * @throws IllegalArgumentException if the list is empty or the grids differ
   */
  public static BinnedDistribution merge(List<BinnedDistribution> locals) {
    if (locals.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    BinGrid grid = locals.get(0).grid();
    int k = grid.bins();
    double[] sum = new double[k];
    long total = 0;
    for (BinnedDistribution d : locals) {
      if (!d.grid().equals(grid)) {
        throw new IllegalArgumentException("local distributions on different grids");
      }
      total = Math.addExact(total, d.count());
      for (int p = 0; p < k; p++) {
        sum[p] += d.count() * d.probability(p);
      }
    }
    if (total == 0) {
      return new BinnedDistribution(grid, Reconstructor.uniform(k), 0);
    }
    for (int p = 0; p < k; p++) {
      sum[p] /= total;
    }
    return new BinnedDistribution(grid, sum, total);
  }
}
