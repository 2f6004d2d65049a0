// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.message.Address;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.network.NetworkStats;
import io.gridveil.core.random.RandomSource;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory network of one group carrying canonical frames (spec/sim.md §4.2): every
 * envelope a party emits is encoded, counted against its sender's role, and handed to
 * {@link InMemoryNetwork}, which drops, duplicates, delays and reorders it under the run's
 * {@link FaultPlan}; the recipient decodes the bytes it receives.
 */
public final class FrameNetwork {
  private final InMemoryNetwork<byte[]> network;
  private final CostLedger ledger;

  /**
   * Creates a group's network.
   *
   * @param plan the faults to inject
   * @param schedule the seeded source that decides each fault
   * @param ledger where sent messages and bytes are counted
   */
  public FrameNetwork(FaultPlan plan, RandomSource schedule, CostLedger ledger) {
    this.network = new InMemoryNetwork<>(plan, schedule);
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Sends one encoded frame.
   *
   * @param sender the sender's role, for the cost counts
   * @param recipient where it goes
   * @param frame the canonical frame
   */
  public void send(Role sender, Address recipient, byte[] frame) {
    ledger.sent(sender, frame.length);
    network.send(recipient, frame);
  }

  /**
   * Advances the virtual clock by one tick.
   *
   * @return the frames due now
   */
  public List<Delivery<byte[]>> tick() {
    return network.tick();
  }

  /**
   * Tells whether nothing is in flight.
   *
   * @return true if every frame was delivered or dropped
   */
  public boolean idle() {
    return network.idle();
  }

  /**
   * Returns the fault counters.
   *
   * @return sent, delivered, dropped, duplicated and delayed counts
   */
  public NetworkStats stats() {
    return network.stats();
  }

  /**
   * Returns the ledger that counts this network's traffic and its parties' CPU time.
   *
   * @return the ledger
   */
  public CostLedger ledger() {
    return ledger;
  }
}
