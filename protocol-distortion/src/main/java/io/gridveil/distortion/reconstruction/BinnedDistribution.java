// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import java.util.Objects;

/**
 * A probability distribution over the bins of a {@link BinGrid} together with the number of
 * observations it rests on (spec/distortion.md §5.6): what a collector sends to the utility and
 * what the utility merges. Immutable.
 */
public final class BinnedDistribution {
  private final BinGrid grid;
  private final double[] probabilities;
  private final long count;

  /**
   * Creates a distribution.
   *
   * @param grid the bin grid
   * @param probabilities pi_0 .. pi_(K-1), finite and non-negative; copied
   * @param count N, the number of observations it rests on, non-negative
   * @throws IllegalArgumentException if the length is not K, a value is negative or not finite,
   *     or the count is negative
   */
  public BinnedDistribution(BinGrid grid, double[] probabilities, long count) {
    this.grid = Objects.requireNonNull(grid, "grid");
    if (probabilities.length != grid.bins() || count < 0) {
      throw new IllegalArgumentException("need K probabilities and a non-negative count");
    }
    for (double v : probabilities) {
      if (!Double.isFinite(v) || v < 0) {
        throw new IllegalArgumentException("probabilities are finite and non-negative");
      }
    }
    this.probabilities = probabilities.clone();
    this.count = count;
  }

  /**
   * Returns the grid.
   *
   * @return the grid
   */
  public BinGrid grid() {
    return grid;
  }

  /**
   * Returns pi_p.
   *
   * @param p the bin
   * @return the probability
   */
  public double probability(int p) {
    return probabilities[p];
  }

  /**
   * Returns the probabilities as a new array.
   *
   * @return pi_0 .. pi_(K-1)
   */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /**
   * Returns N, the number of observations the distribution rests on.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BinnedDistribution d
        && grid.equals(d.grid)
        && count == d.count
        && Arrays.equals(probabilities, d.probabilities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(grid, count, Arrays.hashCode(probabilities));
  }

  @Override
  public String toString() {
    return "BinnedDistribution[" + grid + ", count=" + count + "]";
  }
}
