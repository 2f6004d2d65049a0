// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static io.gridveil.ddh.psa.PsaHandleGroup.G;
import static io.gridveil.ddh.psa.PsaHandleGroup.at;
import static io.gridveil.ddh.psa.PsaHandleGroup.toAggregator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.ArmedTimer;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Refusal;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.testkit.TamperingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PSA through its handles only (spec/runtime.md §3.2, §4.5, §6.2; spec/ddh.md §7.6): bytes in,
 * outboxes out, frames delivered by their routes, timers fired with onTimeout.
 */
class PsaHandlesTest {
  static final long[] FIRST = {17, 42, 5};
  static final long[] SECOND = {50, 0, 33};
  static final Round R1 = new Round(1);
  static final Round R2 = new Round(2);
  static final long D = PsaHandleGroup.DEADLINE.toMillis();

  static CheckId check(Outbox o) {
    return o.refusal().map(Refusal::check).orElseThrow(() -> new AssertionError("not refused"));
  }

  static long sum(long[] e) {
    long s = 0;
    for (long v : e) {
      s += v;
    }
    return s;
  }

  /** Runs one round: every meter reads, every frame reaches the aggregator by its route. */
  static List<RoundOutcome> round(List<PsaMeterHandle> meters, PsaAggregatorHandle agg, Round j,
      long[] e, LogicalTime now) throws Exception {
    List<RoundOutcome> out = new ArrayList<>();
    for (int i = 0; i < meters.size(); i++) {
      Outbox o = meters.get(i).onReading(j, Reading.ofWattHours(e[i]), now);
      assertTrue(o.refusal().isEmpty(), o.toString());
      for (byte[] f : toAggregator(o)) {
        Outbox a = agg.onFrame(f, now);
        assertTrue(a.refusal().isEmpty(), a.toString());
        out.addAll(a.outcomes());
      }
    }
    return out;
  }

  static List<PsaMeterHandle> meters(PsaHandleGroup g, List<RoleStore> stores) throws Exception {
    List<PsaMeterHandle> m = new ArrayList<>();
    for (int i = 0; i < g.n; i++) {
      m.add(g.meter(i, stores.get(i)));
    }
    return m;
  }

