// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every lifecycle path of spec/cmt.md §3, end to end through the in-memory network. */
class CmtLifecycleTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(64, 100_000, 64))
          .withMinGroupSize(3);

  private static CmtGroupDriver group(CmtParameters p, int n) {
    CmtGroupDriver d = new CmtGroupDriver(p, FaultPlan.NONE, 7);
    d.join();
    assertFalse(d.settle(1), "one meter is below the minimum group size");
    for (int i = 1; i < n; i++) {
      d.join();
    }
    assertTrue(d.settle(10), d::dump);
    return d;
  }

  private static Map<MeterId, Long> readings(CmtGroupDriver d, long base) {
    Map<MeterId, Long> r = new HashMap<>();
    long k = base;
    for (MeterId id : d.live()) {
      r.put(id, k);
      k += 17;
    }
    return r;
  }

  private static long sumOf(Map<MeterId, Long> r, Iterable<MeterId> members) {
    long s = 0;
    for (MeterId id : members) {
      s += r.get(id);
    }
    return s;
  }

  private static void assertExact(CmtGroupDriver d, long base) {
    Map<MeterId, Long> r = readings(d, base);
    Optional<RoundOutcome> o = d.round(r);
    assertTrue(o.isPresent(), "round has an outcome");
    RoundOutcome.Exact e = (RoundOutcome.Exact) o.get();
    assertEquals(sumOf(r, d.keyedMembers()), e.sum());
    assertEquals(d.live().size(), e.contributors());
  }

  @Test
  void firstMeter_electsItselfAfterUnansweredDiscovery_andGroupKeysAtMinimum() {
    CmtGroupDriver d = group(PARAMS, 3);
    assertEquals(1, d.lcs().size());
    assertTrue(d.events().stream().anyMatch(e -> e instanceof CmtEvent.LcElected));
    assertEquals(3, d.supplier().members().size());
    assertExact(d, 100);
  }

  @Test
  void tokens_areUnrelatedToIdentities_andDistinct() {
    CmtGroupDriver d = group(PARAMS, 5);
    List<MeterId> ids = d.live();
    for (MeterId id : ids) {
      String t = d.meter(id).token().orElseThrow().toString();
      assertFalse(t.contains(id.value()));
    }
    assertEquals(5, d.supplier().members().size());
  }

  @Test
  void roundsRepeat_eachExact() {
    CmtGroupDriver d = group(PARAMS, 6);
    for (int j = 0; j < 5; j++) {
      assertExact(d, 1000 * j);
    }
  }

  @Test
  void failedMeter_voidsRound_thenLcReRegistersWithoutIt() {
    CmtGroupDriver d = group(PARAMS, 5);
    MeterId victim = d.live().get(2);
    d.fail(victim);
    Optional<RoundOutcome> o = d.round(readings(d, 5));
    assertEquals(
        new RoundOutcome.Voided(CmtGroupDriver.GROUP, o.orElseThrow().round(),
            VoidReason.MISSING_CONTRIBUTION),
        o.get());
    assertTrue(d.events().stream().anyMatch(e -> e instanceof CmtEvent.RingBroken));
    assertTrue(d.settle(10), d::dump);
    assertFalse(d.keyedMembers().contains(victim));
    assertEquals(4, d.supplier().members().size());
    assertExact(d, 50);
  }

  @Test
  void recoveredMeter_reEntersThroughLicence_withNewToken() {
    CmtGroupDriver d = group(PARAMS, 4);
    MeterId victim = d.live().get(0);
    d.fail(victim);
    d.round(readings(d, 1));
    assertTrue(d.settle(10), d::dump);
    var oldToken = d.meter(victim).token().orElseThrow();
    d.recover(victim);
    assertTrue(d.settle(10), d::dump);
    assertTrue(d.keyedMembers().contains(victim));
    assertFalse(d.supplier().members().contains(oldToken));
    assertExact(d, 9);
  }

  @Test
  void join_reKeysTheGroup() {
    CmtGroupDriver d = group(PARAMS, 3);
    long before = d.supplier().epoch();
    d.join();
    assertTrue(d.settle(10), d::dump);
    assertTrue(d.supplier().epoch() > before);
    assertEquals(4, d.supplier().members().size());
    assertExact(d, 3);
  }

  @Test
  void leave_reKeysWithoutTheLeaver() {
    CmtGroupDriver d = group(PARAMS, 5);
    MeterId leaver = d.live().get(1);
    long before = d.supplier().epoch();
    d.leave(leaver);
    assertTrue(d.settle(10), d::dump);
    assertTrue(d.supplier().epoch() > before);
    assertFalse(d.keyedMembers().contains(leaver));
    assertExact(d, 3);
  }

  @Test
  void lcLeaves_handsOverFirst() {
    CmtGroupDriver d = group(PARAMS, 5);
    MeterId lc = d.lcs().get(0);
    d.leave(lc);
    assertTrue(d.settle(10), d::dump);
    assertFalse(d.lcs().contains(lc));
    assertEquals(4, d.supplier().members().size());
    assertExact(d, 11);
  }

  @Test
  void rotation_movesLcToAnotherMember_andReKeys() {
    CmtGroupDriver d = group(PARAMS, 5);
    MeterId lc = d.lcs().get(0);
    long before = d.supplier().epoch();
    d.rotate();
    assertTrue(d.settle(10), d::dump);
    assertEquals(1, d.lcs().size());
    assertFalse(d.lcs().contains(lc));
    assertTrue(d.supplier().epoch() > before);
    assertEquals(5, d.supplier().members().size());
    assertExact(d, 21);
  }

  @Test
  void secureSum_keysTheGroup_andRoundsAreExact() {
    CmtGroupDriver d = group(PARAMS.withSecureSum(true), 5);
    assertExact(d, 77);
    d.rotate();
    assertTrue(d.settle(10), d::dump);
    assertExact(d, 78);
  }

  @Test
  void belowMinimum_afterLeave_noGroupKey_roundsGetNoOutcome() {
    CmtGroupDriver d = group(PARAMS, 3);
    d.leave(d.live().get(1));
    assertFalse(d.settle(3));
    assertTrue(d.events().stream().anyMatch(e -> e instanceof CmtEvent.GroupBelowMinimum));
    Optional<RoundOutcome> o = d.round(readings(d, 1));
    // The supplier still holds the old three-member key: the round is void, never a wrong sum.
    assertTrue(o.isEmpty() || o.get() instanceof RoundOutcome.Voided);
  }

  @Test
  void twoSelfElectedLcs_converge_toOne() {
    CmtGroupDriver d = new CmtGroupDriver(PARAMS, FaultPlan.NONE, 3);
    MeterId a = d.join();
    MeterId b = d.join();
    // Both look for an LC at the same time; neither exists, so both elect themselves.
    d.deliverUntilIdle();
    for (int i = 0; i < PARAMS.discoveryAttempts(); i++) {
      d.feed(a, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, io.gridveil.core.Round.FIRST));
      d.feed(b, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, io.gridveil.core.Round.FIRST));
    }
    d.join();
    assertTrue(d.settle(20), d::dump);
    assertEquals(1, d.lcs().size());
    assertEquals(3, d.supplier().members().size());
    assertExact(d, 5);
  }

  @Test
  void signedReadings_netMetering_sumIsExact() {
    CmtParameters p = new CmtParameters(new AggregationParameters(8, 1000,
        io.gridveil.core.Modulus.powerOfTwo(16), true, io.gridveil.core.ReadingUnit.WATT_HOUR),
        3, 2, false, 4);
    CmtGroupDriver d = group(p, 4);
    Map<MeterId, Long> r = new HashMap<>();
    long[] values = {-1000, 999, -3, 1};
    int i = 0;
    for (MeterId id : d.live()) {
      r.put(id, values[i++]);
    }
    RoundOutcome.Exact e = (RoundOutcome.Exact) d.round(r).orElseThrow();
    assertEquals(-3, e.sum());
  }
}
