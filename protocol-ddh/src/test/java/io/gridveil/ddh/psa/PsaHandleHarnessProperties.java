// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static io.gridveil.ddh.psa.PsaHandleGroup.G;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PSA through its handles over the one harness (spec/runtime.md §8) with drops, duplicates,
 * delays, reordering and meter crashes between commit and hand-off: every round is decided at
 * most once, and an exact round's sum is the sum of that round's readings; without drops every
 * round is exact.
 */
class PsaHandleHarnessProperties {
  private static final int N = 3;

  @Test
  void faultsAndCrashes_neverGiveAWrongSum_andWithoutDropsEveryRoundIsExact() {
    Pbt.property(25)
        .forAll(Gens.lists(Gens.longs(0, PsaHandleGroup.T_MAX), N, 4 * N),
            Gens.longs(0, 1_000_000))
        .check(this::run);
  }

  private void run(List<Long> values, Long seed) throws Exception {
    int rounds = values.size() / N;
    boolean drops = seed % 2 == 0;
    PsaHandleGroup g = new PsaHandleGroup(N, 40 + seed % 5);
    Harness h = new Harness(new FaultPlan(drops ? 0.1 : 0, 0.2, 0.3, 3, true),
        DeterministicRandomSource.fromSeed(seed), LogicalTime.ofMillis(60_000), 100);
    List<RoleStore> stores = new ArrayList<>();
    List<PsaMeterHandle> meters = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      stores.add(RoleStore.inMemory());
      meters.add(g.meter(i, stores.get(i)));
      h.add("m" + i, meters.get(i));
    }
    h.add("agg", g.aggregator(RoleStore.inMemory()));
    Map<Long, RoundOutcome> decided = new HashMap<>();
    long[] lastCommit = {-1};
    h.listen((node, now, o) -> {
      if (node.equals("agg") && o.sequence() > lastCommit[0]) {
        lastCommit[0] = o.sequence();
        for (RoundOutcome r : o.outcomes()) {
          assertTrue(decided.put(r.round().index(), r) == null, "decided twice: " + r.round());
        }
      }
    });
    DeterministicRandomSource crashes = DeterministicRandomSource.fromSeed(~seed);
    for (int t = 0; t < rounds; t++) {
      Round j = new Round(t + 1);
      for (int i = 0; i < N; i++) {
        var out = meters.get(i).onReading(j, Reading.ofWattHours(values.get(t * N + i)), h.now());
        long fate = crashes.uniformLong(4);
        if (fate != 0) {
          h.submit("m" + i, out);
        }
        if (fate <= 1) {
          // fate 0: crash between the commit and the hand-off (recover() hands the outbox over);
          // fate 1: crash after the hand-off (recover() sends it again, a replay).
          int k = i;
          h.crash("m" + i, () -> {
            PsaMeterHandle r = g.meter(k, stores.get(k));
            meters.set(k, r);
            return r;
          });
        }
      }
      h.runUntil(h.now().plusMillis(2_000));
    }
    h.runUntil(h.now().plusMillis(PsaHandleGroup.DEADLINE.toMillis() + 10_000));
    for (int t = 0; t < rounds; t++) {
      long j = t + 1;
      long sum = 0;
      for (int i = 0; i < N; i++) {
        sum += values.get(t * N + i);
      }
      RoundOutcome o = decided.get(j);
      if (o instanceof RoundOutcome.Exact e) {
        assertEquals(new RoundOutcome.Exact(G, new Round(j), sum, N, 0), e);
      } else if (o != null) {
        assertEquals(new RoundOutcome.Voided(G, new Round(j), VoidReason.MISSING_CONTRIBUTION), o);
      }
      if (!drops) {
        assertEquals(new RoundOutcome.Exact(G, new Round(j), sum, N, 0), o,
            "without drops round " + j + " is exact");
      }
    }
  }
}
