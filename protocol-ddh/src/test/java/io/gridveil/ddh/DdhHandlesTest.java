// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.ddh.EdatHandleGroup.G;
import static io.gridveil.ddh.EdatHandleGroup.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.ArmedTimer;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Refusal;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.testkit.TamperingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDAT through its handles only (spec/runtime.md §3.2, §4.5, §6.2; spec/ddh.md §3, §3.6): bytes
 * in, outboxes out, frames delivered by their routes, timers fired with onTimeout.
 */
class DdhHandlesTest {
  static final long[] FIRST = {12, 40, 7, 99};
  static final long[] SECOND = {0, 100, 55, 4};
  static final Round R1 = new Round(1);
  static final Round R2 = new Round(2);
  static final long D = EdatHandleGroup.DEADLINE.toMillis();

  static CheckId check(Outbox o) {
    return o.refusal().map(Refusal::check).orElseThrow(() -> new AssertionError("not refused"));
  }

  static long sum(long[] e, int... which) {
    long s = 0;
    for (int i : which) {
      s += e[i];
    }
    return s;
  }

  /** Every listed meter reads; the contributions are delivered; the deadlines fire. */
  static List<RoundOutcome> round(EdatHandleGroup g, Round j, long[] e, long start,
      int... readers) throws Exception {
    List<RoundOutcome> out = new ArrayList<>();
    LogicalTime now = at(start);
    for (int i : readers) {
      Outbox o = g.meters.get(i).onReading(j, Reading.ofWattHours(e[i]), now);
      assertTrue(o.refusal().isEmpty(), o.toString());
      out.addAll(g.deliver(o, now));
    }
    LogicalTime due = g.aggregator.nextTimeout().orElseThrow();
    out.addAll(g.tick(due));
    // A recovery waits for reveals, which the router delivered at once; a late supplier deadline
    // would find nothing left to decide.
    return out;
  }

