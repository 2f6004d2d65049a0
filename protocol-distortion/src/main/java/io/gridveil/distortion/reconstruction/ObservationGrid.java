// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.distortion.DistortionChecks;
import io.gridveil.distortion.NoiseParameters;

/**
 * The fine grid on which distorted observations are counted before reconstruction
 * (spec/distortion.md §2.4): Q bins of width g from o_0, observation bin s being
 * [o_0 + s g, o_0 + (s+1) g) with midpoint m_s. Observations outside [o_0, o_0 + Q g) are
 * excluded and counted as such.
 *
 * @param lower o_0, the window's lower end
 * @param width g, the observation bin width, positive
 * @param bins Q, from 1 to 2^20
 */
public record ObservationGrid(double lower, double width, int bins) {
  /** The largest Q. */
  public static final int MAX_BINS = 1 << 20;
  /** The largest Q * K, which bounds the likelihood matrix at 2^25 doubles (256 MiB). */
  public static final long MAX_CELLS = 1L << 25;
  /** The window extends T sigma beyond the shifted grid on each side (spec/distortion.md §2.4). */
  public static final double WINDOW_SIGMAS = 10.0;
  /** The default g is min(h, sigma) / 8 (spec/distortion.md §2.4). */
  public static final double DEFAULT_RESOLUTION = 8.0;

  /**
   * Validates the grid.
   *
   * @param lower o_0, the window's lower end
   * @param width g, the observation bin width, positive
   * @param bins Q, from 1 to 2^20
   * @throws IllegalParameterException DIST-P-08 if o_0 is not finite, g is not positive and
   *     finite, or Q is out of range
   */
  public ObservationGrid {
    if (!Double.isFinite(lower) || !Double.isFinite(width) || !(width > 0)
        || bins < 1 || bins > MAX_BINS || !Double.isFinite(lower + width * bins)) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_08, "observation grid needs finite o_0, g > 0, 1 <= Q <= 2^20");
    }
  }

  /**
   * Returns the observation grid of width g covering the window
   * [L + mu - 10 sigma, U + mu + 10 sigma), which holds every observation d = r + n with r in
   * [L, U) since |n - mu| &lt;= 8.58 sigma + 0.5 (spec/distortion.md §2.4).
   *
   * @param grid the reconstruction grid
   * @param noise the noise parameters
   * @param width g, positive
   * @return the grid
   * @throws IllegalParameterException DIST-P-08 if the window needs more than 2^20 bins or Q * K
   *     exceeds 2^25
   */
  public static ObservationGrid covering(BinGrid grid, NoiseParameters noise, double width) {
    double lo = grid.lower() + noise.mean() - WINDOW_SIGMAS * noise.sigma();
    double hi = grid.upper() + noise.mean() + WINDOW_SIGMAS * noise.sigma();
    if (!Double.isFinite(width) || !(width > 0)) {
      throw new IllegalParameterException(DistortionChecks.DIST_P_08, "g must be positive");
    }
    double q = Math.ceil((hi - lo) / width);
    if (!(q <= MAX_BINS) || q * grid.bins() > MAX_CELLS) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_08, "observation grid too fine: Q <= 2^20 and Q * K <= 2^25");
    }
    return new ObservationGrid(lo, width, (int) Math.max(1, q));
  }

  /**
   * Returns the default observation grid: g = min(h, sigma) / 8, widened if needed so that
   * Q &lt;= 2^20 and Q * K &lt;= 2^25 (spec/distortion.md §2.4).
   *
   * @param grid the reconstruction grid
   * @param noise the noise parameters
   * @return the grid
   */
  public static ObservationGrid defaultFor(BinGrid grid, NoiseParameters noise) {
    double span = grid.upper() - grid.lower() + 2 * WINDOW_SIGMAS * noise.sigma();
    double g = Math.min(grid.width(), noise.sigma()) / DEFAULT_RESOLUTION;
    long maxQ = Math.min(MAX_BINS, MAX_CELLS / grid.bins());
    if (span / g > maxQ - 1) {
      g = span / (maxQ - 1);
    }
    return covering(grid, noise, g);
  }

  /**
   * Returns the observation bin of x, or -1 outside the window.
   *
   * @param x the observation
   * @return s, or -1
   */
  public int binOf(double x) {
    double t = (x - lower) / width;
    if (!(t >= 0 && t < bins)) {
      return -1;
    }
    return (int) t;
  }

  /**
   * Returns the midpoint m_s = o_0 + (s + 1/2) g.
   *
   * @param s the observation bin
   * @return m_s
   */
  public double midpoint(int s) {
    return lower + (s + 0.5) * width;
  }
}
