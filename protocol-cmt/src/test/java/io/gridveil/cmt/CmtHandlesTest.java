// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.MeterId;
import io.gridveil.core.auth.AuthChecks;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleHandle;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CMT handles end to end (spec/runtime.md §3, §4.5, §6.2): a group of meters electing an LC,
 * keying and running exact rounds through {@link CmtMeterHandle} and {@link CmtSupplierHandle}
 * only, every timer armed by the parties and fired by {@code onTimeout}.
 */
class CmtHandlesTest {
  private static final int N = 4;

  private static CmtHandleNet inMemoryGroup(long seed) throws StoreException {
    CmtHandleNet net = new CmtHandleNet(seed, RoleStore.inMemory());
    for (int i = 0; i < N; i++) {
      net.join("sm-" + i, RoleStore.inMemory());
    }
    net.settle(N);
    return net;
  }

  private static Map<MeterId, Long> readings(CmtHandleNet net, long base) {
    Map<MeterId, Long> r = new LinkedHashMap<>();
    long k = 0;
    for (MeterId id : net.meters.keySet()) {
      r.put(id, base + 7 * k++);
    }
    return r;
  }

  private static long sum(Map<MeterId, Long> r) {
    return r.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void assertExact(RoundOutcome o, Map<MeterId, Long> r) {
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, o);
    assertEquals(sum(r), e.sum());
    assertEquals(r.size(), e.contributors());
  }

  @Test
  void aGroupElectsKeysAndRunsExactRoundsThroughItsHandles() throws StoreException {
    CmtHandleNet net = inMemoryGroup(11);
    assertTrue(net.events.stream().anyMatch(e -> e instanceof CmtEvent.GroupKeyAccepted g
        && g.n() == N && g.epoch() == net.supplier.epoch()));
    Map<MeterId, Long> r1 = Map.of(new MeterId("sm-0"), 100L, new MeterId("sm-1"), 250L,
        new MeterId("sm-2"), 3L, new MeterId("sm-3"), 4_000L);
    assertExact(net.round(1, r1), r1);
    Map<MeterId, Long> r2 = readings(net, 9);
    assertExact(net.round(2, r2), r2);
    // the deadlines of both rounds were armed and fired or disarmed: none is left over
    for (RoleHandle h : List.<RoleHandle>of(net.supplier)) {
      assertTrue(h.armedTimers().stream().noneMatch(
          t -> t.id().kind().equals(TimerId.ROUND_DEADLINE)), h.armedTimers().toString());
    }
  }

  @Test
  void theSupplierArmsRoundDeadlineOnRequestAndDisarmsItWhenDecided() throws StoreException {
    CmtHandleNet net = inMemoryGroup(12);
    io.gridveil.core.Round j = new io.gridveil.core.Round(1);
    Outbox request = net.supplier.requestRound(j, net.now());
    assertEquals(List.of(TimerId.roundDeadline(j)),
        request.armed().stream().map(a -> a.id()).toList());
    assertEquals(net.now().plus(CmtHandleNet.TIMING.roundDeadline()),
        request.armed().get(0).due());
    for (Map.Entry<MeterId, Long> e : readings(net, 1).entrySet()) {
      net.post(net.meters.get(e.getKey()).onReading(j,
          io.gridveil.core.Reading.ofWattHours(e.getValue()), net.now()));
    }
    net.post(request);
    net.deliver();
    assertTrue(net.supplier.armedTimers().isEmpty(), net.supplier.armedTimers().toString());
  }

