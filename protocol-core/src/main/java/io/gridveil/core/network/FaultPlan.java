// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

/**
 * The faults an {@link InMemoryNetwork} injects (spec/core.md §10), each decided per envelope by
 * the network's seeded schedule.
 *
 * @param drop probability that an envelope is lost, in [0, 1]
 * @param duplicate probability that an envelope is delivered twice, in [0, 1]
 * @param delay probability that an envelope is held back, in [0, 1]
 * @param maxDelayTicks the largest hold-back in ticks when delayed, at least 0
 * @param reorder whether the envelopes due in the same tick are delivered in shuffled order
 */
public record FaultPlan(
    double drop, double duplicate, double delay, int maxDelayTicks, boolean reorder) {
  /** A network that delivers every envelope once, in order, at the next tick. */
  public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, false);

  /**
   * Validates the probabilities and the delay.
   *
   * @param drop probability that an envelope is lost, in [0, 1]
   * @param duplicate probability that an envelope is delivered twice, in [0, 1]
   * @param delay probability that an envelope is held back, in [0, 1]
   * @param maxDelayTicks the largest hold-back in ticks when delayed, at least 0
   * @param reorder whether the envelopes due in the same tick are delivered in shuffled order
   * @throws IllegalArgumentException if a probability is outside [0, 1] or the delay negative
   */
  public FaultPlan {
    checkProbability(drop);
    checkProbability(duplicate);
    checkProbability(delay);
    if (maxDelayTicks < 0) {
      throw new IllegalArgumentException("maxDelayTicks must be at least 0");
    }
  }

  private static void checkProbability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]");
    }
  }
}
