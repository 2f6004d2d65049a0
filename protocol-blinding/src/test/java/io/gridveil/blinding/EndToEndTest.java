// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
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
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A group driven for several rounds through the in-memory network with encoded frames and faults
 * (spec/blinding.md §4): every round is exact over a known set of contributors, or void.
 */
class EndToEndTest {
  private static final int N = 5;
  private static final int ROUNDS = 10;
  private final EnvelopeCodec<BlindingMessage> codec = EnvelopeCodec.of(new BlindingCodec());
  private final RandomSource random = DeterministicRandomSource.fromSeed(99);
  private final GroupId group = new GroupId("feeder-9");
  private final List<MeterId> roster = new ArrayList<>();
  private final Map<Long, long[]> readings = new HashMap<>();
  private final List<RoundOutcome> outcomes = new ArrayList<>();
  private TrustedThirdParty ttp;
  private Aggregator aggregator;
  private Supplier supplier;
  private final List<Meter> meters = new ArrayList<>();
  private int refused;

  private void setUp(boolean recovery) throws Exception {
    BlindingParameters params = BlindingParameters.of(N, 10_000, recovery);
    for (int i = 1; i <= N; i++) {
      MeterId id = new MeterId("meter-" + i);
      roster.add(id);
      meters.add(Meter.create(group, id, params));
    }
    ttp = TrustedThirdParty.create(group, params);
    aggregator = Aggregator.create(group, params);
    supplier = Supplier.create(group, params);
    InMemoryNetwork<byte[]> reliable = new InMemoryNetwork<>(FaultPlan.NONE, random);
    Step<TrustedThirdParty> setup = ttp.setup(roster, TestKeys.k2048(), random);
    ttp = setup.next();
    send(reliable, setup.outbound());
    run(reliable, 3);
    assertTrue(meters.stream().allMatch(Meter::isReady) && aggregator.isSetUp() && supplier.isKeyed());
  }

  private void send(InMemoryNetwork<byte[]> net, List<Envelope<?>> out) {
    for (Envelope<?> e : out) {
      @SuppressWarnings("unchecked") // every envelope of this protocol carries a BlindingMessage
      Envelope<BlindingMessage> b = (Envelope<BlindingMessage>) e;
      net.send(e.recipient(), codec.encode(b));
    }
  }

  private void run(InMemoryNetwork<byte[]> net, int ticks) throws Exception {
    for (int t = 0; t < ticks; t++) {
      for (Delivery<byte[]> d : net.tick()) {
        BlindingInput in = new BlindingInput.Inbound(codec.decode(d.payload()));
        try {
          deliver(net, d.recipient(), in);
        } catch (ProtocolViolationException e) {
          String id = e.checkId().value();
          if (!id.equals("BLND-S-01") && !id.equals("BLND-S-02") && !id.equals("BLND-S-07")
              && !id.equals("BLND-S-05") && !id.equals("BLND-S-06")) {
            fail("unexpected refusal " + id);
          }
          refused++;
        }
      }
    }
  }

  private void deliver(InMemoryNetwork<byte[]> net, Address to, BlindingInput in) throws Exception {
    if (to instanceof Address.Identified id) {
      int i = roster.indexOf(id.id());
      Step<Meter> s = meters.get(i).step(in, random);
      meters.set(i, s.next());
      send(net, s.outbound());
    } else if (to instanceof Address.Aggregator) {
      Step<Aggregator> s = aggregator.step(in, random);
      aggregator = s.next();
      send(net, s.outbound());
    } else if (to instanceof Address.Supplier) {
      Step<Supplier> s = supplier.step(in, random);
      supplier = s.next();
      record(s.events());
    } else if (to instanceof Address.TrustedThirdParty) {
      Step<TrustedThirdParty> s = ttp.step(in, random);
      ttp = s.next();
      send(net, s.outbound());
    }
  }

  private void record(List<ProtocolEvent> events) {
    for (ProtocolEvent e : events) {
      if (e instanceof RoundOutcome o) {
        outcomes.add(o);
      }
    }
  }

  private void drive(FaultPlan faults) throws Exception {
    InMemoryNetwork<byte[]> net = new InMemoryNetwork<>(faults, DeterministicRandomSource.fromSeed(5));
    for (long j = 0; j < ROUNDS; j++) {
      long[] r = new long[N];
      for (int i = 0; i < N; i++) {
        r[i] = random.uniformLong(10_001);
        Step<Meter> s = meters.get(i).step(new BlindingInput.LocalReading(new Round(j), Reading.ofWattHours(r[i])),
            random);
        meters.set(i, s.next());
        send(net, s.outbound());
      }
      readings.put(j, r);
      run(net, 3);
      Step<Aggregator> a = aggregator.step(new BlindingInput.Deadline(new Round(j)), random);
      aggregator = a.next();
      send(net, a.outbound());
      run(net, 6);
      Step<Supplier> s = supplier.step(new BlindingInput.Deadline(new Round(j)), random);
      supplier = s.next();
      record(s.events());
    }
    run(net, 10);
  }

  private int check(boolean recovery) {
    assertEquals(ROUNDS, outcomes.size(), "one outcome per round");
    int exact = 0;
    for (RoundOutcome o : outcomes) {
      if (o instanceof RoundOutcome.Exact e) {
        exact++;
        long[] r = readings.get(e.round().index());
        if (!recovery) {
          assertEquals(N, e.contributors());
          long total = 0;
          for (long x : r) {
            total += x;
          }
          assertEquals(total, e.sum());
        } else {
          assertEquals(N, e.contributors() + e.recovered());
          assertTrue(subsetSum(r, e.contributors(), e.sum()), "sum of some contributor set");
        }
      }
    }
    return exact;
  }

  private static boolean subsetSum(long[] r, int size, long sum) {
    for (int mask = 0; mask < 1 << r.length; mask++) {
      if (Integer.bitCount(mask) == size) {
        long s = 0;
        for (int i = 0; i < r.length; i++) {
          if ((mask & (1 << i)) != 0) {
            s += r[i];
          }
        }
        if (s == sum) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void faultyNetwork_withoutRecovery_roundsAreExactOrVoid() throws Exception {
    setUp(false);
    drive(new FaultPlan(0.05, 0.3, 0.2, 4, true));
    int exact = check(false);
    assertTrue(exact > 0 && exact < ROUNDS, "some rounds exact, some void: " + exact);
    assertTrue(refused > 0, "duplicates and late frames were refused");
  }

  @Test
  void faultyNetwork_withRecovery_roundsAreExactOverContributors() throws Exception {
    setUp(true);
    drive(new FaultPlan(0.05, 0.3, 0.2, 4, true));
    int exact = check(true);
    assertTrue(exact > ROUNDS / 2, "recovery keeps most rounds: " + exact);
    assertTrue(outcomes.stream().anyMatch(o -> o instanceof RoundOutcome.Exact e && e.recovered() > 0), outcomes::toString);
  }

  @Test
  void reliableNetwork_everyRoundExact() throws Exception {
    setUp(false);
    drive(FaultPlan.NONE);
    assertEquals(ROUNDS, check(false));
    assertEquals(0, refused);
  }
}
