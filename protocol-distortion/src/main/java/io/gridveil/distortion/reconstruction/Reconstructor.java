// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import io.gridveil.distortion.NoiseParameters;
import io.gridveil.distortion.internal.EmKernel;
import java.util.Objects;

/**
 * The binned Agrawal-Aggarwal EM reconstruction (spec/distortion.md §5.3): the distribution of the
 * true readings over a {@link BinGrid}, estimated from the histogram of distorted observations.
 *
 * <p>The likelihood matrix A[s][p] (the interval-averaged noise mass of observation bin s under
 * reconstruction bin p, §5.2) is computed once for the non-empty observation bins; one iteration
 * then costs O(rows * K) whatever the number of meters, rows being at most Q.
 */
public final class Reconstructor {
  private Reconstructor() {}

  /**
   * Reconstructs from raw observations through the default observation grid
   * ({@link ObservationGrid#defaultFor}).
   *
   * @param observations the distorted readings d_i
   * @param noise the noise parameters N(mu, sigma^2) the meters used
   * @param grid the reconstruction grid
   * @param options the stopping rule
   * @return the reconstruction
   */
  public static Reconstruction reconstruct(
      double[] observations, NoiseParameters noise, BinGrid grid, ReconstructionOptions options) {
    ObservationHistogram h =
        ObservationHistogram.of(ObservationGrid.defaultFor(grid, noise), observations);
    return reconstruct(h, noise, grid, options);
  }

  /**
   * Reconstructs from a histogram of observations (spec/distortion.md §5.3).
   *
   * @param histogram the counts c_s of the distorted readings
   * @param noise the noise parameters N(mu, sigma^2) the meters used
   * @param grid the reconstruction grid
   * @param options the stopping rule
   * @return the reconstruction; with no usable observation, the uniform distribution with count
   *     0 after 0 iterations
   */
  public static Reconstruction reconstruct(
      ObservationHistogram histogram,
      NoiseParameters noise,
      BinGrid grid,
      ReconstructionOptions options) {
    Objects.requireNonNull(histogram, "histogram");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(options, "options");
    int k = grid.bins();
    double[] edges = edges(grid);
    ObservationGrid og = histogram.grid();
    int q = og.bins();
    // §5.3 step 2: one row per non-empty observation bin whose likelihood is not all zero.
    int nonEmpty = 0;
    for (int s = 0; s < q; s++) {
      if (histogram.count(s) > 0) {
        nonEmpty++;
      }
    }
    double[] a = new double[nonEmpty * k];
    double[] weight = new double[nonEmpty];
    double[] tails = new double[k + 1];
    double[] row = new double[k];
    int rows = 0;
    long used = 0;
    long excluded = histogram.excluded();
    for (int s = 0; s < q; s++) {
      long c = histogram.count(s);
      if (c == 0) {
        continue;
      }
      double sum =
          EmKernel.likelihoodRow(og.midpoint(s), noise.mean(), noise.sigma(), edges, tails, row);
      if (sum > 0) {
        System.arraycopy(row, 0, a, rows * k, k);
        weight[rows] = c;
        rows++;
        used += c;
      } else {
        excluded += c;
      }
    }
    double[] pi = uniform(k);
    if (used == 0) {
      return new Reconstruction(new BinnedDistribution(grid, pi, 0), 0, false, excluded);
    }
    double threshold = EmKernel.threshold(options.thresholdFraction(), k);
    double[] acc = new double[k];
    double[] next = new double[k];
    int iterations = 0;
    boolean converged = false;
    while (iterations < options.maxIterations()) {
      java.util.Arrays.fill(acc, 0.0);
      // §5.3 step 3: acc_p = sum_s c_s A[s][p] / D_s with D_s = sum_l A[s][l] pi_l.
      for (int r = 0; r < rows; r++) {
        int off = r * k;
        double d = 0;
        for (int p = 0; p < k; p++) {
          d += a[off + p] * pi[p];
        }
        if (d > 0) {
          double w = weight[r] / d;
          for (int p = 0; p < k; p++) {
            acc[p] += w * a[off + p];
          }
        }
      }
      normalizeProduct(pi, acc, next);
      iterations++;
      double change = EmKernel.chiSquareChange(pi, next, used);
      double[] t = pi;
      pi = next;
      next = t;
      if (change < threshold) {
        converged = true;
        break;
      }
    }
    return new Reconstruction(new BinnedDistribution(grid, pi, used), iterations, converged, excluded);
  }

  static double[] edges(BinGrid grid) {
    double[] e = new double[grid.bins() + 1];
    for (int p = 0; p <= grid.bins(); p++) {
      e[p] = grid.edge(p);
    }
    return e;
  }

  static double[] uniform(int k) {
    double[] pi = new double[k];
    java.util.Arrays.fill(pi, 1.0 / k);
    return pi;
  }

  /** §5.3 step 4: next_p = pi_p acc_p / sum_l pi_l acc_l. */
  static void normalizeProduct(double[] pi, double[] acc, double[] next) {
    double total = 0;
    for (int p = 0; p < pi.length; p++) {
      next[p] = pi[p] * acc[p];
      total += next[p];
    }
    for (int p = 0; p < pi.length; p++) {
      next[p] /= total;
    }
  }
}
