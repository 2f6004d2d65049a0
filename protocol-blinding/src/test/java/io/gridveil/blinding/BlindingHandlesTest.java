// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.runtime.ArmedTimer;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.testkit.TamperingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One blinding group through its handles only (spec/runtime.md §3.2, §4.5, §6.2; spec/blinding.md
 * §4, "Handles"): rounds end to end over in-memory and file stores, reopening, a crash between
 * commit and release, refused and ignored frames, and deadlines armed by the parties.
 */
final class BlindingHandlesTest {
  private static final long[] READINGS = {4_217, 0, 99_999, 1_234};

  private static long sum(long... values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static HandleGroup inMemory(String name, int n, boolean recovery) throws StoreException {
    return new HandleGroup(name, n, recovery, node -> RoleStore.inMemory());
  }

  /** Every meter reads READINGS[i - 1] + offset in round j; returns the readings' sum. */
  private static long readAll(HandleGroup g, long j, long offset) throws StoreException {
    long s = 0;
    for (int i = 1; i <= g.roster.size(); i++) {
      long v = READINGS[i - 1] + offset;
      g.deliver("sm-" + i, g.meter(i).onReading(new Round(j), Reading.ofWattHours(v), g.now));
      s += v;
    }
    return s;
  }

  private static RoundOutcome.Exact exactOf(HandleGroup g, long j) {
    List<RoundOutcome> of = g.outcomes.stream().filter(o -> o.round().index() == j).toList();
    assertEquals(1, of.size(), "one outcome of round " + j + ": " + of);
    assertTrue(of.get(0) instanceof RoundOutcome.Exact, "exact: " + of.get(0));
    return (RoundOutcome.Exact) of.get(0);
  }

  @Test
  void oneRoundEndToEndInMemory() throws Exception {
    HandleGroup g = inMemory("bh-mem", 4, false);
    g.setUp();
    assertTrue(g.aggregator().isSetUp());
    assertTrue(g.supplier().isKeyed());
    for (int i = 1; i <= 4; i++) {
      assertTrue(g.meter(i).isReady(), "meter " + i + " dealt");
    }
    g.enterRound(2);
    long expected = readAll(g, 2, 0);
    RoundOutcome.Exact x = exactOf(g, 2);
    assertEquals(4_217 + 0 + 99_999 + 1_234, expected);
    assertEquals(expected, x.sum());
    assertEquals(4, x.contributors());
    assertEquals(0, x.recovered());
    assertTrue(g.refusals.isEmpty(), "no refusal: " + g.refusals);
    // §4.5: the aggregator's deadline of round 2 was disarmed when the round was decided; the
    // supplier's, armed by the aggregate, closes round 2 when it fires and voids nothing.
    assertFalse(
        g.aggregator().armedTimers().stream()
            .anyMatch(t -> t.id().equals(TimerId.roundDeadline(new Round(2)))));
    assertEquals(
        List.of(TimerId.roundDeadline(new Round(2))),
        g.supplier().armedTimers().stream().map(ArmedTimer::id).toList());
    g.runTimers();
    assertEquals(1, g.outcomes.size(), "the supplier's deadline voids no decided round");
  }

  @Test
  void aggregatorArmsOnFirstContributionAndDisarmsWhenDecided() throws Exception {
    HandleGroup g = inMemory("bh-arm", 3, false);
    g.setUp();
    g.enterRound(2);
    Outbox m1 = g.meter(1).onReading(new Round(2), Reading.ofWattHours(5), g.now);
    Outbox first = g.aggregator().onFrame(m1.frames().get(0).bytes(), g.now);
    assertEquals(
        List.of(new ArmedTimer(TimerId.roundDeadline(new Round(2)), g.now.plus(HandleGroup.DEADLINE))),
        first.armed());
    Outbox m2 = g.meter(2).onReading(new Round(2), Reading.ofWattHours(6), g.now);
    assertTrue(g.aggregator().onFrame(m2.frames().get(0).bytes(), g.now).armed().isEmpty());
    Outbox m3 = g.meter(3).onReading(new Round(2), Reading.ofWattHours(7), g.now);
    Outbox last = g.aggregator().onFrame(m3.frames().get(0).bytes(), g.now);
    assertEquals(List.of(TimerId.roundDeadline(new Round(2))), last.cancelled());
    assertTrue(g.aggregator().nextTimeout().isEmpty());
    g.deliver("aggregator", last);
    assertEquals(18, exactOf(g, 2).sum());
  }

  @Test
  void fileStoresCloseAndReopenBetweenRounds(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate();
    HandleGroup g =
        new HandleGroup(
            "bh-file",
            4,
            false,
            node -> {
              try {
                return RoleStore.file(dir.resolve(node), key);
              } catch (StoreException e) {
                throw new IllegalStateException(e);
              }
            });
    g.setUp();
    g.enterRound(2);
    long first = readAll(g, 2, 0);
    g.runTimers();
    g.closeAndReopenAll();
    for (int i = 1; i <= 4; i++) {
      assertTrue(g.meter(i).isReady(), "meter " + i + " resumes with its seeds from the vault");
      assertEquals(2, g.meter(i).lastRound(), "the encrypt-once mark is durable");
    }
    assertTrue(g.ttp().isSetUp());
    assertTrue(g.supplier().isKeyed());
    // The encrypt-once mark refuses round 2 again after the reopen (BLND-S-03).
    Outbox again = g.meter(1).onReading(new Round(2), Reading.ofWattHours(1), g.now);
    assertEquals("BLND-S-03", again.refusal().orElseThrow().check().value());
    g.enterRound(3);
    long second = readAll(g, 3, 7);
    assertEquals(first, exactOf(g, 2).sum());
    assertEquals(second, exactOf(g, 3).sum());
    assertEquals(sum(READINGS) + 4 * 7, second);
  }

  @Test
  void crashBetweenCommitAndReleaseResendIsRefusedAsReplay() throws Exception {
    HandleGroup g = inMemory("bh-crash", 3, false);
    g.setUp();
    g.enterRound(2);
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(40), g.now));
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(50), g.now));
    Outbox released = g.meter(3).onReading(new Round(2), Reading.ofWattHours(60), g.now);
    // The product crashes after the commit, before it knows whether the frame left: the handle
    // is dropped without close and reopened from its store.
    BlindingMeterHandle reopened = (BlindingMeterHandle) g.open("sm-3");
    Optional<Outbox> recovered = reopened.recover();
    assertTrue(recovered.isPresent());
    assertEquals(1, recovered.get().frames().size());
    assertArrayEquals(released.frames().get(0).bytes(), recovered.get().frames().get(0).bytes());
    assertTrue(reopened.recover().isEmpty(), "recover returns the outbox once");
    // The frame did leave before the crash: deliver it, then the resent copy.
    g.deliver("sm-3", released);
    assertEquals(150, exactOf(g, 2).sum());
    Outbox resent = g.aggregator().onFrame(recovered.get().frames().get(0).bytes(), g.now);
    assertEquals("AUTH-V-08", resent.refusal().orElseThrow().check().value());
    assertEquals(1, g.outcomes.size());
    // The reopened meter keeps its mark.
    Outbox twice = reopened.onReading(new Round(2), Reading.ofWattHours(61), g.now);
    assertEquals("BLND-S-03", twice.refusal().orElseThrow().check().value());
  }

  @Test
  void refusedFrameChangesNothing() throws Exception {
    HandleGroup g = inMemory("bh-refuse", 2, false);
    g.setUp();
    g.enterRound(2);
    Outbox m1 = g.meter(1).onReading(new Round(2), Reading.ofWattHours(30), g.now);
    byte[] good = m1.frames().get(0).bytes();
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 0x01; // inside the licensed frame's signature
    List<ArmedTimer> before = g.aggregator().armedTimers();
    Outbox refused = g.aggregator().onFrame(bad, g.now);
    assertEquals("AUTH-V-01", refused.refusal().orElseThrow().check().value());
    assertTrue(refused.frames().isEmpty());
    assertTrue(refused.armed().isEmpty());
    assertEquals(before, g.aggregator().armedTimers());
    // Nothing changed: the genuine frame is then accepted and the round is exact.
    g.deliver("sm-1", m1);
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(12), g.now));
    assertEquals(42, exactOf(g, 2).sum());
  }

  @Test
  void frameForAnotherRoleIsIgnored() throws Exception {
    HandleGroup g = inMemory("bh-ignore", 2, false);
    Outbox setup =
        g.ttp().setupWithKeys(g.licences(), TestKeys.k2048(), io.gridveil.core.auth.RevocationList.NONE, g.now);
    OutboundFrame dealToSm1 =
        setup.frames().stream()
            .filter(f -> g.nodeOf(f.route()).equals("sm-1"))
            .findFirst()
            .orElseThrow();
    Outbox atSm2 = g.meter(2).onFrame(dealToSm1.bytes(), g.now);
    assertTrue(atSm2.ignored());
    assertFalse(g.meter(2).isReady());
    Outbox atSupplier = g.supplier().onFrame(dealToSm1.bytes(), g.now);
    assertTrue(atSupplier.ignored());
    assertFalse(g.supplier().isKeyed());
    // The right recipient still accepts it.
    Outbox atSm1 = g.meter(1).onFrame(dealToSm1.bytes(), g.now);
    assertFalse(atSm1.ignored());
    assertTrue(atSm1.refusal().isEmpty());
    assertTrue(g.meter(1).isReady());
  }

  @Test
  void missingContributionVoidsTheRoundWhenTheDeadlineFires() throws Exception {
    HandleGroup g = inMemory("bh-void", 3, false);
    g.setUp();
    g.enterRound(2);
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(1), g.now));
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(2), g.now));
    assertTrue(g.outcomes.isEmpty());
    assertEquals(
        Optional.of(g.now.plus(HandleGroup.DEADLINE)), g.aggregator().nextTimeout());
    g.runTimers();
    assertEquals(
        List.of(new RoundOutcome.Voided(g.group, new Round(2), VoidReason.MISSING_CONTRIBUTION)),
        g.outcomes);
    // The late contribution is refused: round 2 is closed (BLND-S-02).
    Outbox late = g.meter(3).onReading(new Round(2), Reading.ofWattHours(3), g.now);
    Outbox atAggregator = g.aggregator().onFrame(late.frames().get(0).bytes(), g.now);
    assertEquals("BLND-S-02", atAggregator.refusal().orElseThrow().check().value());
  }

  @Test
  void missingContributionIsRecoveredThroughTheTtpWhenTheDeadlineFires() throws Exception {
    HandleGroup g = inMemory("bh-recover", 4, true);
    g.setUp();
    g.enterRound(2);
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(100), g.now));
    g.deliver("sm-3", g.meter(3).onReading(new Round(2), Reading.ofWattHours(300), g.now));
    g.deliver("sm-4", g.meter(4).onReading(new Round(2), Reading.ofWattHours(400), g.now));
    g.runTimers();
    RoundOutcome.Exact x = exactOf(g, 2);
    assertEquals(800, x.sum());
    assertEquals(3, x.contributors());
    assertEquals(1, x.recovered());
    assertTrue(g.refusals.isEmpty(), "no refusal: " + g.refusals);
  }

  @Test
  void ttpSurvivesAReopenAndStillReleasesOncePerRound() throws Exception {
    HandleGroup g = inMemory("bh-ttp", 3, true);
    g.setUp();
    g.crashAndReopenAll();
    g.enterRound(2);
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(10), g.now));
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(20), g.now));
    g.runTimers();
    RoundOutcome.Exact x = exactOf(g, 2);
    assertEquals(30, x.sum());
    assertEquals(1, x.recovered());
  }

  @Test
  void reopenAfterVaultLostItsSeedIsRtS04() throws Exception {
    HandleGroup g = inMemory("bh-s04", 2, false);
    g.setUp();
    g.meter(1).close();
    g.stores.get("sm-1").vault().delete(BlindingState.METER_SEED_PRED);
    StoreException e = assertThrows(StoreException.class, () -> g.open("sm-1"));
    assertEquals("RT-S-04", e.checkId().orElseThrow().value());
  }

  @Test
  void aCorruptOrNewerSectionIsRefusedOnOpen() throws Exception {
    HandleGroup g = inMemory("bh-s05", 3, false);
    g.setUp();
    g.enterRound(2);
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(1), g.now));
    for (String node : List.of("ttp", "aggregator", "supplier", "sm-1")) {
      RoleStore inner = g.stores.get(node);
      // A role section cut short does not decode: RT-S-05.
      g.stores.put(node, TamperingStore.section(inner, "role", b -> java.util.Arrays.copyOf(b, b.length - 1)));
      StoreException cut = assertThrows(StoreException.class, () -> g.open(node), node);
      assertEquals("RT-S-05", cut.checkId().orElseThrow().value(), node);
      // A role section of schema version 2 is not read by this release: RT-S-02.
      g.stores.put(node, TamperingStore.section(inner, "role", b -> {
        byte[] c = b.clone();
        c[1] = 2;
        return c;
      }));
      StoreException newer = assertThrows(StoreException.class, () -> g.open(node), node);
      assertEquals("RT-S-02", newer.checkId().orElseThrow().value(), node);
      g.stores.put(node, inner);
    }
    // An open round whose contributor count is the whole group breaks an invariant: RT-S-05.
    RoleStore agg = g.stores.get("aggregator");
    g.stores.put("aggregator", TamperingStore.section(agg, "round/2", b -> {
      byte[] c = b.clone();
      c[6] = 3; // u16 schema, u8 state, u32 count: the count's low byte
      return c;
    }));
    StoreException full = assertThrows(StoreException.class, () -> g.open("aggregator"));
    assertEquals("RT-S-05", full.checkId().orElseThrow().value());
    g.stores.put("aggregator", agg);
    // Untampered, every handle reopens and the round completes exactly.
    g.crashAndReopenAll();
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(2), g.now));
    g.deliver("sm-3", g.meter(3).onReading(new Round(2), Reading.ofWattHours(3), g.now));
    assertEquals(6, exactOf(g, 2).sum());
  }

  @Test
  void anAwaitingRoundSurvivesAnAggregatorRestart() throws Exception {
    HandleGroup g = inMemory("bh-await", 3, true);
    g.setUp();
    g.enterRound(2);
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(222), g.now));
    g.deliver("sm-3", g.meter(3).onReading(new Round(2), Reading.ofWattHours(333), g.now));
    g.now = g.aggregator().nextTimeout().orElseThrow();
    Outbox request = g.aggregator().onTimeout(g.now);
    assertEquals(1, request.frames().size(), "a RecoveryRequest for the TTP");
    assertEquals("ttp", g.nodeOf(request.frames().get(0).route()));
    // The aggregator restarts before the release comes back: the round awaits in its section.
    g.open("aggregator");
    g.deliver("aggregator", request);
    RoundOutcome.Exact x = exactOf(g, 2);
    assertEquals(555, x.sum());
    assertEquals(2, x.contributors());
    assertEquals(1, x.recovered());
    assertTrue(g.refusals.isEmpty(), "no refusal: " + g.refusals);
  }

  @Test
  void refusedReadingsChangeNothing() throws Exception {
    HandleGroup g = inMemory("bh-reading", 2, false);
    g.enterRound(2);
    // Before the seed deal there is nothing to encrypt with (BLND-S-04).
    Outbox early = g.meter(1).onReading(new Round(2), Reading.ofWattHours(1), g.now);
    assertEquals("BLND-S-04", early.refusal().orElseThrow().check().value());
    g.setUp();
    // Above t_max = 1 000 000 Wh (CORE-R-01): refused, and the round is still free.
    Outbox tooBig = g.meter(1).onReading(new Round(2), Reading.ofWattHours(1_000_001), g.now);
    assertEquals("CORE-R-01", tooBig.refusal().orElseThrow().check().value());
    assertTrue(tooBig.frames().isEmpty());
    assertEquals(-1, g.meter(1).lastRound());
    g.deliver("sm-1", g.meter(1).onReading(new Round(2), Reading.ofWattHours(1_000_000), g.now));
    g.deliver("sm-2", g.meter(2).onReading(new Round(2), Reading.ofWattHours(9), g.now));
    assertEquals(1_000_009, exactOf(g, 2).sum());
  }
}
