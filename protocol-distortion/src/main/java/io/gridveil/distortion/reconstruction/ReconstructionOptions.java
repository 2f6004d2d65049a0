// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.distortion.DistortionChecks;

/**
 * The stopping rule of the reconstruction (spec/distortion.md §5.5): stop after iteration k when
 * X^2_k = N sum_p (pi_p^k - pi_p^(k-1))^2 / pi_p^(k-1) falls below
 * {@code thresholdFraction * chi^2_(K-1, 0.95)}, or after {@code maxIterations} iterations.
 *
 * @param thresholdFraction f, the fraction of the chi-square threshold (Agrawal-Srikant used 0.01;
 *     GridVeil's default is 3e-5); 0
 *     runs exactly maxIterations iterations
 * @param maxIterations the iteration cap, from 1 to 100,000
 */
public record ReconstructionOptions(double thresholdFraction, int maxIterations) {
  /** The defaults: f = 3e-5, cap 5,000 (spec/distortion.md §5.5 explains the choice). */
  public static final ReconstructionOptions DEFAULT = new ReconstructionOptions(3e-5, 5000);

  /**
   * Validates the options.
   *
   * @param thresholdFraction f, the fraction of the chi-square threshold (Agrawal-Srikant: 0.01);
   *     0 runs exactly maxIterations iterations
   * @param maxIterations the iteration cap, from 1 to 100,000
   * @throws IllegalParameterException DIST-P-09 if f is negative or not finite, or the cap is
   *     out of range
   */
  public ReconstructionOptions {
    if (!Double.isFinite(thresholdFraction) || thresholdFraction < 0
        || maxIterations < 1 || maxIterations > 100_000) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_09, "need f >= 0 finite and 1 <= cap <= 100000");
    }
  }

  /**
   * Returns options that run exactly a given number of iterations.
   *
   * @param iterations the number of iterations
   * @return the options
   */
  public static ReconstructionOptions fixedIterations(int iterations) {
    return new ReconstructionOptions(0.0, iterations);
  }
}
