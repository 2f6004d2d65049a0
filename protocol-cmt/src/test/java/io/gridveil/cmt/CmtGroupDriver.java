// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drives a CMT group through an {@link InMemoryNetwork} with encoded frames, following the recipe
 * of the package documentation (spec/cmt.md §3): routing by address, timers when idle, rejected
 * inputs leave the state unchanged.
 */
final class CmtGroupDriver {
  static final GroupId GROUP = new GroupId("grid-1");
  private static final EnvelopeCodec<CmtMessage> CODEC = EnvelopeCodec.of(CmtCodec.INSTANCE);

  final CmtParameters params;
  final InMemoryNetwork<byte[]> network;
  final RandomSource random;
  Supplier supplier;
  final Map<MeterId, Meter> meters = new LinkedHashMap<>();
  final Map<MeterId, MeterSecret> secrets = new HashMap<>();
  final Set<MeterId> down = new HashSet<>();
  final List<ProtocolEvent> events = new ArrayList<>();
  final List<RoundOutcome> outcomes = new ArrayList<>();
  /** For every exact outcome, the identities whose tokens the decrypting key named. */
  final Map<Round, Set<MeterId>> exactMembers = new HashMap<>();
  int rejected;
  final List<String> rejections = new ArrayList<>();
  long round;
  private int nextId;

  CmtGroupDriver(CmtParameters params, FaultPlan faults, long seed) {
    this.params = params;
    this.network = new InMemoryNetwork<>(faults, DeterministicRandomSource.fromSeed(seed));
    this.random = DeterministicRandomSource.fromSeed(seed + 1);
    this.supplier = Supplier.create(params, GROUP, Set.of());
  }

  MeterId join() {
    MeterId id = new MeterId("sm-" + nextId++);
    MeterSecret s = MeterSecret.random(random);
    secrets.put(id, s);
    supplier = supplier.register(id);
    meters.put(id, Meter.create(params, id, GROUP, s, 0));
    feed(id, new CmtInput.Start());
    return id;
  }

  void fail(MeterId id) {
    down.add(id);
  }

  /** A failed meter restarts from its persistent state and re-enters through the licence. */
  void recover(MeterId id) {
    down.remove(id);
    Meter old = meters.get(id);
    meters.put(id, Meter.create(params, id, GROUP, secrets.get(id), old.lastEpoch()));
    feed(id, new CmtInput.Start());
  }

  void leave(MeterId id) {
    feed(id, new CmtInput.LeaveGroup());
  }

  void rotate() {
    for (MeterId id : lcs()) {
      feed(id, new CmtInput.RotateLc());
    }
  }