  @Test
  void oneRound_throughTheHandles_isExact_andTheAggregatorsDeadlineDecidesIt() throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 1);
    g.open(EdatHandleGroup.inMemory(6));
    LogicalTime now = at(61_000);
    Outbox c0 = g.meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0]), now);
    assertEquals(List.of(new Route.ToRole(G, Role.AGGREGATOR)),
        c0.frames().stream().map(OutboundFrame::route).toList());
    Outbox a0 = g.aggregator.onFrame(c0.frameBytes().get(0), now);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(R1), at(61_000 + D))), a0.armed());
    for (int i = 1; i < 4; i++) {
      assertTrue(g.deliver(g.meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now), now)
          .isEmpty());
    }
    assertTrue(g.tick(at(61_000 + D - 1)).isEmpty(), "not yet due");
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2, 3), 4, 0)),
        g.tick(at(61_000 + D)));
    assertEquals(List.of(), g.aggregator.armedTimers());
    assertEquals(List.of(), g.supplier.armedTimers(), "decided at once: nothing to wait for");
    assertEquals(List.of(), g.refusals);
  }

  @Test
  void fileStores_closeAndReopenEveryHandleBetweenRounds_stateResumes(@TempDir Path dir)
      throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 2);
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(6));
    List<RoleStore> stores = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      stores.add(RoleStore.file(dir.resolve("r" + i), key));
    }
    g.open(stores);
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2, 3), 4, 0)),
        round(g, R1, FIRST, 61_000, 0, 1, 2, 3));
    // Round 2 begun: meter 0 has contributed and the aggregator armed the deadline.
    g.deliver(g.meters.get(0).onReading(R2, Reading.ofWattHours(SECOND[0]), at(121_000)),
        at(121_000));
    g.closeAll();
    List<RoleStore> again = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      again.add(RoleStore.file(dir.resolve("r" + i), key));
    }
    g.open(again);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(R2), at(121_000 + D))),
        g.aggregator.armedTimers(), "the armed deadline survives the reopen");
    assertEquals(2, g.meters.get(0).lastEncrypted());
    assertEquals(new CheckId("DDH-S-05"),
        check(g.meters.get(0).onReading(R2, Reading.ofWattHours(1), at(122_000))),
        "a reopened meter does not encrypt round 2 twice");
    assertEquals(List.of(new RoundOutcome.Exact(G, R2, sum(SECOND, 0, 1, 2, 3), 4, 0)),
        round(g, R2, SECOND, 122_000, 1, 2, 3));
    assertEquals(List.of(), g.refusals);
    g.closeAll();
  }

  @Test
  void crashBetweenCommitAndRelease_recoverReturnsTheOutbox_resendIsAReplay_roundExact()
      throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 3);
    List<RoleStore> stores = EdatHandleGroup.inMemory(6);
    g.open(stores);
    LogicalTime now = at(61_000);
    Outbox committed = g.meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0]), now);
    // Meter 0 crashes after its commit, before the outbox left: reopened from its store.
    g.meters.set(0, g.meter(0, stores.get(0)));
    Outbox recovered = g.meters.get(0).recover().orElseThrow();
    assertArrayEquals(committed.frameBytes().get(0), recovered.frameBytes().get(0));
    assertEquals(new CheckId("DDH-S-05"),
        check(g.meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0] + 1), now)),
        "the reopened meter never encrypts round 1 again");
    g.deliver(recovered, now);
    assertEquals(new CheckId("AUTH-V-08"),
        check(g.aggregator.onFrame(committed.frameBytes().get(0), now)),
        "the second copy is a replay");
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2, 3), 4, 0)),
        round(g, R1, FIRST, 61_000, 1, 2, 3));
  }

  @Test
  void missingContribution_recoveredByReveals_aRevealerReopenedAfterItsRevealNeverRevealsTwice()
      throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 4);
    List<RoleStore> stores = EdatHandleGroup.inMemory(6);
    g.open(stores);
    LogicalTime now = at(61_000);
    for (int i = 0; i < 3; i++) {
      g.deliver(g.meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now), now);
    }
    LogicalTime due = at(61_000 + D);
    Outbox aggregate = g.aggregator.onTimeout(due);
    assertEquals(List.of(TimerId.roundDeadline(R1)), aggregate.cancelled());
    Outbox requests = g.supplier.onFrame(aggregate.frameBytes().get(0), due);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(R1), at(61_000 + 2 * D))),
        requests.armed(), "the supplier waits for reveals until its own deadline");
    // Meter 3 is missing: its ring neighbours 2 and 0 are asked.
    assertEquals(List.of(new Route.ToMeter(G, g.licences.get(0).licence().meter()),
            new Route.ToMeter(G, g.licences.get(2).licence().meter())),
        requests.frames().stream().map(OutboundFrame::route).sorted(
            java.util.Comparator.comparing(Object::toString)).toList());
    byte[] toMeter0 = requests.frames().stream()
        .filter(f -> f.route().equals(new Route.ToMeter(G, g.licences.get(0).licence().meter())))
        .findFirst().orElseThrow().bytes();
    Outbox reveal = g.meters.get(0).onFrame(toMeter0, due);
    assertEquals(1, g.meters.get(0).lastRevealed());
    // Meter 0 crashes after committing its reveal; reopened, the mark and the window hold.
    g.meters.set(0, g.meter(0, stores.get(0)));
    assertEquals(1, g.meters.get(0).lastRevealed());
    assertEquals(new CheckId("AUTH-V-08"), check(g.meters.get(0).onFrame(toMeter0, due)));
    Outbox recovered = g.meters.get(0).recover().orElseThrow();
    assertArrayEquals(reveal.frameBytes().get(0), recovered.frameBytes().get(0));
    List<RoundOutcome> out = new ArrayList<>(g.deliver(recovered, due));
    assertEquals(Optional.empty(), g.meters.get(0).recover(), "recover returns the outbox once");
    for (OutboundFrame f : requests.frames()) {
      if (!f.route().equals(new Route.ToMeter(G, g.licences.get(0).licence().meter()))) {
        out.addAll(g.deliver(List.of(f), due));
      }
    }
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2), 3, 1)), out);
    assertEquals(List.of(), g.supplier.armedTimers(), "disarmed when the round is decided");
  }

  @Test
  void revealsThatNeverCome_theSuppliersDeadlineVoidsTheRound() throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 5);
    g.open(EdatHandleGroup.inMemory(6));
    LogicalTime now = at(61_000);
    for (int i = 0; i < 3; i++) {
      g.deliver(g.meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now), now);
    }
    Outbox aggregate = g.aggregator.onTimeout(at(61_000 + D));
    assertTrue(g.supplier.onFrame(aggregate.frameBytes().get(0), at(61_000 + D)).outcomes()
        .isEmpty(), "the reveal requests are lost");
    LogicalTime due = g.supplier.nextTimeout().orElseThrow();
    Outbox fired = g.supplier.onTimeout(due);
    assertEquals(List.of(new RoundOutcome.Voided(G, R1,
        io.gridveil.core.party.VoidReason.RECOVERY_INCOMPLETE)), fired.outcomes());
  }

  @Test
  void flippedByte_isRefusedWithItsCheck_andChangesNothing() throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 6);
    g.open(EdatHandleGroup.inMemory(6));
    LogicalTime now = at(61_000);
    byte[] f0 = g.meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0]), now).frameBytes()
        .get(0);
    byte[] forged = f0.clone();
    forged[forged.length - 1] ^= 1; // in the signature
    Outbox refused = g.aggregator.onFrame(forged, now);
    assertEquals(new CheckId("AUTH-V-01"), check(refused));
    assertTrue(refused.frames().isEmpty() && refused.armed().isEmpty());
    assertEquals(List.of(), g.aggregator.armedTimers(), "the round did not open");
    assertTrue(g.aggregator.onFrame(f0, now).refusal().isEmpty(), "the genuine frame counts");
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2, 3), 4, 0)),
        round(g, R1, FIRST, 61_000, 1, 2, 3));
  }

  @Test
  void frameForAnotherRole_isIgnored() throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 7);
    g.open(EdatHandleGroup.inMemory(6));
    byte[] f0 = g.meters.get(0).onReading(R1, Reading.ofWattHours(3), at(61_000)).frameBytes()
        .get(0);
    Outbox atSupplier = g.supplier.onFrame(f0, at(61_000));
    assertTrue(atSupplier.ignored() && atSupplier.refusal().isEmpty());
    Outbox atMeter = g.meters.get(1).onFrame(f0, at(61_000));
    assertTrue(atMeter.ignored() && atMeter.refusal().isEmpty());
  }

  @Test
  void rekey_announcedThroughTheOutbox_everyRoleMovesToTheNewVersion_roundExact()
      throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 8);
    g.open(EdatHandleGroup.inMemory(6));
    LogicalTime now = at(61_000);
    Outbox rekeyed = g.supplier.rekey(g.enrolments(g.all()), g.admission, now);
    assertEquals(List.of(new Route.ToGroup(G)),
        rekeyed.frames().stream().map(OutboundFrame::route).toList());
    g.deliver(rekeyed, now);
    assertEquals(2, g.aggregator.rosterVersion());
    for (DdhMeterHandle m : g.meters) {
      assertEquals(2, m.rosterVersion());
    }
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST, 0, 1, 2, 3), 4, 0)),
        round(g, R1, FIRST, 62_000, 0, 1, 2, 3));
    assertEquals(List.of(), g.refusals);
  }

  @Test
  void storedStateThatBreaksAnInvariant_isRtS05() throws Exception {
    EdatHandleGroup g = new EdatHandleGroup(4, 9);
    List<RoleStore> stores = EdatHandleGroup.inMemory(6);
    g.open(stores);
    g.deliver(g.meters.get(0).onReading(R1, Reading.ofWattHours(5), at(61_000)), at(61_000));
    // The handles are dropped as in a crash; the in-memory store has no lock (runtime.md §6.3).
    RoleStore badFlag = TamperingStore.section(stores.get(4), "round/1",
        b -> withLast(b, (byte) 2));
    io.gridveil.core.runtime.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.gridveil.core.runtime.StoreException.class,
        () -> DdhAggregatorHandle.open(g.params, G, g.supplier.rosterAnchor(),
            g.supplier.signedRoster(), g.aggregatorSeed, g.anchors,
            io.gridveil.core.auth.RevocationList.NONE, badFlag, EdatHandleGroup.TIMING,
            EdatHandleGroup.SCHEDULE, DeterministicRandomSource.fromSeed(1)));
    assertEquals(Optional.of(new CheckId("RT-S-05")), e.checkId());
    byte[] revealedBeyondEncrypted = {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    RoleStore badMarks = TamperingStore.put(stores.get(0), "marks", revealedBeyondEncrypted);
    e = org.junit.jupiter.api.Assertions.assertThrows(
        io.gridveil.core.runtime.StoreException.class, () -> g.meter(0, badMarks));
    assertEquals(Optional.of(new CheckId("RT-S-05")), e.checkId());
  }

  private static byte[] withLast(byte[] b, byte last) {
    byte[] out = b.clone();
    out[out.length - 1] = last;
    return out;
  }
}
