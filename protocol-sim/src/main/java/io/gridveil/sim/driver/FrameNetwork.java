// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.message.Address;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.network.NetworkStats;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory network of one group carrying canonical frames (spec/sim.md §4.2): every
 * envelope a party emits is encoded, counted against its sender's role, and handed to
 * {@link InMemoryNetwork}, which drops, duplicates, delays and reorders it under the run's
 * {@link FaultPlan}; the recipient decodes the bytes it receives.
 *
 * <p>Time is counted in ticks (spec/sim.md §4.2): a frame sent at tick t is due at tick t + 1, or
 * later if the plan delays it; each {@link #tick()} advances the group's clock by one.
 */
public final class FrameNetwork {
  /**
   * A round's collection deadline, in ticks after its first tick (spec/sim.md §4.2); each later
   * deadline of the round follows the previous one by as many ticks.
   */
  public static final int DEADLINE_TICKS = 8;

  /**
   * The largest hold-back of a delayed frame, in ticks, that a run accepts (spec/sim.md §2.2): two
   * deadline windows.
   */
  public static final int MAX_DELAY_TICKS = 2 * DEADLINE_TICKS;

  /** Ticks after which a network that still holds frames is declared stuck. */
  static final int IDLE_GUARD_TICKS = 100_000;

  private final InMemoryNetwork<byte[]> faulty;
  private final InMemoryNetwork<byte[]> clean;
  private final CostLedger ledger;
  private InMemoryNetwork<byte[]> network;
  private long now;

  /**
   * Creates a group's network.
   *
   * @param plan the faults to inject
   * @param schedule the seeded source that decides each fault
   * @param ledger where sent messages and bytes are counted
   * @throws IllegalArgumentException if the plan holds frames back more than {@link
   *     #MAX_DELAY_TICKS}
   */
  public FrameNetwork(FaultPlan plan, RandomSource schedule, CostLedger ledger) {
    if (plan.delay() > 0 && plan.maxDelayTicks() > MAX_DELAY_TICKS) {
      throw new IllegalArgumentException("a delay may hold a frame back at most " + MAX_DELAY_TICKS + " ticks");
    }
    this.faulty = new InMemoryNetwork<>(plan, schedule);
    this.clean = new InMemoryNetwork<>(FaultPlan.NONE, schedule);
    this.network = faulty;
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Switches between the fault-free network of the commissioning phase (a group's first set-up,
   * spec/sim.md §4.2) and the run's faulty network; frames in flight stay on the network they
   * were sent on, so switch only when {@link #idle()}.
   *
   * @param on true to inject the run's faults, false for fault-free delivery
   * @throws IllegalStateException if frames are in flight
   */
  public void faults(boolean on) {
    if (!idle()) {
      throw new IllegalStateException("switch networks only when idle");
    }
    network = on ? faulty : clean;
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
    now++;
    if (clean.idle()) {
      return faulty.tick();
    }
    if (faulty.idle()) {
      return clean.tick();
    }
    List<Delivery<byte[]>> due = new ArrayList<>(clean.tick());
    due.addAll(faulty.tick());
    return due;
  }

  /**
   * Returns the group's clock.
   *
   * @return the ticks so far
   */
  public long now() {
    return now;
  }

  /**
   * Tells whether nothing is in flight.
   *
   * @return true if every frame was delivered or dropped
   */
  public boolean idle() {
    return faulty.idle() && clean.idle();
  }

  /**
   * Returns the fault counters of the faulty network, that is of the rounds.
   *
   * @return sent, delivered, dropped, duplicated and delayed counts
   */
  public NetworkStats stats() {
    return faulty.stats();
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
