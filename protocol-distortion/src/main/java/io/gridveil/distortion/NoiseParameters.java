// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.random.RandomSource;
import java.util.Objects;

/**
 * The meter's noise distribution N(mu, sigma^2), in the reading unit (spec/distortion.md §2.1),
 * and the distortion d = r + n it applies (spec/distortion.md §3.1).
 *
 * <p>The samples come from {@link RandomSource#nextGaussian()}: Box-Muller on 53-bit uniforms, so
 * every standard normal draw z satisfies |z| &lt;= sqrt(-2 ln 2^-53) &lt; 8.58, a truncation at
 * 8.58 sigma that changes the tail mass by less than 1e-17 (spec/distortion.md §3.1).
 *
 * @param mean mu, the noise mean in reading units (the paper's evaluation uses 100 W)
 * @param sigma sigma, the noise standard deviation in reading units, at least 1
 */
public record NoiseParameters(double mean, double sigma) {
  /** The largest |mu| + 9 sigma allowed, so that every distorted value is an exact double. */
  public static final double MAX_EXTENT = 0x1.0p52;

  /**
   * Validates the parameters.
   *
   * @param mean mu, the noise mean in reading units (the paper's evaluation uses 100 W)
   * @param sigma sigma, the noise standard deviation in reading units, at least 1
   * @throws IllegalParameterException DIST-P-01 if sigma is not finite or below 1; DIST-P-02 if
   *     mu is not finite or |mu| + 9 sigma exceeds 2^52
   */
  public NoiseParameters {
    if (!Double.isFinite(sigma) || sigma < 1.0) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_01, "sigma must be finite and at least 1 reading unit");
    }
    if (!Double.isFinite(mean) || Math.abs(mean) + 9.0 * sigma > MAX_EXTENT) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_02, "mu must be finite with |mu| + 9 sigma <= 2^52");
    }
  }

  /**
   * Returns N(mean, sigma^2) with sigma^2 = varianceFactor * Var(reference), the population
   * variance of a reference trace (spec/distortion.md §2.1); the paper uses factors 1 and 1.5.
   *
   * @param reference the reference trace in reading units, at least two values
   * @param varianceFactor the ratio sigma^2 / Var(reference), positive and finite
   * @param mean mu, the noise mean in reading units
   * @return the noise parameters
   * @throws IllegalParameterException DIST-P-03 if the trace has fewer than two values, a
   *     non-finite value or zero variance, or the factor is not positive and finite; DIST-P-01 or
   *     DIST-P-02 as the constructor
   */
  public static NoiseParameters relativeTo(double[] reference, double varianceFactor, double mean) {
    Objects.requireNonNull(reference, "reference");
    if (reference.length < 2 || !Double.isFinite(varianceFactor) || varianceFactor <= 0) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_03,
          "relative sigma needs a trace of at least two values and a positive factor");
    }
    double var = populationVariance(reference);
    if (!Double.isFinite(var) || var <= 0) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_03, "the reference trace must have positive finite variance");
    }
    return new NoiseParameters(mean, Math.sqrt(varianceFactor * var));
  }

  /**
   * Returns the population variance (1/n) sum (x - mean)^2, by the two-pass formula.
   *
   * @param x the values, at least one
   * @return the variance; NaN if a value is not finite
   */
  public static double populationVariance(double[] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    double m = sum / x.length;
    double ss = 0;
    double comp = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
      comp += v - m;
    }
    return (ss - comp * comp / x.length) / x.length;
  }

  /**
   * Distorts one integer reading: d = r + rint(mu + sigma z) with z drawn by
   * {@link RandomSource#nextGaussian()} (spec/distortion.md §3.1).
   *
   * @param reading r, the true reading in reading units, |r| &lt;= 2^52
   * @param random the injected random source
   * @return d, the distorted reading
   */
  public long distort(long reading, RandomSource random) {
    return distortWith(reading, random.nextGaussian());
  }

  /**
   * The deterministic core of {@link #distort(long, RandomSource)}: d = r + rint(mu + sigma z),
   * rounding half to even (spec/distortion.md §3.1 step 2).
   *
   * @param reading r, |r| &lt;= 2^52
   * @param z the standard normal draw
   * @return d
   */
  long distortWith(long reading, double z) {
    if (Math.abs(reading) > (1L << 52)) {
      throw new IllegalArgumentException("reading out of the distortable range");
    }
    return reading + (long) Math.rint(mean + sigma * z);
  }

  /**
   * Distorts a trace in physical units without rounding: d[j] = r[j] + mu + sigma z_j, one draw
   * per value in order (spec/distortion.md §3.1, analysis form for evaluation and simulation).
   *
   * @param trace r, the true trace
   * @param random the injected random source
   * @return a new array d
   */
  public double[] distortTrace(double[] trace, RandomSource random) {
    double[] out = new double[trace.length];
    for (int j = 0; j < trace.length; j++) {
      out[j] = trace[j] + mean + sigma * random.nextGaussian();
    }
    return out;
  }
}
