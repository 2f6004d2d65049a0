// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.ArmedTimer;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.TimerId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distortion roles through their handles only (spec/runtime.md §3.2, §3.5, §4.5, §6.1,
 * §6.2): whole slots and a billing cycle over in-memory and file stores, reopening every handle,
 * a crash between commit and release, refused and ignored frames, and deadlines with a missing
 * contribution.
 */
class DistortionHandlesTest {
  static final CheckId AUTH_V_01 = CheckId.of("AUTH-V-01");
  static final CheckId AUTH_V_08 = CheckId.of("AUTH-V-08");

  static HandleNet inMemory(int groups, int meters, long seed) throws Exception {
    return new HandleNet(groups, meters, seed, node -> RoleStore.inMemory());
  }

  @Test
  void wholeSlotsAndACycleBill_throughTheHandlesOnly_inMemory() throws Exception {
    HandleNet net = inMemory(2, 3, 11);
    RandomSource readings = DeterministicRandomSource.fromSeed(12);
    for (long j = 0; j < 5; j++) {
      net.slot(j, readings);
      net.assertSlotExact(j);
    }
    // Slot 4 opened cycle 1, so cycle 0 (slots 0 to 3) is closed at every meter.
    Map<MeterId, DistortionEvent.BillReceived> bills = net.bill(0);
    assertEquals(net.groupOf.keySet(), bills.keySet());
    for (DistortionEvent.BillReceived b : bills.values()) {
      assertEquals(net.trueBill(b.meter(), 0), b.total(), b.meter().value());
      assertEquals(Neighbourhood.J, b.slots());
    }
    for (var h : net.all()) {
      assertTrue(h.armedTimers().isEmpty(), "every deadline fired and was consumed");
    }
  }

