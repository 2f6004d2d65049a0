// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.Round;
import java.util.BitSet;
import java.util.Objects;

/**
 * One round as the simulator hands it to a driver (spec/sim.md §4.2): the true readings of the
 * group and the faults of the round. The simulator owns the arrays; a driver reads them only.
 */
public final class RoundInput {
  private final Round round;
  private final long[] readings;
  private final BitSet failedMeters;
  private final boolean concentratorFailed;

  /**
   * Creates the input of one round.
   *
   * @param round j
   * @param readings e_ij in Wh for i = 0 .. n - 1, in ring order
   * @param failedMeters the meters that are down this round: they neither read nor send
   * @param concentratorFailed whether the group's local concentrator (or aggregator) fails in
   *     this round
   */
  public RoundInput(Round round, long[] readings, BitSet failedMeters, boolean concentratorFailed) {
    this.round = Objects.requireNonNull(round, "round");
    this.readings = Objects.requireNonNull(readings, "readings");
    this.failedMeters = Objects.requireNonNull(failedMeters, "failedMeters");
    this.concentratorFailed = concentratorFailed;
  }

  /**
   * Returns the round.
   *
   * @return j
   */
  public Round round() {
    return round;
  }

  /**
   * Returns the number of meters.
   *
   * @return n
   */
  public int members() {
    return readings.length;
  }

  /**
   * Returns meter i's true reading.
   *
   * @param i the meter's position in ring order
   * @return e_ij in Wh
   */
  public long reading(int i) {
    return readings[i];
  }

  /**
   * Tells whether meter i is down this round.
   *
   * @param i the meter's position in ring order
   * @return true if the meter neither reads nor sends this round
   */
  public boolean failed(int i) {
    return failedMeters.get(i);
  }

  /**
   * Returns the meters that are down this round.
   *
   * @return a copy of the set
   */
  public BitSet failedMeters() {
    return (BitSet) failedMeters.clone();
  }

  /**
   * Tells whether the local concentrator (or aggregator) fails this round.
   *
   * @return true if it is down from this round on, until the driver restores it
   */
  public boolean concentratorFailed() {
    return concentratorFailed;
  }

  @Override
  public String toString() {
    return "RoundInput[round=" + round.index() + ", n=" + readings.length + ", readings redacted]";
  }
}
