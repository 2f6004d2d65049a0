// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.distortion.DistortionChecks;

/**
 * The public grid of K equal bins over [L, U) on which the consumption distribution is
 * reconstructed (spec/distortion.md §2.4): bin p is [e_p, e_(p+1)) with e_p = L + p (U - L) / K.
 *
 * @param lower L, in reading units
 * @param upper U, in reading units, above L
 * @param bins K, from 2 to 10,000
 */
public record BinGrid(double lower, double upper, int bins) {
  /** The largest K. */
  public static final int MAX_BINS = 10_000;

  /**
   * Validates the grid.
   *
   * @param lower L, in reading units
   * @param upper U, in reading units, above L
   * @param bins K, from 2 to 10,000
   * @throws IllegalParameterException DIST-P-07 if K is out of range or L, U are not finite with
   *     L &lt; U
   */
  public BinGrid {
    if (bins < 2 || bins > MAX_BINS) {
      throw new IllegalParameterException(DistortionChecks.DIST_P_07, "K must be in [2, 10000]");
    }
    if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)
        || !Double.isFinite(upper - lower)) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_07, "the grid range must be finite with L < U");
    }
  }

  /**
   * Returns the bin width h = (U - L) / K.
   *
   * @return h
   */
  public double width() {
    return (upper - lower) / bins;
  }

  /**
   * Returns edge e_p = L + p (U - L) / K, exactly L for p = 0 and U for p = K.
   *
   * @param p the edge index, 0 to K
   * @return e_p
   */
  public double edge(int p) {
    if (p < 0 || p > bins) {
      throw new IndexOutOfBoundsException("edge index out of range");
    }
    return p == bins ? upper : lower + p * (upper - lower) / bins;
  }

  /**
   * Returns the midpoint of bin p.
   *
   * @param p the bin index
   * @return (e_p + e_(p+1)) / 2
   */
  public double midpoint(int p) {
    return 0.5 * (edge(p) + edge(p + 1));
  }

  /**
   * Returns the bin that holds x, or -1 if x is outside [L, U).
   *
   * @param x the value
   * @return the bin index, or -1
   */
  public int binOf(double x) {
    if (!(x >= lower && x < upper)) {
      return -1;
    }
    int p = (int) ((x - lower) / (upper - lower) * bins);
    // Guard the floating-point boundary cases so that e_p <= x < e_(p+1) holds exactly.
    if (p >= bins) {
      p = bins - 1;
    }
    while (p > 0 && x < edge(p)) {
      p--;
    }
    while (p < bins - 1 && x >= edge(p + 1)) {
      p++;
    }
    return p;
  }
}
