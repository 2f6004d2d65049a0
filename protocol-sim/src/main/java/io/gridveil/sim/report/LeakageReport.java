// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import java.util.List;
import java.util.Objects;

/**
 * The leakage results of a distortion run (spec/sim.md §5.2): attack metrics such as EF/TF, the
 * de-noised trace of household 0, and the true, distorted and reconstructed distributions.
 */
public final class LeakageReport {
  private final List<Metric> metrics;
  private final String denoiser;
  private final double[] householdDenoised;
  private final double[] binCentres;
  private final double[] trueDistribution;
  private final double[] distortedDistribution;
  private final double[] reconstructedDistribution;

  /**
   * Creates the report; the arrays are copied.
   *
   * @param metrics the attack and reconstruction metrics
   * @param denoiser the name of the filter that produced {@code householdDenoised}
   * @param householdDenoised household 0's de-noised distorted trace, in Wh per round
   * @param binCentres the centre of each histogram bin, in Wh
   * @param trueDistribution the fraction of true readings per bin
   * @param distortedDistribution the fraction of distorted readings per bin
   * @param reconstructedDistribution the reconstructed fraction per bin
   */
  public LeakageReport(
      List<Metric> metrics,
      String denoiser,
      double[] householdDenoised,
      double[] binCentres,
      double[] trueDistribution,
      double[] distortedDistribution,
      double[] reconstructedDistribution) {
    int k = binCentres.length;
    if (trueDistribution.length != k
        || distortedDistribution.length != k
        || reconstructedDistribution.length != k) {
      throw new IllegalArgumentException("every distribution needs one value per bin");
    }
    this.metrics = List.copyOf(metrics);
    this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
    this.householdDenoised = householdDenoised.clone();
    this.binCentres = binCentres.clone();
    this.trueDistribution = trueDistribution.clone();
    this.distortedDistribution = distortedDistribution.clone();
    this.reconstructedDistribution = reconstructedDistribution.clone();
  }

  /**
   * Returns the metrics.
   *
   * @return attack and reconstruction metrics, in report order
   */
  public List<Metric> metrics() {
    return metrics;
  }

  /**
   * Returns the name of the de-noising filter of the household plot.
   *
   * @return for example {@code "non-local means"}
   */
  public String denoiser() {
    return denoiser;
  }

  /**
   * Returns household 0's de-noised trace.
   *
   * @return a copy, in Wh per round
   */
  public double[] householdDenoised() {
    return householdDenoised.clone();
  }

  /**
   * Returns the bin centres.
   *
   * @return a copy, in Wh
   */
  public double[] binCentres() {
    return binCentres.clone();
  }

  /**
   * Returns the true distribution.
   *
   * @return a copy: the fraction of true readings per bin
   */
  public double[] trueDistribution() {
    return trueDistribution.clone();
  }

  /**
   * Returns the distribution of the distorted readings.
   *
   * @return a copy: the fraction of distorted readings per bin
   */
  public double[] distortedDistribution() {
    return distortedDistribution.clone();
  }

  /**
   * Returns the reconstructed distribution.
   *
   * @return a copy: the reconstructed fraction per bin
   */
  public double[] reconstructedDistribution() {
    return reconstructedDistribution.clone();
  }

  /**
   * One named metric.
   *
   * @param name for example {@code "EF/TF after non-local means, distortion"}
   * @param value the value
   * @param detail how it was computed, or the empty string
   */
  public record Metric(String name, double value, String detail) {
    /**
     * Validates that no component is null.
     *
     * @param name for example {@code "EF/TF after non-local means, distortion"}
     * @param value the value
     * @param detail how it was computed, or the empty string
     * @throws NullPointerException if a component is null
     */
    public Metric {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
