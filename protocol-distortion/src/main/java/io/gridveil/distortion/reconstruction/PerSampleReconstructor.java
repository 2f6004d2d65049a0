// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import io.gridveil.distortion.NoiseParameters;
import io.gridveil.distortion.internal.EmKernel;
import java.util.Objects;

/**
 * The per-sample Agrawal-Aggarwal EM (spec/distortion.md §5.4): the same iteration as
 * {@link Reconstructor} with every observation's own likelihood row, recomputed in every
 * iteration (K + 1 erfc evaluations per observation), so one iteration costs O(M * K) for M
 * observations. It is the reference the binned form is tested against and the benchmark baseline.
 */
public final class PerSampleReconstructor {
  private PerSampleReconstructor() {}

  /**
   * Reconstructs from raw observations (spec/distortion.md §5.4). Observations outside the window
   * of {@link ObservationGrid#covering} are excluded, as in the binned form.
   *
   * @param observations the distorted readings d_i
   * @param noise the noise parameters N(mu, sigma^2) the meters used
   * @param grid the reconstruction grid
   * @param options the stopping rule
   * @return the reconstruction
   */
  public static Reconstruction reconstruct(
      double[] observations, NoiseParameters noise, BinGrid grid, ReconstructionOptions options) {
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(options, "options");
    int k = grid.bins();
    double lo = grid.lower() + noise.mean() - ObservationGrid.WINDOW_SIGMAS * noise.sigma();
    double hi = grid.upper() + noise.mean() + ObservationGrid.WINDOW_SIGMAS * noise.sigma();
    double[] edges = Reconstructor.edges(grid);
    double[] tails = new double[k + 1];
    double[] row = new double[k];
    // §5.4 step 1: keep the observations inside the window with a non-zero likelihood.
    double[] kept = new double[observations.length];
    int m = 0;
    for (double d : observations) {
      if (d >= lo && d < hi
          && EmKernel.likelihoodRow(d, noise.mean(), noise.sigma(), edges, tails, row) > 0) {
        kept[m++] = d;
      }
    }
    long excluded = observations.length - (long) m;
    double[] pi = Reconstructor.uniform(k);
    if (m == 0) {
      return new Reconstruction(new BinnedDistribution(grid, pi, 0), 0, false, excluded);
    }
    double threshold = EmKernel.threshold(options.thresholdFraction(), k);
    double[] acc = new double[k];
    double[] next = new double[k];
    int iterations = 0;
    boolean converged = false;
    while (iterations < options.maxIterations()) {
      java.util.Arrays.fill(acc, 0.0);
      for (int i = 0; i < m; i++) {
        EmKernel.likelihoodRow(kept[i], noise.mean(), noise.sigma(), edges, tails, row);
        double d = 0;
        for (int p = 0; p < k; p++) {
          d += row[p] * pi[p];
        }
        if (d > 0) {
          double w = 1.0 / d;
          for (int p = 0; p < k; p++) {
            acc[p] += w * row[p];
          }
        }
      }
      Reconstructor.normalizeProduct(pi, acc, next);
      iterations++;
      double change = EmKernel.chiSquareChange(pi, next, m);
      double[] t = pi;
      pi = next;
      next = t;
      if (change < threshold) {
        converged = true;
        break;
      }
    }
    return new Reconstruction(new BinnedDistribution(grid, pi, m), iterations, converged, excluded);
  }
}
