// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.party.RoundOutcome;
import java.util.BitSet;
import java.util.Objects;

/** What one round of a group produced (spec/sim.md §4.2). */
public sealed interface RoundResult {
  /**
   * An exact-or-void scheme's outcome at the decrypting party, with the meters whose
   * contributions reached it: the checker compares an exact sum with their plaintext sum.
   *
   * @param outcome the outcome the supplier reported
   * @param delivered the meters whose contribution for the round reached the decrypting party by
   *     its deadline, as observed on the network
   */
  record Aggregated(RoundOutcome outcome, BitSet delivered) implements RoundResult {
    /**
     * Validates that no component is null.
     *
     * @param outcome the outcome the supplier reported
     * @param delivered the meters whose contribution for the round reached the decrypting party
     *     by its deadline, as observed on the network
     * @throws NullPointerException if a component is null
     */
    public Aggregated {
      Objects.requireNonNull(outcome, "outcome");
      delivered = (BitSet) Objects.requireNonNull(delivered, "delivered").clone();
    }

    /**
     * Returns the meters whose contributions the outcome includes.
     *
     * @return a copy of the set
     */
    @Override
    public BitSet delivered() {
      return (BitSet) delivered.clone();
    }
  }

  /**
   * A distortion round: the supplier receives distorted readings d_ij, whose sum estimates the
   * total and is not exact by design (spec/distortion.md); the exact quantity is the bill.
   */
  final class Distorted implements RoundResult {
    private final double[] distorted;
    private final BitSet received;

    /**
     * Creates the result.
     *
     * @param distorted d_ij in Wh as received by the supplier, per meter (0 where absent)
     * @param received the meters whose distorted reading reached the supplier
     */
    public Distorted(double[] distorted, BitSet received) {
      this.distorted = distorted.clone();
      this.received = (BitSet) received.clone();
    }

    /**
     * Returns meter i's distorted reading as the supplier received it.
     *
     * @param i the meter
     * @return d_ij in Wh, or 0 if it did not arrive
     */
    public double distorted(int i) {
      return distorted[i];
    }

    /**
     * Tells whether meter i's distorted reading arrived.
     *
     * @param i the meter
     * @return true if the supplier received d_ij
     */
    public boolean received(int i) {
      return received.get(i);
    }

    /**
     * Returns the number of meters.
     *
     * @return n
     */
    public int members() {
      return distorted.length;
    }
  }
}
