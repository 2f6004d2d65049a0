// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.Round;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §6.7 (last paragraph) and §8 item 4: the harness's crash fault on the
 * in-memory store, with the toy role of {@link ToyRole} over a network that duplicates, delays
 * and reorders (never drops): nothing is lost and no sequence number is released with two
 * different frames, whatever the crash points.
 */
class ToyHarnessProperties {
  @Test
  void crashesAtAnyPoint_loseNothing_andNeverReuseASequenceNumber() {
    Pbt.property(60)
        .forAll(Gens.lists(Gens.longs(0, 1_000_000), 1, 40), Gens.longs(0, 1_000))
        .check(this::run);
  }

  private void run(List<Long> ops, Long seed) throws Exception {
    Harness h = new Harness(new FaultPlan(0, 0.2, 0.3, 5, true),
        DeterministicRandomSource.fromSeed(seed), LogicalTime.ZERO, 100);
    RoleStore sStore = RoleStore.inMemory();
    RoleStore aStore = RoleStore.inMemory();
    List<ToyRole.Handle> supplier = new ArrayList<>(List.of(ToyRole.Handle.supplier(sStore)));
    List<ToyRole.Handle> aggregator = new ArrayList<>(List.of(ToyRole.Handle.aggregator(aStore)));
    h.add("s", supplier.get(0));
    h.add("a", aggregator.get(0));
    Map<Long, byte[]> bySequence = new HashMap<>();
    long[] reported = {0};
    long[] lastCommit = {-1};
    h.listen((node, now, o) -> {
      if (node.equals("s")) {
        for (byte[] f : o.frameBytes()) {
          long seq = ByteBuffer.wrap(f, 9, 8).getLong(); // kind 1: u8 kind, u64 keyId, u64 seq
          byte[] before = bySequence.putIfAbsent(seq, f);
          if (before != null) {
            assertArrayEquals(before, f, "sequence " + seq + " released with two frames");
          }
        }
      } else if (o.sequence() > lastCommit[0]) {
        // An outbox replayed by recover() after a crash repeats a commit already seen: its
        // outcomes are not new (spec/runtime.md §6.1 item 5).
        lastCommit[0] = o.sequence();
        for (RoundOutcome r : o.outcomes()) {
          reported[0] += ((RoundOutcome.Exact) r).sum();
        }
      }
    });
    long sent = 0;
    for (long v : ops) {
      int op = (int) (v % 4);
      long arg = v / 4;
      if (op == 0) {
        h.crash("s", () -> {
          ToyRole.Handle r = ToyRole.Handle.supplier(sStore);
          supplier.add(r);
          return r;
        });
      } else if (op == 1) {
        h.crash("a", () -> {
          ToyRole.Handle r = ToyRole.Handle.aggregator(aStore);
          aggregator.add(r);
          return r;
        });
      } else {
        long n = arg % 50;
        ToyRole.Handle s = supplier.get(supplier.size() - 1);
        h.submit("s", s.send(n, new Round(arg % 3), h.now()));
        sent += n;
      }
      h.runUntil(h.now().plusMillis(arg % 3_000));
    }
    h.runUntil(h.now().plusMillis(ToyRole.DEADLINE.toMillis() + 10_000));
    ToyRole.Handle last = aggregator.get(aggregator.size() - 1);
    assertEquals(sent, reported[0] + last.total(), "every sent number is counted once");
  }
}