  List<MeterId> lcs() {
    List<MeterId> out = new ArrayList<>();
    for (Map.Entry<MeterId, Meter> e : meters.entrySet()) {
      if (!down.contains(e.getKey()) && e.getValue().isLocalConcentrator()) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  List<MeterId> live() {
    List<MeterId> out = new ArrayList<>();
    for (Map.Entry<MeterId, Meter> e : meters.entrySet()) {
      if (!down.contains(e.getKey()) && e.getValue().phase() != Meter.Phase.LEFT) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** True when one LC is keyed, the supplier holds its epoch and every live meter is in it. */
  boolean stable() {
    List<MeterId> l = lcs();
    if (l.size() != 1) {
      return false;
    }
    long epoch = meters.get(l.get(0)).keyedEpoch();
    if (epoch < 0 || supplier.epoch() != epoch) {
      return false;
    }
    for (MeterId id : live()) {
      if (meters.get(id).ringEpoch() != epoch) {
        return false;
      }
    }
    // every token of the ring belongs to a live meter (a failed one voids every round)
    return meters.get(l.get(0)).keyedRing().size() == live().size();
  }

  /** Delivers and fires set-up timers until stable or out of attempts. */
  boolean settle(int attempts) {
    for (int i = 0; i < attempts; i++) {
      deliverUntilIdle();
      if (stable()) {
        return true;
      }
      if (lcs().isEmpty()) {
        for (MeterId id : live()) {
          feed(id, new CmtInput.Timer(CmtInput.TimerKind.LC_TIMEOUT, Round.FIRST));
        }
      }
      for (MeterId id : live()) {
        if (meters.get(id).phase() == Meter.Phase.DISCOVERING) {
          feed(id, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
        }
      }
      deliverUntilIdle();
      for (MeterId id : lcs()) {
        feed(id, new CmtInput.Timer(CmtInput.TimerKind.REGISTRATION_DEADLINE, Round.FIRST));
      }
    }
    deliverUntilIdle();
    return stable();
  }

  /**
   * Runs one round: the supplier requests it, every live meter gets its reading, delivery until
   * idle, then the deadlines. Returns the supplier's outcome, if it had a key.
   */
  Optional<RoundOutcome> round(Map<MeterId, Long> readings) {
    round++;
    Round j = new Round(round);
    for (MeterId id : live()) {
      Long e = readings.get(id);
      if (e != null) {
        feed(id, new CmtInput.LocalReading(j, Reading.ofWattHours(e)));
      }
    }
    int before = outcomes.size();
    feedSupplier(new CmtInput.RequestRound(j));
    deliverUntilIdle();
    feedSupplier(new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
    for (MeterId id : lcs()) {
      feed(id, new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
    }
    deliverUntilIdle();
    for (int i = before; i < outcomes.size(); i++) {
      if (outcomes.get(i).round().equals(j)) {
        return Optional.of(outcomes.get(i));
      }
    }
    return Optional.empty();
  }

  String dump() {
    StringBuilder b = new StringBuilder("supplier epoch=" + supplier.epoch() + " members="
        + supplier.members().size() + " rejected=" + rejected + "\n");
    for (Map.Entry<MeterId, Meter> e : meters.entrySet()) {
      Meter m = e.getValue();
      b.append(e.getKey().value()).append(down.contains(e.getKey()) ? " DOWN " : " ")
          .append(m.phase()).append(m.isLocalConcentrator() ? " LC keyed=" + m.keyedEpoch() : "")
          .append(" ring=").append(m.ringEpoch()).append(" last=").append(m.lastEpoch())
          .append('\n');
    }
    return b.toString();
  }

  /** The identities whose tokens form the supplier's current group key. */
  Set<MeterId> keyedMembers() {
    Set<MeterId> out = new HashSet<>();
    for (Token t : supplier.members()) {
      for (Map.Entry<MeterId, Meter> e : meters.entrySet()) {
        if (e.getValue().token().equals(Optional.of(t))) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }

  void deliverUntilIdle() {
    int guard = 0;
    while (!network.idle()) {
      if (++guard > 10_000) {
        throw new AssertionError("network does not go idle");
      }
      for (Delivery<byte[]> d : network.tick()) {
        deliver(d);
      }
    }
  }

  private void deliver(Delivery<byte[]> d) {
    Envelope<CmtMessage> e;
    try {
      e = CODEC.decode(d.payload());
    } catch (ProtocolViolationException ex) {
      throw new AssertionError("a frame we encoded does not decode", ex);
    }
    CmtInput in = new CmtInput.Inbound(e);
    Address to = d.recipient();
    if (to instanceof Address.Supplier) {
      feedSupplier(in);
    } else if (to instanceof Address.Identified i) {
      if (meters.containsKey(i.id())) {
        feed(i.id(), in);
      }
    } else if (to instanceof Address.Meter m) {
      for (MeterId id : new ArrayList<>(meters.keySet())) {
        if (meters.get(id).token().equals(Optional.of(m.token()))) {
          feed(id, in);
        }
      }
    } else if (to instanceof Address.GroupBroadcast) {
      for (MeterId id : new ArrayList<>(meters.keySet())) {
        if (!isSender(id, e.sender())) {
          feed(id, in);
        }
      }
    } else if (to instanceof Address.LocalConcentrator) {
      for (MeterId id : lcs()) {
        feed(id, in);
      }
    }
  }

  private boolean isSender(MeterId id, Address sender) {
    if (sender instanceof Address.Identified i) {
      return i.id().equals(id);
    }
    return sender instanceof Address.Meter m
        && meters.get(id).token().equals(Optional.of(m.token()));
  }

  void feed(MeterId id, CmtInput in) {
    if (down.contains(id)) {
      return;
    }
    try {
      Step<Meter> s = meters.get(id).step(in, random);
      meters.put(id, s.next());
      send(s.outbound());
      events.addAll(s.events());
    } catch (ProtocolViolationException ex) {
      rejected++;
      rejections.add(id.value() + " " + describe(in) + " " + ex.getMessage());
    }
  }

  void feedSupplier(CmtInput in) {
    try {
      Set<MeterId> keyed = keyedMembers();
      Step<Supplier> s = supplier.step(in, random);
      supplier = s.next();
      send(s.outbound());
      for (ProtocolEvent ev : s.events()) {
        events.add(ev);
        if (ev instanceof RoundOutcome o) {
          outcomes.add(o);
          if (o instanceof RoundOutcome.Exact) {
            exactMembers.put(o.round(), keyed);
          }
        }
      }
    } catch (ProtocolViolationException ex) {
      rejected++;
      rejections.add("supplier " + describe(in) + " " + ex.getMessage());
    }
  }

  private static String describe(CmtInput in) {
    if (in instanceof CmtInput.Inbound i) {
      return i.envelope().body().getClass().getSimpleName() + "@" + i.envelope().round().index();
    }
    return in.getClass().getSimpleName();
  }

  @SuppressWarnings("unchecked") // every party of this module sends CmtMessage bodies
  private void send(List<Envelope<?>> out) {
    for (Envelope<?> e : out) {
      Envelope<CmtMessage> c = (Envelope<CmtMessage>) e;
      network.send(c.recipient(), CODEC.encode(c));
    }
  }
}
