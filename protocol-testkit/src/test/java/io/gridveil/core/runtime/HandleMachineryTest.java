// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/runtime.md §3.1, §3.5, §4.2 to §4.4 and §6.1 through the toy role of {@link ToyRole}. */
class HandleMachineryTest {
  static final Round R1 = new Round(1);
  static final Round R2 = new Round(2);
  static final Round R3 = new Round(3);
  static final long D = ToyRole.DEADLINE.toMillis();

  static LogicalTime at(long millis) {
    return LogicalTime.ofMillis(millis);
  }

  static TimerId deadline(Round r) {
    return TimerId.roundDeadline(r);
  }

  @Test
  void outboxIsReleasedOnlyAfterItsCommit_andIsTheCommittedOne() throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle s = ToyRole.Handle.supplier(store);
    Outbox o = s.send(5, R1, at(100));
    assertEquals(1, store.count());
    assertEquals(0, o.sequence());
    assertEquals(o, Outbox.decode(store.last().outbox(), EventCodec.NONE));
    assertEquals(List.of(new Route.ToRole(ToyRole.GROUP, Role.AGGREGATOR)),
        o.frames().stream().map(OutboundFrame::route).toList());
    Outbox o2 = s.send(6, R2, at(200));
    assertEquals(1, o2.sequence());
    assertEquals(2, store.count());
  }

  @Test
  void storeFailure_releasesNothing_andFailsTheHandleUntilReopened() throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle s = ToyRole.Handle.supplier(store);
    s.send(1, R1, at(0));
    store.failCommits = true;
    assertThrows(StoreException.class, () -> s.send(2, R2, at(10)));
    assertThrows(IllegalStateException.class, () -> s.send(3, R3, at(20)));
    assertThrows(IllegalStateException.class, () -> s.onTimeout(at(30)));
    store.failCommits = false;
    ToyRole.Handle reopened = ToyRole.Handle.supplier(store);
    assertEquals(List.of(new ArmedTimer(deadline(R1), at(D))), reopened.armedTimers());
    assertEquals(1, reopened.send(4, R2, at(40)).sequence());
  }

  @Test
  void refusedFrame_isAnOutboxWithItsCheck_stateAndStoreUntouched() throws Exception {
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    RecordingStore aggStore = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle a = ToyRole.Handle.aggregator(aggStore);
    byte[] good = s.send(7, R1, at(0)).frameBytes().get(0);
    byte[] negative = s.send(-3, R1, at(0)).frameBytes().get(0);
    assertTrue(a.onFrame(good, at(5)).refusal().isEmpty());
    assertEquals(1, aggStore.count());
    Outbox refused = a.onFrame(negative, at(6));
    assertEquals(Optional.of(CheckId.of("TEST-V-01")), refused.refusal().map(Refusal::check));
    assertTrue(refused.frames().isEmpty() && refused.armed().isEmpty()
        && refused.outcomes().isEmpty());
    Outbox replay = a.onFrame(good, at(7));
    assertEquals(Optional.of(CheckId.of("AUTH-V-08")), replay.refusal().map(Refusal::check));
    Outbox garbage = a.onFrame(new byte[] {9, 9, 9}, at(8));
    assertEquals(Optional.of(CheckId.of("AUTH-E-01")), garbage.refusal().map(Refusal::check));
    assertEquals(1, aggStore.count(), "a refusal commits nothing");
    assertEquals(7, a.total());
    assertEquals(1, a.count());
  }

  @Test
  void frameForAnotherRoleOrGroup_isIgnoredFromItsHeader_withoutCommit() throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle s = ToyRole.Handle.supplier(store);
    byte[] toAggregator = s.send(7, R1, at(0)).frameBytes().get(0);
    int before = store.count();
    Outbox o = s.onFrame(toAggregator, at(1));
    assertTrue(o.ignored());
    assertTrue(o.refusal().isEmpty());
    assertEquals(before, store.count());
    byte[] forged = toAggregator.clone();
    forged[forged.length - 1] ^= 1; // a bad signature on a frame for someone else: still ignored
    assertTrue(s.onFrame(forged, at(2)).ignored());
  }

  @Test
  void timers_armReArmDisarm_areListedInTheOutbox() throws Exception {
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    Outbox first = s.send(1, R1, at(1_000));
    assertEquals(List.of(new ArmedTimer(deadline(R1), at(1_000 + D))), first.armed());
    assertEquals(Optional.of(at(1_000 + D)), s.nextTimeout());
    Outbox again = s.send(2, R1, at(4_000));
    assertEquals(List.of(new ArmedTimer(deadline(R1), at(4_000 + D))), again.armed());
    assertEquals(List.of(new ArmedTimer(deadline(R1), at(4_000 + D))), s.armedTimers());
    Outbox cancel = s.cancel(R1, at(5_000));
    assertEquals(List.of(deadline(R1)), cancel.cancelled());
    assertEquals(List.of(), s.armedTimers());
    assertEquals(Optional.empty(), s.nextTimeout());
  }

  @Test
  void onTimeout_firesDueTimersInDueKindArgumentOrder_andDisarmsThem() throws Exception {
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    s.send(1, R3, at(0));
    s.send(1, R2, at(0));
    s.send(1, R1, at(500));
    Outbox none = s.onTimeout(at(D - 1));
    assertTrue(none.outcomes().isEmpty());
    Outbox fired = s.onTimeout(at(D + 500));
    assertEquals(List.of(R2, R3, R1),
        fired.outcomes().stream().map(RoundOutcome::round).toList());
    assertEquals(List.of(deadline(R2), deadline(R3), deadline(R1)), fired.cancelled());
    assertEquals(List.of(), s.armedTimers());
  }

  @Test
  void refusedTimerInput_consumesTheTimer_reportsTheRefusal_andTheNextTimerStillFires()
      throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle s = ToyRole.Handle.supplier(store);
    s.send(1, Round.FIRST, at(0));
    s.send(1, R1, at(0));
    int commits = store.count();
    Outbox o = s.onTimeout(at(D));
    assertEquals(Optional.of(CheckId.of("TEST-V-01")), o.refusal().map(Refusal::check));
    assertEquals(List.of(deadline(Round.FIRST), deadline(R1)), o.cancelled());
    assertEquals(List.of(R1), o.outcomes().stream().map(RoundOutcome::round).toList());
    assertEquals(List.of(), s.armedTimers());
    assertEquals(commits + 1, store.count());
  }

  @Test
  void onTimer_staleOrEarlyFireDoesNothing_dueFireFeedsTheParty() throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle s = ToyRole.Handle.supplier(store);
    s.send(1, R1, at(0));
    int commits = store.count();
    assertEquals(Outbox.empty(0), s.onTimer(deadline(R1), at(D - 1)));
    assertEquals(Outbox.empty(0), s.onTimer(deadline(R2), at(D + 1)));
    assertEquals(commits, store.count());
    Outbox fired = s.onTimer(deadline(R1), at(D + 1));
    assertEquals(1, fired.outcomes().size());
    assertTrue(s.onTimer(deadline(R1), at(D + 2)).outcomes().isEmpty(), "disarmed when fired");
  }

  @Test
  void nowThatStepsBack_isClampedToLastNow() throws Exception {
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    s.send(1, R1, at(50_000));
    Outbox back = s.send(1, R2, at(20_000));
    assertEquals(List.of(new ArmedTimer(deadline(R2), at(50_000 + D))), back.armed());
    assertTrue(s.onTimer(deadline(R2), at(50_000 + D - 1)).outcomes().isEmpty());
  }

  @Test
  void reopenFromMemory_restoresStateTimersWindowsAndSequenceCeiling() throws Exception {
    RoleStore sStore = RoleStore.inMemory();
    RoleStore aStore = RoleStore.inMemory();
    reopenScenario(sStore, aStore, () -> sStore, () -> aStore);
  }

  @Test
  void reopenFromFiles_restoresStateTimersWindowsAndSequenceCeiling(@TempDir Path dir)
      throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(3));
    Path sd = dir.resolve("s");
    Path ad = dir.resolve("a");
    RoleStore sStore = RoleStore.file(sd, key);
    RoleStore aStore = RoleStore.file(ad, key);
    reopenScenario(sStore, aStore, () -> RoleStore.file(sd, key), () -> RoleStore.file(ad, key));
  }

  @FunctionalInterface
  interface Opener {
    RoleStore open() throws StoreException;
  }

  private static void reopenScenario(
      RoleStore sStore, RoleStore aStore, Opener sAgain, Opener aAgain) throws Exception {
    ToyRole.Handle s = ToyRole.Handle.supplier(sStore);
    ToyRole.Handle a = ToyRole.Handle.aggregator(aStore);
    byte[] f1 = s.send(4, R1, at(0)).frameBytes().get(0);
    Outbox lastReleased = s.send(5, R2, at(1_000));
    byte[] f2 = lastReleased.frameBytes().get(0);
    a.onFrame(f1, at(10));
    a.onFrame(f2, at(20));
    List<ArmedTimer> sTimers = s.armedTimers();
    List<ArmedTimer> aTimers = a.armedTimers();
    s.close();
    a.close();
    assertThrows(IllegalStateException.class, () -> s.send(1, R3, at(30)));

    ToyRole.Handle s2 = ToyRole.Handle.supplier(sAgain.open());
    ToyRole.Handle a2 = ToyRole.Handle.aggregator(aAgain.open());
    assertEquals(sTimers, s2.armedTimers());
    assertEquals(aTimers, a2.armedTimers());
    assertEquals(9, a2.total());
    assertEquals(2, a2.count());
    assertEquals(Optional.of(lastReleased), s2.recover(), "recover returns the last outbox");
    assertEquals(Optional.empty(), s2.recover(), "once");
    assertEquals(Optional.of(CheckId.of("AUTH-V-08")),
        a2.onFrame(f2, at(40)).refusal().map(Refusal::check), "windows survive the reopen");
    Outbox after = s2.send(6, R3, at(50));
    assertTrue(a2.onFrame(after.frameBytes().get(0), at(60)).refusal().isEmpty(),
        "a frame sent after the restart is above every number used before it");
    assertEquals(15, a2.total());
    assertEquals(3, a2.armedTimers().size());
    s2.close();
    a2.close();
  }
}