  @Test
  void aMissingContributionVoidsTheRoundWhenItsDeadlineFires() throws StoreException {
    CmtHandleNet net = inMemoryGroup(13);
    Map<MeterId, Long> r = readings(net, 5);
    r.remove(new MeterId("sm-2"));
    RoundOutcome o = net.round(1, r);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, o);
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
  }

  @Test
  void aFlippedByteIsRefusedWithItsCheckAndChangesNothing() throws StoreException {
    CmtHandleNet net = inMemoryGroup(14);
    Outbox request = net.supplier.requestRound(new io.gridveil.core.Round(1), net.now());
    OutboundFrame f = request.frames().get(0);
    byte[] bad = f.bytes();
    bad[bad.length - 1] ^= 1;
    CmtMeterHandle lc = lc(net);
    int armed = lc.armedTimers().size();
    Outbox refused = lc.onFrame(bad, net.now());
    assertTrue(refused.refusal().isPresent());
    assertEquals(AuthChecks.AUTH_V_01, refused.refusal().get().check());
    assertTrue(refused.frames().isEmpty());
    assertEquals(armed, lc.armedTimers().size());
    // the genuine frame still goes through, and the round is exact
    Map<MeterId, Long> r = readings(net, 20);
    for (Map.Entry<MeterId, Long> e : r.entrySet()) {
      net.post(net.meters.get(e.getKey()).onReading(new io.gridveil.core.Round(1),
          io.gridveil.core.Reading.ofWattHours(e.getValue()), net.now()));
    }
    net.post(request);
    net.deliver();
    assertExact(net.outcomes.get(net.outcomes.size() - 1), r);
  }

  @Test
  void aFrameForAnotherMeterIsIgnored() throws StoreException {
    CmtHandleNet net = new CmtHandleNet(15, RoleStore.inMemory());
    MeterId a = net.join("sm-a", RoleStore.inMemory());
    MeterId b = net.join("sm-b", RoleStore.inMemory());
    // the licence grant to a, from the supplier's answer to a's licence request
    OutboundFrame request = net.queue.poll();
    assertEquals(new Route.ToRole(CmtHandleNet.GROUP, io.gridveil.core.runtime.Role.SUPPLIER),
        request.route());
    Outbox grant = net.supplier.onFrame(request.bytes(), net.now());
    OutboundFrame toA = grant.frames().get(0);
    assertEquals(new Route.ToMeter(CmtHandleNet.GROUP, a), toA.route());
    Outbox atB = net.meters.get(b).onFrame(toA.bytes(), net.now());
    assertTrue(atB.ignored());
    assertTrue(atB.frames().isEmpty() && atB.refusal().isEmpty());
    assertEquals(Meter.Phase.AWAIT_LICENCE, net.meters.get(b).phase());
    Outbox atA = net.meters.get(a).onFrame(toA.bytes(), net.now());
    assertFalse(atA.ignored());
    assertEquals(Meter.Phase.DISCOVERING, net.meters.get(a).phase());
    // the meter armed its discovery timer with the broadcast (runtime.md §4.5)
    assertTrue(atA.armed().stream().anyMatch(t -> t.id().kind().equals(TimerId.DISCOVERY)));
  }

  @Test
  void everyHandleReopensFromFilesAndTheNextRoundIsExact(@TempDir Path dir)
      throws StoreException {
    StorageKey key = StorageKey.generate();
    CmtHandleNet net = new CmtHandleNet(16, RoleStore.file(dir.resolve("supplier"), key));
    for (int i = 0; i < N; i++) {
      net.join("sm-" + i, RoleStore.file(dir.resolve("sm-" + i), key));
    }
    net.settle(N);
    Map<MeterId, Long> r1 = readings(net, 31);
    assertExact(net.round(1, r1), r1);
    long epoch = net.supplier.epoch();
    Map<MeterId, Long> lastEpochs = new HashMap<>();
    net.meters.forEach((id, m) -> lastEpochs.put(id, m.lastEpoch()));
    net.supplier.close();
    net.meters.values().forEach(CmtMeterHandle::close);
    net.supplier = net.openSupplier(RoleStore.file(dir.resolve("supplier"), key));
    assertEquals(epoch, net.supplier.epoch());
    assertEquals(N, net.supplier.members().size());
    for (MeterId id : List.copyOf(net.meters.keySet())) {
      CmtMeterHandle m = net.openMeter(id, RoleStore.file(dir.resolve(id.value()), key));
      assertEquals(lastEpochs.get(id), m.lastEpoch());
      assertEquals(1, m.lastCompleted());
      assertEquals(Meter.Phase.OFF, m.phase());
      net.post(m.start(net.now()));
    }
    net.settle(N);
    assertTrue(net.supplier.epoch() > epoch, "the group re-keys above every epoch used");
    Map<MeterId, Long> r2 = readings(net, 77);
    assertExact(net.round(2, r2), r2);
  }

  @Test
  void aCrashBetweenCommitAndReleaseRecoversTheOutboxAndItsResendIsAReplay(
      @TempDir Path dir) throws StoreException {
    StorageKey key = StorageKey.generate();
    CmtHandleNet net = new CmtHandleNet(17, RoleStore.file(dir.resolve("supplier"), key));
    for (int i = 0; i < N; i++) {
      net.join("sm-" + i, RoleStore.inMemory());
    }
    net.settle(N);
    Map<MeterId, Long> r = readings(net, 3);
    RoundOutcome o = net.round(1, r, committed -> {
      // the supplier crashes after the commit, before releasing the outbox
      net.supplier.close();
      try {
        net.supplier = net.openSupplier(RoleStore.file(dir.resolve("supplier"), key));
        Optional<Outbox> recovered = net.supplier.recover();
        assertTrue(recovered.isPresent());
        assertEquals(committed.sequence(), recovered.get().sequence());
        assertEquals(1, recovered.get().frames().size());
        return recovered.get();
      } catch (StoreException e) {
        throw new AssertionError(e);
      }
    });
    assertExact(o, r);
    // the request released again (a product that cannot tell whether it was sent resends it) is
    // refused by the LC as a replay
    OutboundFrame request = net.delivered.stream()
        .filter(f -> f.route() instanceof Route.ToMeter).reduce((x, y) -> y).orElseThrow();
    Outbox again = lc(net).onFrame(request.bytes(), net.now());
    assertEquals(AuthChecks.AUTH_V_08, again.refusal().orElseThrow().check());
  }

  @Test
  void provisionedMetersFormAGroupAndAnIdentityIsProvisionedOnce() throws Exception {
    CmtHandleNet net = new CmtHandleNet(18, RoleStore.inMemory());
    for (int i = 0; i < 3; i++) {
      net.provision("pm-" + i, RoleStore.inMemory());
    }
    net.settle(3);
    Map<MeterId, Long> r = readings(net, 1_000);
    assertExact(net.round(1, r), r);
    long enrolled = net.supplier.party().enrolments().size();
    io.gridveil.core.ProtocolViolationException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.gridveil.core.ProtocolViolationException.class,
        () -> net.supplier.provision(new MeterId("pm-1"), net.now()));
    assertEquals(CmtChecks.CMT_S_01, e.checkId());
    assertEquals(enrolled, net.supplier.party().enrolments().size());
  }

  private static CmtMeterHandle lc(CmtHandleNet net) {
    return net.meters.values().stream().filter(CmtMeterHandle::isLocalConcentrator).findFirst()
        .orElseThrow();
  }
}
