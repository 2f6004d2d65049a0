// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Drives one EDAT round by direct delivery (no network), for example tests. */
final class EdatRounds {
  static final RandomSource RNG = DeterministicRandomSource.fromSeed(99);

  final EdatGroup group;
  DdhSupplier supplier;
  DdhAggregator aggregator;
  final List<DdhMeter> meters;
  final List<Envelope<DdhMessage>> revealRequests = new ArrayList<>();
  final List<Envelope<DdhMessage>> reveals = new ArrayList<>();

  EdatRounds(EdatGroup g) {
    group = g;
    supplier = g.supplier;
    aggregator = g.aggregator;
    meters = new ArrayList<>(g.meters);
  }

  @SuppressWarnings("unchecked") // EDAT parties emit only EDAT envelopes
  static Envelope<DdhMessage> cast(Envelope<?> e) {
    return (Envelope<DdhMessage>) e;
  }

  /** Meters not in {@code absent} contribute; returns the supplier's events. */
  List<ProtocolEvent> run(Round j, long[] readings, Set<Integer> absent) throws ProtocolViolationException {
    return run(j, readings, absent, Set.of());
  }

  /** As {@link #run(Round, long[], Set)}, and meters in {@code silent} do not answer reveal requests. */
  List<ProtocolEvent> run(Round j, long[] readings, Set<Integer> absent, Set<Integer> silent)
      throws ProtocolViolationException {
    revealRequests.clear();
    reveals.clear();
    for (int i = 0; i < meters.size(); i++) {
      if (absent.contains(i)) {
        continue;
      }
      Step<DdhMeter> s = meters.get(i).step(new DdhInput.LocalReading(j, Reading.ofWattHours(readings[i])), RNG);
      meters.set(i, s.next());
      aggregator = aggregator.step(group.in(cast(s.outbound().get(0)), aggregator), RNG).next();
    }
    Step<DdhAggregator> closed = aggregator.step(new DdhInput.Deadline(j), RNG);
    aggregator = closed.next();
    List<ProtocolEvent> events = new ArrayList<>();
    for (Envelope<?> e : closed.outbound()) {
      Step<DdhSupplier> s = supplier.step(group.in(cast(e), supplier), RNG);
      supplier = s.next();
      events.addAll(s.events());
      for (Envelope<?> req : s.outbound()) {
        revealRequests.add(cast(req));
      }
    }
    for (Envelope<DdhMessage> req : revealRequests) {
      int i = positionOf(req);
      if (silent.contains(i)) {
        continue;
      }
      Step<DdhMeter> m = meters.get(i).step(group.in(req, meters.get(i)), RNG);
      meters.set(i, m.next());
      for (Envelope<?> rv : m.outbound()) {
        reveals.add(cast(rv));
        Step<DdhSupplier> s = supplier.step(group.in(cast(rv), supplier), RNG);
        supplier = s.next();
        events.addAll(s.events());
      }
    }
    Step<DdhSupplier> d = supplier.step(new DdhInput.Deadline(j), RNG);
    supplier = d.next();
    events.addAll(d.events());
    return events;
  }

  private int positionOf(Envelope<DdhMessage> req) {
    for (int i = 0; i < meters.size(); i++) {
      if (req.recipient().equals(io.gridveil.core.message.Address.identified(meters.get(i).id()))) {
        return i;
      }
    }
    throw new IllegalStateException("reveal request to a non-member");
  }

  static RoundOutcome only(List<ProtocolEvent> events) {
    if (events.size() != 1) {
      throw new AssertionError("expected one outcome, got " + events);
    }
    return (RoundOutcome) events.get(0);
  }
}
