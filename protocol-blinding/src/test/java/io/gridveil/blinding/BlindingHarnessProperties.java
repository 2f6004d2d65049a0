// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A blinding group through its handles over {@link Harness} (spec/runtime.md §8): a network that
 * duplicates, delays and reorders frames (never drops them), and crashes of any node at random
 * points, reopened from its in-memory store with {@code recover()} replayed. Whatever the faults,
 * every round is decided once, exactly, with the sum of the readings chosen for it.
 */
final class BlindingHarnessProperties {
  private static final int N = 3;
  private static final int ROUNDS = 3;

  @Test
  void duplicatesDelaysReorderingAndCrashes_everyRoundExactOnce() {
    Pbt.property(12)
        .forAll(
            Gens.lists(Gens.longs(0, 1_000_000), ROUNDS * N, ROUNDS * N),
            Gens.lists(Gens.integers(0, 2 * (N + 3)), ROUNDS, ROUNDS),
            Gens.longs(0, 1_000))
        .check(this::run);
  }

  private void run(List<Long> readings, List<Integer> crashes, Long seed) throws Exception {
    HandleGroup g = new HandleGroup("bh-harness", N, false, node -> RoleStore.inMemory());
    Harness h =
        new Harness(
            new FaultPlan(0, 0.2, 0.3, 5, true),
            DeterministicRandomSource.fromSeed(seed),
            g.now,
            100);
    for (String node : g.nodes()) {
      h.add(node, g.handles.get(node));
    }
    Map<Long, RoundOutcome> decided = new HashMap<>();
    Map<String, Long> lastCommit = new HashMap<>();
    h.listen(
        (node, now, o) -> {
          // An outbox replayed by recover() repeats a commit already seen (runtime.md §6.1 item 5).
          if (!o.releasesAnything() || o.sequence() <= lastCommit.getOrDefault(node, -1L)) {
            return;
          }
          lastCommit.put(node, o.sequence());
          for (RoundOutcome r : o.outcomes()) {
            RoundOutcome before = decided.put(r.round().index(), r);
            assertTrue(before == null, "round " + r.round() + " decided twice: " + before + ", " + r);
          }
        });
    h.submit("ttp", g.ttp().setupWithKeys(g.licences(), TestKeys.k2048(), RevocationList.NONE, h.now()));
    h.runUntil(h.now().plusMillis(5_000));
    Map<Long, Long> sums = new HashMap<>();
    for (int r = 0; r < ROUNDS; r++) {
      long j = 2 + r;
      h.runUntil(LogicalTime.ofMillis(j * HandleGroup.PERIOD + 1_000));
      long sum = 0;
      for (int i = 1; i <= N; i++) {
        long v = readings.get(r * N + i - 1);
        sum += v;
        h.submit("sm-" + i, g.meter(i).onReading(new Round(j), Reading.ofWattHours(v), h.now()));
        if (crashes.get(r) == i + 2) {
          crash(g, h, "sm-" + i);
        }
      }
      sums.put(j, sum);
      int c = crashes.get(r);
      if (c < 3) {
        h.runUntil(h.now().plusMillis(300));
        crash(g, h, List.of("ttp", "aggregator", "supplier").get(c));
      }
      h.runUntil(h.now().plusMillis(HandleGroup.DEADLINE.toMillis() + 5_000));
    }
    for (long j = 2; j < 2 + ROUNDS; j++) {
      RoundOutcome o = decided.get(j);
      assertTrue(o instanceof RoundOutcome.Exact, "round " + j + ": " + o);
      assertEquals(sums.get(j), ((RoundOutcome.Exact) o).sum(), "round " + j);
      assertEquals(N, ((RoundOutcome.Exact) o).contributors());
    }
  }

  private static void crash(HandleGroup g, Harness h, String node) throws Exception {
    h.crash(node, () -> g.open(node));
  }
}
