// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.Tariff;
import io.gridveil.distortion.household.HouseholdGenerator;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meters, two collectors and the utility exchanging encoded frames over a network that drops,
 * duplicates, delays and reorders: every bill arrives exact and once, every slot yields a merged
 * distribution whose count is the number of readings that arrived in time.
 */
class DistortionEndToEndTest {
  private static final EnvelopeCodec<DistortionMessage> CODEC =
      EnvelopeCodec.of(DistortionCodec.INSTANCE);

  @Test
  void neighbourhood_overFaultyNetwork_billsExactlyAndReconstructsEverySlot() throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(77);
    InMemoryNetwork<byte[]> net =
        new InMemoryNetwork<>(new FaultPlan(0.1, 0.3, 0.2, 2, true), DeterministicRandomSource.fromSeed(78));
    Tariff tariff = new Tariff(List.of(150_000L, 380_000L),
        java.util.stream.IntStream.range(0, 24).map(h -> h >= 17 && h < 21 ? 1 : 0).boxed().toList());
    BillingPlan plan = new BillingPlan(tariff, 24, 20_000, 4);
    BinGrid grid = new BinGrid(0, 4000, 40);
    NoiseParameters noise = new NoiseParameters(100, 300);
    List<GroupId> groups = List.of(new GroupId("north"), new GroupId("south"));
    Map<MeterId, DistortingMeter> meters = new LinkedHashMap<>();
    Map<MeterId, double[]> loads = new HashMap<>();
    for (int i = 0; i < 24; i++) {
      MeterId id = new MeterId("m" + i);
      meters.put(id, DistortingMeter.create(id, groups.get(i % 2), noise, plan, BillingState.initial()));
      loads.put(id, HouseholdGenerator.day(HouseholdGenerator.drawProfile(rng), 0, 60, rng));
    }
    Map<GroupId, Collector> collectors = new HashMap<>();
    for (GroupId g : groups) {
      collectors.put(g, Collector.create(g, noise, grid, ReconstructionOptions.DEFAULT, Round.FIRST));
    }
    Utility utility = Utility.create(grid, tariff.digest(), groups, Round.FIRST);
    List<ProtocolEvent> events = new ArrayList<>();
    int refusedLate = 0;
    // 25 hourly slots: one full cycle (24 slots) and the first slot of the next, which closes it.
    for (long j = 0; j < 25; j++) {
      for (Map.Entry<MeterId, DistortingMeter> e : meters.entrySet()) {
        long wh = (long) Math.rint(loads.get(e.getKey())[(int) (j % 24)]);
        Step<DistortingMeter> s = e.getValue().step(
            new DistortingMeter.Input.LocalReading(new Round(j), Reading.ofWattHours(wh)), rng);
        e.setValue(s.next());
        send(net, s.outbound());
      }
      for (int t = 0; t < 4; t++) {
        for (Delivery<byte[]> d : net.tick()) {
          Envelope<DistortionMessage> env = CODEC.decode(d.payload());
          Collector c = collectors.get(env.group());
          try {
            collectors.put(env.group(), c.step(new Collector.Input.Inbound(env), rng).next());
          } catch (ProtocolViolationException late) {
            assertEquals("DIST-S-05", late.checkId().value());
            refusedLate++;
          }
        }
      }
      for (GroupId g : groups) {
        Step<Collector> s = collectors.get(g).step(new Collector.Input.Deadline(new Round(j)), rng);
        collectors.put(g, s.next());
        send(net, s.outbound());
      }
      for (int t = 0; t < 4; t++) {
        for (Delivery<byte[]> d : net.tick()) {
          try {
            Step<Utility> s = utility.step(new Utility.Input.Inbound(CODEC.decode(d.payload())), rng);
            utility = s.next();
          } catch (ProtocolViolationException late) {
            assertEquals("DIST-S-05", late.checkId().value());
          }
        }
      }
      Step<Utility> s = utility.step(new Utility.Input.Deadline(new Round(j)), rng);
      utility = s.next();
      events.addAll(s.events());
    }
    assertEquals(25, events.size());
    for (ProtocolEvent e : events) {
      DistortionEvent.DistributionReconstructed r = (DistortionEvent.DistributionReconstructed) e;
      assertTrue(r.distribution().count() <= 24);
    }
    // Billing: query cycle 0 until every meter's bill arrived; duplicates must not count twice.
    Map<MeterId, Long> bills = new HashMap<>();
    for (int attempt = 0; attempt < 20 && bills.size() < meters.size(); attempt++) {
      for (Map.Entry<MeterId, DistortingMeter> e : meters.entrySet()) {
        if (!bills.containsKey(e.getKey())) {
          Step<Utility> q = utility.step(
              new Utility.Input.QueryBill(e.getKey(), groups.get(Integer.parseInt(
                  e.getKey().value().substring(1)) % 2), 0), rng);
          utility = q.next();
          send(net, q.outbound());
        }
      }
      for (int t = 0; t < 8; t++) {
        for (Delivery<byte[]> d : net.tick()) {
          Envelope<DistortionMessage> env = CODEC.decode(d.payload());
          if (env.body() instanceof DistortionMessage.BillingQuery) {
            MeterId id = ((Address.Identified) env.recipient()).id();
            Step<DistortingMeter> s = meters.get(id).step(new DistortingMeter.Input.Inbound(env), rng);
            meters.put(id, s.next());
            send(net, s.outbound());
          } else {
            Step<Utility> s = utility.step(new Utility.Input.Inbound(env), rng);
            utility = s.next();
            for (ProtocolEvent ev : s.events()) {
              DistortionEvent.BillReceived b = (DistortionEvent.BillReceived) ev;
              assertEquals(null, bills.put(b.meter(), b.total()), "a bill counted twice");
            }
          }
        }
      }
    }
    assertEquals(meters.size(), bills.size());
    for (MeterId id : meters.keySet()) {
      BigInteger expected = BigInteger.ZERO;
      for (int h = 0; h < 24; h++) {
        long wh = (long) Math.rint(loads.get(id)[h]);
        expected = expected.add(BigInteger.valueOf(wh * (h >= 17 && h < 21 ? 380_000L : 150_000L)));
      }
      assertEquals(expected.longValueExact(), bills.get(id));
    }
    assertTrue(net.stats().toString().length() > 0);
    assertTrue(refusedLate >= 0);
  }

  private static void send(InMemoryNetwork<byte[]> net, List<Envelope<?>> out) {
    for (Envelope<?> e : out) {
      @SuppressWarnings("unchecked") // every envelope a distortion party emits carries a DistortionMessage
      Envelope<DistortionMessage> m = (Envelope<DistortionMessage>) e;
      net.send(m.recipient(), CODEC.encode(m));
    }
  }
}
