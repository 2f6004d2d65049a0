// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.Modulus;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** End-to-end EDAT through the in-memory network with faults (spec/ddh.md §3, §6.1). */
class DdhNetworkProperties {
  private static final EnvelopeCodec<DdhMessage> CODEC = EnvelopeCodec.of(DdhCodec.INSTANCE);

  /** One scenario: group size, parameters, per-round readings and absent meters, faults. */
  record Scenario(int n, int bits, long tMax, boolean signed, int kMin, long[][] readings,
      List<Set<Integer>> absent, FaultPlan faults, int ticksBeforeDeadline, long seed) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> n = Arbitraries.integers().between(3, 9).edgeCases(c -> c.includeOnly(3, 9));
    return n.flatMap(size -> Combinators.combine(
            Arbitraries.of(16, 24, 33, 63, 64),
            Arbitraries.of(1L, 2L, 100L, 1000L, 0L),
            Arbitraries.of(false, true),
            Arbitraries.of(2, 2, 3, size),
            Arbitraries.integers().between(1, 4),
            faultPlans(),
            Arbitraries.of(0, 1, 2, 2, 3, 6),
            Arbitraries.longs())
        .as((bits, tMax0, signed, kMin, rounds, faults, ticks, seed) -> {
          // tMax0 = 0 stands for the modulus boundary: the largest t_max core accepts for M = 2^b.
          long bound = bits == 64 ? Long.MAX_VALUE / size : ((1L << bits) - 1) / size;
          long tMax = tMax0 == 0 ? (signed ? bound / 2 : bound) : tMax0;
          DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
          long[][] e = new long[rounds][size];
          List<Set<Integer>> absent = new ArrayList<>();
          for (int j = 0; j < rounds; j++) {
            Set<Integer> a = new HashSet<>();
            // Modes: none absent, one, an adjacent pair (a neighbour that is itself missing),
            // a quarter, a half, everyone (an empty round).
            int mode = (int) r.uniformLong(9);
            int first = (int) r.uniformLong(size);
            if (mode == 2 || mode == 3) {
              a.add(first);
            } else if (mode == 4 || mode == 5) {
              a.add(first);
              a.add((first + 1) % size);
            }
            for (int i = 0; i < size; i++) {
              long v = r.uniformLong(tMax + 1);
              if (r.uniformLong(3) == 0) {
                v = tMax;
              }
              e[j][i] = signed && r.uniformLong(2) == 0 ? -v : v;
              if (mode == 6 && r.uniformLong(4) == 0 || mode == 7 && r.uniformLong(2) == 0 || mode == 8) {
                a.add(i);
              }
            }
            absent.add(a);
          }
          return new Scenario(size, bits, tMax, signed, kMin, e, absent, faults, ticks, seed);
        }));
  }

  private static Arbitrary<FaultPlan> faultPlans() {
    return Arbitraries.of(
        FaultPlan.NONE,
        new FaultPlan(0.1, 0, 0, 0, false),
        new FaultPlan(0, 0.5, 0, 0, true),
        new FaultPlan(0, 0, 0.5, 4, true),
        new FaultPlan(0.05, 0.2, 0.3, 3, true),
        FaultPlan.NONE,
        new FaultPlan(1, 0, 0, 0, false));
  }

  @Property
  void everyRound_isExactOverItsContributorsOrVoid(@ForAll("scenarios") Scenario s) throws Exception {
    AggregationParameters ap = new AggregationParameters(s.n(), s.tMax(), Modulus.powerOfTwo(s.bits()), s.signed(),
        ReadingUnit.WATT_HOUR);
    DdhParameters p = new DdhParameters(ap, s.kMin());
    EdatGroup g = new EdatGroup(p, s.n(), s.seed());
    Harness h = new Harness(g, new InMemoryNetwork<>(s.faults(), DeterministicRandomSource.fromSeed(s.seed() + 1)));
    for (int j = 0; j < s.readings().length; j++) {
      Round round = new Round(j);
      for (int i = 0; i < s.n(); i++) {
        if (!s.absent().get(j).contains(i)) {
          Step<DdhMeter> st = h.meters.get(i).step(
              new DdhInput.LocalReading(round, Reading.ofWattHours(s.readings()[j][i])), EdatRounds.RNG);
          h.meters.set(i, st.next());
          h.send(st.outbound());
        }
      }
      for (int t = 0; t < s.ticksBeforeDeadline(); t++) {
        h.tick();
      }
      Step<DdhAggregator> closed = h.aggregator.step(new DdhInput.Deadline(round), EdatRounds.RNG);
      h.aggregator = closed.next();
      h.send(closed.outbound());
      h.drain();
      Step<DdhSupplier> d = h.supplier.step(new DdhInput.Deadline(round), EdatRounds.RNG);
      h.supplier = d.next();
      h.events.addAll(d.events());
    }
    h.drain();
    Map<Long, RoundOutcome> outcomes = new HashMap<>();
    for (ProtocolEvent ev : h.events) {
      RoundOutcome o = assertInstanceOf(RoundOutcome.class, ev);
      assertTrue(outcomes.put(o.round().index(), o) == null, "one outcome per round");
    }
    for (int j = 0; j < s.readings().length; j++) {
      RoundOutcome o = outcomes.get((long) j);
      assertTrue(o != null, "every round has an outcome");
      Set<Integer> got = h.accepted.getOrDefault((long) j, Set.of());
      Statistics.label("outcome").collect(o instanceof RoundOutcome.Exact x0
          ? (x0.recovered() > 0 ? "exact, recovered" : "exact, full") : ((RoundOutcome.Voided) o).reason());
      if (o instanceof RoundOutcome.Exact x) {
        long expected = 0;
        for (int i : got) {
          expected += s.readings()[j][i];
        }
        assertEquals(expected, x.sum(), "exact sum of the contributors");
        assertEquals(got.size(), x.contributors());
        assertEquals(s.n() - got.size(), x.recovered());
      } else if (s.faults().equals(FaultPlan.NONE)) {
        RoundOutcome.Voided v = (RoundOutcome.Voided) o;
        boolean[] present = new boolean[s.n()];
        got.forEach(i -> present[i] = true);
        if (got.size() < s.kMin()) {
          assertEquals(VoidReason.BELOW_MINIMUM_GROUP, v.reason());
        } else {
          assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
          assertTrue(RecoveryPlan.of(s.n(), present) == null, "a recoverable round was voided");
        }
      }
    }
  }

  /** Moves encoded frames between the parties; refused inputs leave the state unchanged. */
  private static final class Harness {
    final InMemoryNetwork<byte[]> net;
    final List<DdhMeter> meters;
    DdhAggregator aggregator;
    DdhSupplier supplier;
    final List<ProtocolEvent> events = new ArrayList<>();
    final Map<Long, Set<Integer>> accepted = new HashMap<>();
    final Map<Address, Integer> index = new HashMap<>();

    Harness(EdatGroup g, InMemoryNetwork<byte[]> net) {
      this.net = net;
      meters = new ArrayList<>(g.meters);
      aggregator = g.aggregator;
      supplier = g.supplier;
      for (int i = 0; i < g.ids.size(); i++) {
        index.put(Address.identified(g.ids.get(i)), i);
      }
    }

    @SuppressWarnings("unchecked") // EDAT parties emit EDAT envelopes
    void send(List<Envelope<?>> out) {
      for (Envelope<?> e : out) {
        net.send(e.recipient(), CODEC.encode((Envelope<DdhMessage>) e));
      }
    }

    void drain() throws Exception {
      for (int guard = 0; guard < 200 && !net.idle(); guard++) {
        tick();
      }
      assertTrue(net.idle());
    }

    void tick() throws Exception {
      for (Delivery<byte[]> d : net.tick()) {
        Envelope<DdhMessage> e = CODEC.decode(d.payload());
        DdhInput in = new DdhInput.Inbound(e);
        try {
          if (d.recipient().equals(Address.AGGREGATOR)) {
            aggregator = aggregator.step(in, EdatRounds.RNG).next();
            accepted.computeIfAbsent(e.round().index(), k -> new HashSet<>()).add(index.get(e.sender()));
          } else if (d.recipient().equals(Address.SUPPLIER)) {
            Step<DdhSupplier> st = supplier.step(in, EdatRounds.RNG);
            supplier = st.next();
            events.addAll(st.events());
            send(st.outbound());
          } else {
            int i = index.get(d.recipient());
            Step<DdhMeter> st = meters.get(i).step(in, EdatRounds.RNG);
            meters.set(i, st.next());
            send(st.outbound());
          }
        } catch (ProtocolViolationException refused) {
          // Duplicates, replays and late messages are refused with a check ID; the state is unchanged.
          assertTrue(refused.checkId().value().startsWith("DDH-S-"), refused.getMessage());
        }
      }
    }
  }
}
