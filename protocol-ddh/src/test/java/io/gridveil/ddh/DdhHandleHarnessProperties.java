// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.ddh.EdatHandleGroup.G;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EDAT through its handles over the one harness (spec/runtime.md §8): duplicates, delays,
 * reordering and meter crashes before or after the hand-off of a contribution (no drops): the
 * aggregator's and supplier's armed deadlines decide every round once, exactly, over all n
 * readings.
 */
class DdhHandleHarnessProperties {
  private static final int N = 4;

  @Test
  void duplicatesDelaysAndCrashes_everyRoundIsDecidedOnceAndExact() {
    Pbt.property(20)
        .forAll(Gens.lists(Gens.longs(0, 100), N, 3 * N), Gens.longs(0, 1_000_000))
        .check(this::run);
  }

  private void run(List<Long> values, Long seed) throws Exception {
    int rounds = values.size() / N;
    EdatHandleGroup g = new EdatHandleGroup(N, 50 + seed % 5);
    List<RoleStore> stores = EdatHandleGroup.inMemory(N + 2);
    g.open(stores);
    Harness h = new Harness(new FaultPlan(0, 0.2, 0.3, 3, true),
        DeterministicRandomSource.fromSeed(seed), LogicalTime.ofMillis(60_000), 100);
    for (int i = 0; i < N; i++) {
      h.add("m" + i, g.meters.get(i));
    }
    h.add("agg", g.aggregator);
    h.add("sup", g.supplier);
    Map<Long, RoundOutcome> decided = new HashMap<>();
    long[] lastCommit = {-1};
    h.listen((node, now, o) -> {
      if (node.equals("sup") && o.sequence() > lastCommit[0]) {
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
        Outbox out = g.meters.get(i).onReading(j,
            Reading.ofWattHours(values.get(t * N + i)), h.now());
        long fate = crashes.uniformLong(4);
        if (fate != 0) {
          h.submit("m" + i, out);
        }
        if (fate <= 1) {
          int k = i;
          h.crash("m" + i, () -> {
            DdhMeterHandle r;
            try {
              r = g.meter(k, stores.get(k));
            } catch (io.gridveil.core.runtime.StoreException e) {
              throw e;
            } catch (Exception e) {
              throw new AssertionError("a stored meter reopens", e);
            }
            g.meters.set(k, r);
            return r;
          });
        }
      }
      h.runUntil(h.now().plusMillis(EdatHandleGroup.DEADLINE.toMillis() + 5_000));
    }
    for (int t = 0; t < rounds; t++) {
      long sum = 0;
      for (int i = 0; i < N; i++) {
        sum += values.get(t * N + i);
      }
      assertEquals(new RoundOutcome.Exact(G, new Round(t + 1), sum, N, 0), decided.get(t + 1L));
    }
  }
}
