// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The bookkeeping of one round that the drivers of the aggregating schemes share (spec/sim.md
 * §4.2, §4.5): the outcome the decrypting party reports for the current round, and which meters'
 * contributions the counting party accepted, by the identity their licensed frame proved.
 *
 * @param <M> the scheme's message type
 */
public final class RoundTracker<M> {
  private final GroupId group;
  private final Map<MeterId, Integer> byId;
  private final Predicate<M> isContribution;
  private final BitSet delivered = new BitSet();
  private @Nullable Node<?, ?, ?> counter;
  private @Nullable RoundOutcome outcome;
  private long current = -1;

  /**
   * Creates the tracker of a group.
   *
   * @param group the group
   * @param byId each meter's position, by identity
   * @param isContribution tells the scheme's contribution message apart
   */
  public RoundTracker(GroupId group, Map<MeterId, Integer> byId, Predicate<M> isContribution) {
    this.group = Objects.requireNonNull(group, "group");
    this.byId = Objects.requireNonNull(byId, "byId");
    this.isContribution = Objects.requireNonNull(isContribution, "isContribution");
  }

  /**
   * Names the party whose accepted contributions count (the aggregator).
   *
   * @param node the counting party
   */
  public void countAt(Node<?, ?, ?> node) {
    this.counter = Objects.requireNonNull(node, "node");
  }

  /**
   * Starts a round: forgets the previous outcome and contributions.
   *
   * @param round the round about to run
   */
  public void begin(Round round) {
    current = round.index();
    outcome = null;
    delivered.clear();
  }

  /**
   * Keeps the outcome of the current round among a step's events ({@link Wire.Events}).
   *
   * @param from the node that stepped
   * @param events what it observed
   */
  public void events(Node<?, ?, ?> from, List<ProtocolEvent> events) {
    for (ProtocolEvent e : events) {
      if (e instanceof RoundOutcome o && o.round().index() == current) {
        outcome = o;
      }
    }
  }

  /**
   * Notes a contribution of the current round that the counting party accepted ({@link
   * Wire.Accepted}).
   *
   * @param node the party that accepted an envelope
   * @param e the verified envelope
   */
  public void accepted(Node<?, ?, ?> node, Envelope<M> e) {
    if (node == counter
        && isContribution.test(e.body())
        && e.round().index() == current
        && e.sender() instanceof Address.Identified id) {
      Integer k = byId.get(id.id());
      if (k != null) {
        delivered.set(k);
      }
    }
  }

  /**
   * Runs one round of an aggregating scheme in simulated time (spec/sim.md §4.2): the meters that
   * are up get their readings at the round's first tick t0; the frames due before t0 + {@link
   * FrameNetwork#DEADLINE_TICKS} are delivered; then the k-th party in {@code deadlines} (from 0)
   * gets its deadline at t0 + (k + 1) x {@code DEADLINE_TICKS}, after the frames due before it; after
   * the last deadline the frames still in flight arrive late, until the network is idle. The first
   * of {@code deadlines} is the aggregator, down if the round's concentrator failure says so.
   *
   * @param <I> the parties' input type
   * @param wire the group's plumbing
   * @param router names the nodes each frame goes to
   * @param input the round's readings and faults
   * @param meters the meters in ring order
   * @param reading the scheme's local-reading input for a round
   * @param deadlines the aggregator, then any later decrypting party
   * @param deadline the scheme's deadline input for a round
   * @return the round's result
   * @throws SimulationException if the network never goes idle
   */
  public <I> RoundResult run(
      Wire<M, I> wire,
      Wire.Router router,
      RoundInput input,
      List<? extends Node<?, I, M>> meters,
      BiFunction<Round, Reading, I> reading,
      List<? extends Node<?, I, M>> deadlines,
      Function<Round, I> deadline)
      throws SimulationException {
    Round j = input.round();
    wire.now(j);
    begin(j);
    long start = wire.now();
    Node<?, I, M> aggregator = deadlines.get(0);
    aggregator.setDown(input.concentratorFailed());
    for (int i = 0; i < meters.size(); i++) {
      meters.get(i).setDown(input.failed(i));
    }
    for (int i = 0; i < meters.size(); i++) {
      wire.feed(meters.get(i), reading.apply(j, Reading.ofWattHours(input.reading(i))), this::events);
    }
    long due = start;
    for (Node<?, I, M> party : deadlines) {
      due += FrameNetwork.DEADLINE_TICKS;
      wire.deliverBefore(due, router, this::events);
      wire.feed(party, deadline.apply(j), this::events);
    }
    // Late frames: each scheme's own rules refuse or absorb them (spec/sim.md §4.2).
    wire.deliverUntilIdle(router, this::events);
    aggregator.setDown(false);
    for (Node<?, I, M> m : meters) {
      m.setDown(false);
    }
    // No sum reached the decrypting party if the aggregator was down: the round is void.
    return result(j);
  }

  /**
   * Returns the round's result: the reported outcome, or void if no sum reached the decrypting
   * party (the aggregator was down).
   *
   * @param round the round that ran
   * @return the outcome and the meters whose contributions were accepted
   */
  public RoundResult result(Round round) {
    RoundOutcome o = outcome;
    if (o == null) {
      o = new RoundOutcome.Voided(group, round, VoidReason.MISSING_CONTRIBUTION);
    }
    return new RoundResult.Aggregated(o, delivered);
  }
}
