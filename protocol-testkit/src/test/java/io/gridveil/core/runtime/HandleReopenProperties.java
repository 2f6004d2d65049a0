// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Round;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §4.3 item 4, §6.1 and §6.2: a handle reopened from its store after any prefix
 * of operations behaves as one that never stopped, and every frame it sends after a reopen is
 * accepted by its peer (the sequence ceiling keeps numbers above every one used before).
 */
class HandleReopenProperties {
  @Test
  void reopenedHandle_matchesTheUninterruptedOne_andItsFramesAreNeverReplays() {
    Pbt.property(100).forAll(Gens.lists(Gens.longs(0, 1_000_000), 0, 60)).check(this::run);
  }

  private void run(List<Long> ops) throws Exception {
    RoleStore store = RoleStore.inMemory();
    ToyRole.Handle reopened = ToyRole.Handle.supplier(store);
    ToyRole.Handle steady = ToyRole.Handle.supplier(RoleStore.inMemory());
    ToyRole.Handle peer = ToyRole.Handle.aggregator(RoleStore.inMemory());
    long t = 0;
    for (long v : ops) {
      int op = (int) (v % 5);
      long arg = v / 5;
      t += arg % 7_000;
      LogicalTime now = LogicalTime.ofMillis(t);
      Round r = new Round(arg % 4);
      if (op == 4) {
        reopened = ToyRole.Handle.supplier(store);
        continue;
      }
      Outbox a = apply(reopened, op, arg, r, now);
      Outbox b = apply(steady, op, arg, r, now);
      assertEquals(b.armed(), a.armed());
      assertEquals(b.cancelled(), a.cancelled());
      assertEquals(b.outcomes(), a.outcomes());
      assertEquals(b.refusal(), a.refusal());
      assertEquals(b.frames().size(), a.frames().size());
      assertEquals(steady.total(), reopened.total());
      assertEquals(steady.armedTimers(), reopened.armedTimers());
      for (byte[] f : a.frameBytes()) {
        Outbox got = peer.onFrame(f, now);
        assertTrue(got.refusal().isEmpty(), "peer refused " + got.refusal());
      }
    }
  }

  private static Outbox apply(ToyRole.Handle h, int op, long arg, Round r, LogicalTime now)
      throws Exception {
    return switch (op) {
      case 0 -> h.add(arg % 100, now);
      case 1 -> h.send(arg % 100, r, now);
      case 2 -> h.cancel(r, now);
      default -> h.onTimeout(now);
    };
  }
}
