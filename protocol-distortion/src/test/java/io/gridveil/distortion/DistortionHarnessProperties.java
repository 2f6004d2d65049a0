// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.RoleHandle;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §8 items 1, 2 and 4 with the distortion handles: one group of three meters, its
 * collector and the utility on the core harness, over a network that duplicates, delays (well
 * within the deadline) and reorders, with a crash of any node at any point of any slot (reopened
 * from its in-memory store, its last outbox resent). Every slot's local distribution is the
 * reconstruction of all three distorted readings sent, the utility merges it, and every bill of
 * cycle 0 is the true bill of the readings chosen.
 */
class DistortionHarnessProperties {
  static final int SLOTS = 5;

  @Test
  void crashesAnywhere_withDuplicatesDelaysAndReordering_loseNoReading_andBillExactly() {
    Pbt.property(12)
        .forAll(Gens.lists(Gens.longs(0, 1_000_000), SLOTS, SLOTS), Gens.longs(0, 1_000))
        .check(this::run);
  }

  private void run(List<Long> crashes, Long seed) throws Exception {
    Map<String, RoleStore> stores = new HashMap<>();
    HandleNet net = new HandleNet(1, 3, 100 + seed, node -> stores.computeIfAbsent(node,
        n -> RoleStore.inMemory()));
    GroupId g = net.groups.get(0);
    Harness h = new Harness(new FaultPlan(0, 0.2, 0.3, 5, true),
        DeterministicRandomSource.fromSeed(seed), LogicalTime.ZERO, 100);
    Map<String, RoleHandle> current = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (MeterId m : net.groupOf.keySet()) {
      current.put(m.value(), net.meters.get(m));
      names.add(m.value());
    }
    current.put("collector", net.collectors.get(g));
    current.put("utility", net.utility);
    names.add("collector");
    names.add("utility");
    names.forEach(n -> h.add(n, current.get(n)));

    Map<String, Long> lastCommit = new HashMap<>();
    List<ProtocolEvent> events = new ArrayList<>();
    Map<String, byte[]> sentBySlot = new HashMap<>();
    h.listen((node, now, o) -> {
      if (node.startsWith("meter")) {
        for (byte[] f : o.frameBytes()) {
          io.gridveil.core.message.Envelope<DistortionMessage> e;
          try {
            e = Neighbourhood.decodeInner(f);
          } catch (io.gridveil.core.codec.MalformedMessageException x) {
            throw new AssertionError("a meter released a frame that does not decode", x);
          }
          if (e.body() instanceof DistortionMessage.DistortedReading d) {
            String k = node + "@" + e.round().index();
            byte[] before = sentBySlot.putIfAbsent(k, f);
            if (before != null) {
              assertArrayEquals(before, f, "a slot's reading released twice, differently");
            }
            net.distorted.computeIfAbsent(HandleNet.key(g, e.round().index()),
                x -> new HashMap<>()).put(new MeterId(node), d.value());
          }
        }
      }
      // An outbox resent by recover() repeats a commit already seen (spec/runtime.md §6.1).
      if (o.sequence() > lastCommit.getOrDefault(node, -1L)) {
        lastCommit.put(node, o.sequence());
        events.addAll(o.events());
      }
    });

    RandomSource readings = DeterministicRandomSource.fromSeed(seed + 7);
    for (int j = 0; j < SLOTS; j++) {
      LogicalTime start = HandleNet.SCHEDULE.startOf(new Round(j)).plus(Duration.ofSeconds(1));
      h.runUntil(start);
      for (MeterId m : net.groupOf.keySet()) {
        long r = readings.uniformLong(Neighbourhood.PLAN.maxReading() + 1);
        net.readings.computeIfAbsent(m, k -> new HashMap<>()).put((long) j, r);
        h.submit(m.value(), ((DistortingMeterHandle) current.get(m.value()))
            .onReading(new Round(j), Reading.ofWattHours(r), h.now()));
      }
      long c = crashes.get(j);
      String victim = names.get((int) (c % names.size()));
      h.runUntil(start.plusMillis(c / names.size() % 150_000));
      h.crash(victim, () -> {
        RoleHandle r;
        if (victim.equals("collector")) {
          r = net.openCollector(g);
        } else if (victim.equals("utility")) {
          r = net.openUtility();
        } else {
          r = net.openMeter(new MeterId(victim));
        }
        current.put(victim, r);
        return r;
      });
      h.runUntil(start.plusMillis(200_000));
    }
    for (MeterId m : net.groupOf.keySet()) {
      h.submit("utility", net.utility.queryBill(m, g, 0, h.now()));
    }
    h.runUntil(h.now().plusMillis(10_000));

    net.events.addAll(events);
    for (long j = 0; j < SLOTS; j++) {
      net.assertSlotExact(j);
      assertEquals(3, net.distorted.get(HandleNet.key(g, j)).size());
    }
    List<DistortionEvent.BillReceived> bills = net.events(DistortionEvent.BillReceived.class);
    assertEquals(3, bills.size());
    for (DistortionEvent.BillReceived b : bills) {
      assertEquals(net.trueBill(b.meter(), 0), b.total(), b.meter().value());
    }
  }
}
