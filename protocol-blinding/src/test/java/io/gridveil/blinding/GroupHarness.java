// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A test driver for one group without a network: it holds the parties' current states and routes
 * envelopes directly (spec/blinding.md §4). Mutable, test-only.
 */
final class GroupHarness {
  final GroupId group;
  final BlindingParameters params;
  final List<MeterId> roster = new ArrayList<>();
  TrustedThirdParty ttp;
  Aggregator aggregator;
  Supplier supplier;
  final List<Meter> meters = new ArrayList<>();
  final List<RoundOutcome> supplierOutcomes = new ArrayList<>();
  final List<RoundOutcome> aggregatorOutcomes = new ArrayList<>();
  final Deque<Envelope<?>> pending = new ArrayDeque<>();
  final RandomSource random;

  private GroupHarness(GroupHarness template, RandomSource random) {
    this.group = template.group;
    this.params = template.params;
    this.random = random;
    this.roster.addAll(template.roster);
    this.ttp = template.ttp;
    this.aggregator = template.aggregator;
    this.supplier = template.supplier;
    this.meters.addAll(template.meters);
    if (!template.pending.isEmpty()) {
      throw new IllegalStateException("copy a quiescent harness only");
    }
  }

  /** A copy sharing the (immutable) party states, with its own random source and queues. */
  GroupHarness copy(RandomSource random) {
    return new GroupHarness(this, random);
  }

  GroupHarness(String group, int n, BlindingParameters params, PaillierKeyPair keys, RandomSource random)
      throws ProtocolViolationException {
    this.group = new GroupId(group);
    this.params = params;
    this.random = random;
    for (int i = 1; i <= n; i++) {
      MeterId id = new MeterId("sm-" + i);
      roster.add(id);
      meters.add(Meter.create(this.group, id, params));
    }
    ttp = TrustedThirdParty.create(this.group, params);
    aggregator = Aggregator.create(this.group, params);
    supplier = Supplier.create(this.group, params);
    Step<TrustedThirdParty> s = TestAuth.setup(ttp, this.group, roster, keys, random);
    ttp = s.next();
    pending.addAll(s.outbound());
    flush();
  }

  /** Delivers every pending envelope (and those they cause) to its recipient. */
  void flush() throws ProtocolViolationException {
    while (!pending.isEmpty()) {
      deliver(pending.removeFirst());
    }
  }

  /**
   * Delivers an envelope to its recipient, sealed by its sender and verified for the recipient
   * (TestPki.verified), so the party sees the VerifiedEnvelope its endpoint would give it.
   */
  @SuppressWarnings("unchecked") // every envelope of this protocol carries a BlindingMessage
  void deliver(Envelope<?> raw) throws ProtocolViolationException {
    Envelope<BlindingMessage> e = (Envelope<BlindingMessage>) raw;
    Address to = e.recipient();
    if (to instanceof Address.Identified id) {
      int i = roster.indexOf(id.id());
      BlindingInput in = TestAuth.inbound(e, meters.get(i));
      Step<Meter> s = meters.get(i).step(in, random);
      meters.set(i, s.next());
      pending.addAll(s.outbound());
    } else if (to instanceof Address.Aggregator) {
      Step<Aggregator> s = aggregator.step(TestAuth.inbound(e, aggregator), random);
      aggregator = s.next();
      pending.addAll(s.outbound());
      collect(s.events(), aggregatorOutcomes);
    } else if (to instanceof Address.Supplier) {
      Step<Supplier> s = supplier.step(TestAuth.inbound(e, supplier), random);
      supplier = s.next();
      pending.addAll(s.outbound());
      collect(s.events(), supplierOutcomes);
    } else if (to instanceof Address.TrustedThirdParty) {
      Step<TrustedThirdParty> s = ttp.step(TestAuth.inbound(e, ttp), random);
      ttp = s.next();
      pending.addAll(s.outbound());
    } else {
      throw new IllegalStateException("no such recipient");
    }
  }

  /** Meter i (1-based) encrypts its reading for round j; the contribution is left pending. */
  void read(int i, long j, long value) throws ProtocolViolationException {
    Step<Meter> s =
        meters.get(i - 1).step(new BlindingInput.LocalReading(new Round(j), new Reading(value, params.unit())), random);
    meters.set(i - 1, s.next());
    pending.addAll(s.outbound());
  }

  /** Runs round j: the meters with a non-null reading contribute, then both deadlines pass. */
  RoundOutcome round(long j, Long[] readings) throws ProtocolViolationException {
    for (int i = 1; i <= readings.length; i++) {
      if (readings[i - 1] != null) {
        read(i, j, readings[i - 1]);
      }
    }
    flush();
    deadlineAggregator(j);
    flush();
    deadlineSupplier(j);
    return last(j);
  }

  void deadlineAggregator(long j) throws ProtocolViolationException {
    Step<Aggregator> s = aggregator.step(new BlindingInput.Deadline(new Round(j)), random);
    aggregator = s.next();
    pending.addAll(s.outbound());
    collect(s.events(), aggregatorOutcomes);
  }

  void deadlineSupplier(long j) throws ProtocolViolationException {
    Step<Supplier> s = supplier.step(new BlindingInput.Deadline(new Round(j)), random);
    supplier = s.next();
    collect(s.events(), supplierOutcomes);
  }

  RoundOutcome last(long j) {
    RoundOutcome found = null;
    for (RoundOutcome o : supplierOutcomes) {
      if (o.round().index() == j) {
        if (found != null) {
          throw new AssertionError("two outcomes for round " + j);
        }
        found = o;
      }
    }
    if (found == null) {
      throw new AssertionError("no outcome for round " + j);
    }
    return found;
  }

  private static void collect(List<ProtocolEvent> events, List<RoundOutcome> into) {
    for (ProtocolEvent e : events) {
      if (e instanceof RoundOutcome o) {
        into.add(o);
      }
    }
  }
}