  static List<RoleStore> inMemory(int n) {
    List<RoleStore> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(RoleStore.inMemory());
    }
    return s;
  }

  @Test
  void oneRound_throughTheHandles_isExact_andTheDeadlineIsArmedThenDisarmed() throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(3, 1);
    PsaAggregatorHandle agg = g.aggregator(RoleStore.inMemory());
    List<PsaMeterHandle> meters = meters(g, inMemory(3));
    LogicalTime now = at(65_000);
    Outbox c0 = meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0]), now);
    assertTrue(c0.armed().isEmpty(), "a PSA meter arms no timer");
    Outbox a0 = agg.onFrame(toAggregator(c0).get(0), now);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(R1), at(65_000 + D))), a0.armed());
    List<RoundOutcome> rest = new ArrayList<>();
    for (int i = 1; i < 3; i++) {
      Outbox c = meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now);
      Outbox a = agg.onFrame(toAggregator(c).get(0), now);
      rest.addAll(a.outcomes());
      if (i == 2) {
        assertEquals(List.of(TimerId.roundDeadline(R1)), a.cancelled());
      }
    }
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST), 3, 0)), rest);
    assertEquals(List.of(), agg.armedTimers());
    assertEquals(1, meters.get(1).lastEncrypted());
  }

  @Test
  void fileStores_closeAndReopenEveryHandleBetweenRounds_stateResumes(@TempDir Path dir)
      throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(3, 2);
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(5));
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i <= 3; i++) {
      dirs.add(dir.resolve("r" + i));
    }
    List<RoleStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stores.add(RoleStore.file(dirs.get(i), key));
    }
    PsaAggregatorHandle agg = g.aggregator(RoleStore.file(dirs.get(3), key));
    List<PsaMeterHandle> meters = meters(g, stores);
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST), 3, 0)),
        round(meters, agg, R1, FIRST, at(61_000)));
    // Round 2 half done: meter 0 has contributed when everything closes.
    Outbox c = meters.get(0).onReading(R2, Reading.ofWattHours(SECOND[0]), at(120_000));
    agg.onFrame(toAggregator(c).get(0), at(120_000));
    agg.close();
    meters.forEach(PsaMeterHandle::close);

    PsaAggregatorHandle agg2 = g.aggregator(RoleStore.file(dirs.get(3), key));
    List<RoleStore> again = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      again.add(RoleStore.file(dirs.get(i), key));
    }
    List<PsaMeterHandle> meters2 = meters(g, again);
    assertEquals(List.of(new ArmedTimer(TimerId.roundDeadline(R2), at(120_000 + D))),
        agg2.armedTimers(), "the armed deadline survives the reopen");
    assertEquals(2, meters2.get(0).lastEncrypted());
    assertEquals(new CheckId("PSA-S-03"),
        check(meters2.get(0).onReading(R2, Reading.ofWattHours(1), at(121_000))),
        "a reopened meter does not encrypt round 2 twice");
    List<RoundOutcome> out = new ArrayList<>();
    for (int i = 1; i < 3; i++) {
      Outbox o = meters2.get(i).onReading(R2, Reading.ofWattHours(SECOND[i]), at(121_000));
      out.addAll(agg2.onFrame(toAggregator(o).get(0), at(121_000)).outcomes());
    }
    assertEquals(List.of(new RoundOutcome.Exact(G, R2, sum(SECOND), 3, 0)), out);
    agg2.close();
    meters2.forEach(PsaMeterHandle::close);
  }

  @Test
  void crashBetweenCommitAndRelease_recoverReturnsTheOutbox_resendIsAReplay_roundExact()
      throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(3, 3);
    RoleStore aggStore = RoleStore.inMemory();
    PsaAggregatorHandle agg = g.aggregator(aggStore);
    List<RoleStore> stores = inMemory(3);
    List<PsaMeterHandle> meters = meters(g, stores);
    LogicalTime now = at(70_000);
    Outbox committed = meters.get(0).onReading(R1, Reading.ofWattHours(FIRST[0]), now);
    // Meter 0 crashes after its commit: the handle is dropped, and reopened from its store.
    PsaMeterHandle reopened = g.meter(0, stores.get(0));
    Outbox recovered = reopened.recover().orElseThrow();
    assertEquals(committed.frames().size(), recovered.frames().size());
    assertArrayEquals(committed.frameBytes().get(0), recovered.frameBytes().get(0));
    assertEquals(new CheckId("PSA-S-03"),
        check(reopened.onReading(R1, Reading.ofWattHours(FIRST[0] + 1), now)),
        "the reopened meter never encrypts round 1 again");
    assertTrue(agg.onFrame(recovered.frameBytes().get(0), now).refusal().isEmpty());
    assertEquals(new CheckId("AUTH-V-08"), check(agg.onFrame(committed.frameBytes().get(0), now)),
        "the second copy is a replay");
    List<RoundOutcome> out = new ArrayList<>();
    for (int i = 1; i < 3; i++) {
      Outbox o = meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now);
      out.addAll(agg.onFrame(toAggregator(o).get(0), now).outcomes());
    }
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, sum(FIRST), 3, 0)), out);
  }

  @Test
  void flippedByte_isRefusedWithItsCheck_andChangesNothing() throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(2, 4);
    PsaAggregatorHandle agg = g.aggregator(RoleStore.inMemory());
    List<PsaMeterHandle> meters = meters(g, inMemory(2));
    LogicalTime now = at(61_000);
    byte[] f0 = toAggregator(meters.get(0).onReading(R1, Reading.ofWattHours(9), now)).get(0);
    byte[] forged = f0.clone();
    forged[forged.length - 1] ^= 1; // in the signature
    Outbox refused = agg.onFrame(forged, now);
    assertEquals(new CheckId("AUTH-V-01"), check(refused));
    assertTrue(refused.frames().isEmpty() && refused.armed().isEmpty()
        && refused.outcomes().isEmpty());
    assertEquals(List.of(), agg.armedTimers(), "nothing armed: the round did not open");
    assertTrue(agg.onFrame(f0, now).refusal().isEmpty(), "the genuine frame still counts");
    byte[] f1 = toAggregator(meters.get(1).onReading(R1, Reading.ofWattHours(30), now)).get(0);
    assertEquals(List.of(new RoundOutcome.Exact(G, R1, 39, 2, 0)), agg.onFrame(f1, now).outcomes());
  }

  @Test
  void frameForAnotherRole_isIgnored_andABroadcastToAMeterIsRefused() throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(2, 5);
    List<PsaMeterHandle> meters = meters(g, inMemory(2));
    byte[] f0 = toAggregator(meters.get(0).onReading(R1, Reading.ofWattHours(9), at(61_000)))
        .get(0);
    Outbox o = meters.get(1).onFrame(f0, at(61_000));
    assertTrue(o.ignored());
    assertTrue(o.refusal().isEmpty());
    assertEquals(-1, meters.get(1).lastEncrypted());
  }

  @Test
  void missingContribution_theArmedDeadlineFires_theRoundIsVoid_aLateFrameIsRefused()
      throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(3, 6);
    PsaAggregatorHandle agg = g.aggregator(RoleStore.inMemory());
    List<PsaMeterHandle> meters = meters(g, inMemory(3));
    LogicalTime now = at(61_000);
    for (int i = 0; i < 2; i++) {
      Outbox o = meters.get(i).onReading(R1, Reading.ofWattHours(FIRST[i]), now);
      assertTrue(agg.onFrame(toAggregator(o).get(0), now).outcomes().isEmpty());
    }
    byte[] late = toAggregator(meters.get(2).onReading(R1, Reading.ofWattHours(FIRST[2]), now))
        .get(0);
    LogicalTime due = agg.nextTimeout().orElseThrow();
    assertEquals(at(61_000 + D), due);
    assertTrue(agg.onTimeout(at(61_000 + D - 1)).outcomes().isEmpty(), "not yet due");
    Outbox fired = agg.onTimeout(due);
    assertEquals(List.of(new RoundOutcome.Voided(G, R1, VoidReason.MISSING_CONTRIBUTION)),
        fired.outcomes());
    assertEquals(Optional.empty(), agg.nextTimeout());
    assertEquals(new CheckId("PSA-S-02"), check(agg.onFrame(late, due)));
  }

  @Test
  void storedStateThatDoesNotDecode_isRtS05_andAnUnknownSchemaIsRtS02() throws Exception {
    PsaHandleGroup g = new PsaHandleGroup(3, 7);
    RoleStore aggStore = RoleStore.inMemory();
    PsaAggregatorHandle agg = g.aggregator(aggStore);
    RoleStore meterStore = RoleStore.inMemory();
    PsaMeterHandle m = g.meter(0, meterStore);
    agg.onFrame(toAggregator(m.onReading(R1, Reading.ofWattHours(3), at(61_000))).get(0),
        at(61_000));
    // Both handles are dropped as in a crash; the in-memory store has no lock (runtime.md §6.3).
    assertStoreCheck("RT-S-05", () -> g.aggregator(TamperingStore.section(aggStore,
        "round/1", b -> append(b, (byte) 0))));
    assertStoreCheck("RT-S-05", () -> g.aggregator(TamperingStore.put(aggStore,
        "marks", new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 5})),
        "an open round at or below the last closed one breaks an invariant");
    assertStoreCheck("RT-S-02", () -> g.aggregator(TamperingStore.section(aggStore,
        "role", PsaHandlesTest::replaceSchema)));
    assertStoreCheck("RT-S-05", () -> g.meter(0, TamperingStore.put(meterStore,
        "marks", new byte[] {0, 1, 0})));
  }

  private static void assertStoreCheck(String id, org.junit.jupiter.api.function.Executable call) {
    assertStoreCheck(id, call, id);
  }

  private static void assertStoreCheck(
      String id, org.junit.jupiter.api.function.Executable call, String message) {
    StoreException e = assertThrows(StoreException.class, call, message);
    assertEquals(Optional.of(new CheckId(id)), e.checkId(), message);
  }

  private static byte[] append(byte[] b, byte extra) {
    byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
    out[b.length] = extra;
    return out;
  }

  private static byte[] replaceSchema(byte[] b) {
    byte[] out = b.clone();
    out[1] = 2;
    return out;
  }
}