  @Test
  void collectorArmsItsDeadlineOnTheFirstReading_andTheUtilityOnTheFirstLocalDistribution()
      throws Exception {
    HandleNet net = inMemory(1, 2, 21);
    GroupId g = net.groups.get(0);
    MeterId first = net.groupOf.keySet().iterator().next();
    LogicalTime t = HandleNet.SCHEDULE.startOf(new Round(3)).plus(Duration.ofSeconds(1));
    net.now = t;
    Outbox sent = net.take(net.meters.get(first).onReading(
        new Round(0), Reading.ofWattHours(500), t));
    Outbox atCollector =
        net.collectors.get(g).onFrame(sent.frames().get(0).bytes(), t);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(Round.FIRST),
        t.plus(HandleNet.DEADLINE))), atCollector.armed());
    assertEquals(atCollector.armed(), net.collectors.get(g).armedTimers());
    assertTrue(net.utility.armedTimers().isEmpty());
    LogicalTime due = t.plus(HandleNet.DEADLINE);
    // An early fire does nothing (spec/runtime.md §4.4 item 1).
    assertTrue(net.collectors.get(g).onTimeout(LogicalTime.ofMillis(due.millis() - 1)).frames().isEmpty());
    Outbox fired = net.take(net.collectors.get(g).onTimeout(due));
    assertEquals(List.of(TimerId.roundDeadline(Round.FIRST)), fired.cancelled());
    assertEquals(1, fired.frames().size());
    net.now = due;
    Outbox atUtility = net.utility.onFrame(fired.frames().get(0).bytes(), due);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(Round.FIRST),
        due.plus(HandleNet.DEADLINE))), atUtility.armed());
  }

  @Test
  void fileStores_everyHandleClosedAndReopenedBetweenSlots_andBillsStayExact(@TempDir Path dir)
      throws Exception {
    StorageKey key = StorageKey.generate();
    HandleNet net = new HandleNet(2, 2, 31, node -> RoleStore.file(dir.resolve(node), key));
    RandomSource readings = DeterministicRandomSource.fromSeed(32);
    for (long j = 0; j < 6; j++) {
      net.slot(j, readings);
      net.assertSlotExact(j);
      net.closeAndReopenAll();
    }
    // The meters' billing states resumed from their files: cycle 0 bills every reading of
    // slots 0 to 3 read before the reopens.
    Map<MeterId, DistortionEvent.BillReceived> bills = net.bill(0);
    assertEquals(net.groupOf.keySet(), bills.keySet());
    for (DistortionEvent.BillReceived b : bills.values()) {
      assertEquals(net.trueBill(b.meter(), 0), b.total(), b.meter().value());
    }
    // The utility's outstanding and received bills resume too: a reopened utility that gets
    // the same bill again does not count it twice.
    net.closeAndReopenAll();
    int before = net.events(DistortionEvent.BillReceived.class).size();
    assertEquals(bills.size(), net.bill(0).size());
    assertEquals(before, net.events(DistortionEvent.BillReceived.class).size(),
        "no bill is received twice");
  }

  @Test
  void crashBetweenCommitAndRelease_recoverReturnsTheOutbox_andItsResendIsAReplay()
      throws Exception {
    HandleNet net = inMemory(1, 3, 41);
    RandomSource readings = DeterministicRandomSource.fromSeed(42);
    net.slot(0, readings);
    MeterId victim = net.groupOf.keySet().iterator().next();
    GroupId g = net.groupOf.get(victim);
    net.now = HandleNet.SCHEDULE.startOf(new Round(1)).plus(Duration.ofSeconds(1));
    long r = 1_234;
    net.readings.computeIfAbsent(victim, k -> new java.util.HashMap<>()).put(1L, r);
    Outbox released = net.meters.get(victim).onReading(new Round(1), Reading.ofWattHours(r), net.now);
    // The frame reached the collector, then the meter crashed (the handle is dropped unclosed).
    OutboundFrame frame = released.frames().get(0);
    net.distorted.computeIfAbsent(HandleNet.key(g, 1), k -> new java.util.HashMap<>()).put(victim,
        ((DistortionMessage.DistortedReading) Neighbourhood.decodeInner(frame.bytes()).body())
            .value());
    net.take(net.collectors.get(g).onFrame(frame.bytes(), net.now));
    DistortingMeterHandle reopened = net.openMeter(victim);
    Outbox recovered = reopened.recover().orElseThrow();
    assertArrayEquals(frame.bytes(), recovered.frames().get(0).bytes(), "byte for byte");
    assertTrue(reopened.recover().isEmpty(), "once");
    Outbox resent = net.collectors.get(g).onFrame(recovered.frames().get(0).bytes(), net.now);
    assertEquals(AUTH_V_08, resent.refusal().orElseThrow().check());
    assertEquals(1, net.collectors.get(g).collected());
    // The others read; the slot is exact and the reopened meter bills the reading once.
    List<MeterId> others = new ArrayList<>(net.groupOf.keySet());
    others.remove(victim);
    net.readSlot(1, others, readings);
    net.fireDeadlines();
    net.assertSlotExact(1);
    assertEquals(3, net.events(DistortionEvent.LocalReconstructed.class).get(1).distribution()
        .count());
    for (long j = 2; j < 5; j++) {
      net.slot(j, readings);
    }
    assertEquals(net.trueBill(victim, 0), net.bill(0).get(victim).total());
  }

  @Test
  void flippedByte_isRefusedWithItsCheck_andChangesNothing() throws Exception {
    HandleNet net = inMemory(1, 2, 51);
    GroupId g = net.groups.get(0);
    MeterId m = net.groupOf.keySet().iterator().next();
    net.now = LogicalTime.ofMillis(1_000);
    Outbox o = net.meters.get(m).onReading(Round.FIRST, Reading.ofWattHours(700), net.now);
    byte[] bytes = o.frames().get(0).bytes();
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 1] ^= 1; // inside the signature
    CollectorHandle c = net.collectors.get(g);
    Outbox refused = c.onFrame(flipped, net.now);
    assertEquals(AUTH_V_01, refused.refusal().orElseThrow().check());
    assertTrue(refused.frames().isEmpty() && refused.armed().isEmpty());
    assertEquals(0, c.collected());
    assertTrue(c.armedTimers().isEmpty());
    // The genuine frame is still accepted: nothing (no window, no reading) was changed.
    assertTrue(c.onFrame(bytes, net.now).refusal().isEmpty());
    assertEquals(1, c.collected());
  }

  @Test
  void readingOutsideThePlan_isRefusedAsAnOutbox_andChangesNothing() throws Exception {
    HandleNet net = inMemory(1, 2, 55);
    DistortingMeterHandle m = net.meters.values().iterator().next();
    Outbox refused = m.onReading(Round.FIRST,
        Reading.ofWattHours(Neighbourhood.PLAN.maxReading() + 1), LogicalTime.ZERO);
    assertEquals(DistortionChecks.DIST_V_01, refused.refusal().orElseThrow().check());
    assertTrue(refused.frames().isEmpty());
    assertEquals(io.gridveil.distortion.billing.BillingState.initial(), m.billing());
    assertTrue(m.onReading(Round.FIRST, Reading.ofWattHours(3), LogicalTime.ZERO).refusal()
        .isEmpty());
    Outbox again = m.onReading(Round.FIRST, Reading.ofWattHours(3), LogicalTime.ZERO);
    assertEquals(DistortionChecks.DIST_S_01, again.refusal().orElseThrow().check());
  }

  @Test
  void frameForAnotherRole_isIgnored() throws Exception {
    HandleNet net = inMemory(2, 2, 61);
    List<MeterId> ids = new ArrayList<>(net.groupOf.keySet());
    MeterId a = ids.get(0);
    MeterId b = ids.get(1);
    MeterId elsewhere = ids.get(2);
    net.now = LogicalTime.ofMillis(1_000);
    byte[] reading =
        net.meters.get(a).onReading(Round.FIRST, Reading.ofWattHours(10), net.now).frames().get(0)
            .bytes();
    // A reading for LOCAL_CONCENTRATOR at the utility, at a meter, at another group's collector.
    assertTrue(net.utility.onFrame(reading, net.now).ignored());
    assertTrue(net.meters.get(b).onFrame(reading, net.now).ignored());
    assertTrue(net.collectors.get(net.groupOf.get(elsewhere)).onFrame(reading, net.now).ignored());
    // A billing query for meter a at meter b (same group) and at a meter of another group.
    byte[] query = net.utility.queryBill(a, net.groupOf.get(a), 0, net.now).frames().get(0).bytes();
    assertTrue(net.meters.get(b).onFrame(query, net.now).ignored());
    assertTrue(net.meters.get(elsewhere).onFrame(query, net.now).ignored());
    assertFalse(net.meters.get(a).onFrame(query, net.now).ignored());
  }

  @Test
  void deadlineWithAMissingMeterAndAMissingGroup_decidesTheSlotWithoutThem() throws Exception {
    HandleNet net = inMemory(2, 3, 71);
    RandomSource readings = DeterministicRandomSource.fromSeed(72);
    GroupId reporting = net.groups.get(0);
    List<MeterId> readers = net.groupOf.entrySet().stream()
        .filter(e -> e.getValue().equals(reporting)).map(Map.Entry::getKey).toList();
    // One meter of group-0 is silent; group-1 has no reading at all.
    net.readSlot(0, readers.subList(0, 2), readings);
    assertTrue(net.collectors.get(net.groups.get(1)).armedTimers().isEmpty());
    net.fireDeadlines();
    net.assertSlotExact(0);
    DistortionEvent.DistributionReconstructed merged =
        net.events(DistortionEvent.DistributionReconstructed.class).get(0);
    assertEquals(List.of(reporting), merged.reporting());
    assertEquals(List.of(net.groups.get(1)), merged.missing());
    assertEquals(2, merged.distribution().count());
  }
}
