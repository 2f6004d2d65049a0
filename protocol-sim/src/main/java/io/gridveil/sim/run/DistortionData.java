// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

/**
 * The data of a distortion run that the leakage analysis needs (spec/sim.md §5.2): household 0's
 * true and distorted traces, the supplier's estimate of each round's total, and a pooled sample
 * of true and distorted readings for the distribution plots.
 */
public final class DistortionData {
  private final long[] householdTrue;
  private final double[] householdDistorted;
  private final double[] estimate;
  private final double[] pooledTrue;
  private final double[] pooledDistorted;

  /**
   * Creates the data; the arrays are copied.
   *
   * @param householdTrue household 0's true readings, in Wh per round
   * @param householdDistorted household 0's distorted readings d_0j, in Wh
   * @param estimate the sum of the received distorted readings per round, in Wh
   * @param pooledTrue a sample of true readings over meters and rounds, in Wh
   * @param pooledDistorted the distorted readings of the same meters and rounds, in Wh
   */
  public DistortionData(
      long[] householdTrue,
      double[] householdDistorted,
      double[] estimate,
      double[] pooledTrue,
      double[] pooledDistorted) {
    if (pooledTrue.length != pooledDistorted.length
        || householdTrue.length != householdDistorted.length) {
      throw new IllegalArgumentException("paired arrays must have the same length");
    }
    this.householdTrue = householdTrue.clone();
    this.householdDistorted = householdDistorted.clone();
    this.estimate = estimate.clone();
    this.pooledTrue = pooledTrue.clone();
    this.pooledDistorted = pooledDistorted.clone();
  }

  /**
   * Returns household 0's true trace.
   *
   * @return a copy, in Wh per round
   */
  public long[] householdTrue() {
    return householdTrue.clone();
  }

  /**
   * Returns household 0's distorted trace.
   *
   * @return a copy, in Wh per round
   */
  public double[] householdDistorted() {
    return householdDistorted.clone();
  }

  /**
   * Returns the supplier's estimate of each round's total.
   *
   * @return a copy, in Wh per round
   */
  public double[] estimate() {
    return estimate.clone();
  }

  /**
   * Returns the pooled true readings.
   *
   * @return a copy, in Wh
   */
  public double[] pooledTrue() {
    return pooledTrue.clone();
  }

  /**
   * Returns the pooled distorted readings, paired with {@link #pooledTrue()}.
   *
   * @return a copy, in Wh
   */
  public double[] pooledDistorted() {
    return pooledDistorted.clone();
  }

  @Override
  public String toString() {
    return "DistortionData[" + householdTrue.length + " rounds, " + pooledTrue.length + " pooled, redacted]";
  }
}
