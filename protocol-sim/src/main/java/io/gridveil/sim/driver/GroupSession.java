// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.Map;
import java.util.Optional;

/** One group's parties after set-up, driven round by round (spec/sim.md §4.2). */
public interface GroupSession {
  /**
   * Runs one round to its deadline: readings, every message the round causes, the outcome.
   *
   * @param input the round, its true readings and its faults
   * @return the outcome at the decrypting party, or the distorted readings for distortion
   * @throws SimulationException if a party fails in a way the protocol does not provide for
   */
  RoundResult run(RoundInput input) throws SimulationException;

  /**
   * Returns the inbound messages the parties refused, by check ID, message type and receiving
   * role (spec/sim.md §4.7): duplicates, late and out-of-round messages under faults, and frames
   * the scheme sends to receivers that do not need them. A refused message never changes a
   * party's state.
   *
   * @return the number of refusals of each kind, possibly empty
   */
  Map<Refusal, Long> refusals();

  /**
   * Ends the billing cycle after the last round, for schemes that bill on the meter.
   *
   * @return the bills and the tariff, or empty for a scheme without on-meter billing
   * @throws SimulationException if a party fails in a way the protocol does not provide for
   */
  default Optional<Billing> finish() throws SimulationException {
    return Optional.empty();
  }
}
