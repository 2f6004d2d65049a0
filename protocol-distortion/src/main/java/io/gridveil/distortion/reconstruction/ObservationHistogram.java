// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import java.util.Objects;

/**
 * The counts c_s of distorted observations in the bins of an {@link ObservationGrid}, and the
 * number of observations outside its window (spec/distortion.md §5.3 step 1). Immutable.
 *
 * <p>Building it costs O(M) for M observations; the reconstruction then depends only on the Q
 * counts, not on M.
 */
public final class ObservationHistogram {
  private final ObservationGrid grid;
  private final long[] counts;
  private final long total;
  private final long excluded;

  private ObservationHistogram(ObservationGrid grid, long[] counts, long excluded) {
    this.grid = grid;
    this.counts = counts;
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    this.total = t;
    this.excluded = excluded;
  }

  /**
   * Counts observations given as doubles.
   *
   * @param grid the observation grid
   * @param observations the distorted values d_i
   * @return the histogram
   */
  public static ObservationHistogram of(ObservationGrid grid, double[] observations) {
    Objects.requireNonNull(grid, "grid");
    long[] counts = new long[grid.bins()];
    long out = 0;
    for (double d : observations) {
      int s = grid.binOf(d);
      if (s < 0) {
        out++;
      } else {
        counts[s]++;
      }
    }
    return new ObservationHistogram(grid, counts, out);
  }

  /**
   * Counts observations given as integers (the wire form of spec/distortion.md §4).
   *
   * @param grid the observation grid
   * @param observations the distorted values d_i
   * @return the histogram
   */
  public static ObservationHistogram of(ObservationGrid grid, long[] observations) {
    Objects.requireNonNull(grid, "grid");
    long[] counts = new long[grid.bins()];
    long out = 0;
    for (long d : observations) {
      int s = grid.binOf((double) d);
      if (s < 0) {
        out++;
      } else {
        counts[s]++;
      }
    }
    return new ObservationHistogram(grid, counts, out);
  }

  /**
   * Returns the histogram of two sets of observations together (the counts add).
   *
   * @param other a histogram on the same grid
   * @return the sum
   * @throws IllegalArgumentException if the grids differ
   */
  public ObservationHistogram plus(ObservationHistogram other) {
    if (!grid.equals(other.grid)) {
      throw new IllegalArgumentException("histograms on different grids");
    }
    long[] sum = counts.clone();
    for (int s = 0; s < sum.length; s++) {
      sum[s] = Math.addExact(sum[s], other.counts[s]);
    }
    return new ObservationHistogram(grid, sum, Math.addExact(excluded, other.excluded));
  }

  /**
   * Returns the observation grid.
   *
   * @return the grid
   */
  public ObservationGrid grid() {
    return grid;
  }

  /**
   * Returns c_s.
   *
   * @param s the observation bin
   * @return the count
   */
  public long count(int s) {
    return counts[s];
  }

  /**
   * Returns the counts as a new array.
   *
   * @return c_0 .. c_(Q-1)
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Returns the number of observations inside the window, sum_s c_s.
   *
   * @return the count
   */
  public long total() {
    return total;
  }

  /**
   * Returns the number of observations outside the window.
   *
   * @return the count
   */
  public long excluded() {
    return excluded;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ObservationHistogram h
        && grid.equals(h.grid)
        && excluded == h.excluded
        && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(grid, excluded, Arrays.hashCode(counts));
  }

  @Override
  public String toString() {
    return "ObservationHistogram[" + grid + ", total=" + total + ", excluded=" + excluded + "]";
  }
}
