// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Round;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** spec/runtime.md §11 items 2 and 5: a handle is thread-confined and detects concurrent calls. */
class HandleThreadSafetyTest {
  static final int CALLS = 2_000;

  @Test
  void uncoordinatedCallsFromTwoThreads_completeOrThrowCme_stateEqualsTheCompletedCalls()
      throws Exception {
    RecordingStore store = new RecordingStore(RoleStore.inMemory());
    ToyRole.Handle h = ToyRole.Handle.supplier(store);
    AtomicInteger onesDone = new AtomicInteger();
    AtomicInteger thousandsDone = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    Thread a = new Thread(() -> hammer(h, 1, onesDone, refused, unexpected, start));
    Thread b = new Thread(() -> hammer(h, 1_000, thousandsDone, refused, unexpected, start));
    a.start();
    b.start();
    start.countDown();
    a.join();
    b.join();
    assertEquals(null, unexpected.get(), "only ConcurrentModificationException may be thrown");
    assertEquals(2 * CALLS, onesDone.get() + thousandsDone.get() + refused.get());
    assertEquals(onesDone.get() + 1_000L * thousandsDone.get(), h.total());
    assertEquals(onesDone.get() + thousandsDone.get(), h.count());
    assertEquals(onesDone.get() + thousandsDone.get(), store.count(), "one commit per call");
    ToyRole.Handle reopened = ToyRole.Handle.supplier(store.inner);
    assertEquals(h.total(), reopened.total());
  }

  private static void hammer(ToyRole.Handle h, long n, AtomicInteger done, AtomicInteger refused,
      AtomicReference<Throwable> unexpected, CountDownLatch start) {
    try {
      start.await();
      for (int i = 0; i < CALLS; i++) {
        try {
          h.add(n, LogicalTime.ofMillis(i));
          done.incrementAndGet();
        } catch (ConcurrentModificationException e) {
          refused.incrementAndGet();
        }
      }
    } catch (Throwable t) {
      unexpected.compareAndSet(null, t);
    }
  }

  @FunctionalInterface
  interface Call {
    Outbox run(ToyRole.Handle h) throws Exception;
  }

  static List<Call> script() {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long t = i * 1_000L;
      Round r = new Round(i % 7);
      long n = i;
      calls.add(h -> h.add(n, LogicalTime.ofMillis(t)));
      calls.add(h -> h.send(n, r, LogicalTime.ofMillis(t)));
      calls.add(h -> h.onTimeout(LogicalTime.ofMillis(t + 500)));
    }
    return calls;
  }

  @Test
  void handleMovedBetweenPoolThreads_givesTheSingleThreadedResults() throws Exception {
    ToyRole.Handle serial = ToyRole.Handle.supplier(RoleStore.inMemory());
    List<byte[]> expected = new ArrayList<>();
    for (Call c : script()) {
      expected.add(c.run(serial).encode(EventCodec.NONE));
    }
    ToyRole.Handle moved = ToyRole.Handle.supplier(RoleStore.inMemory());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<byte[]> actual = new ArrayList<>();
    try {
      for (Call c : script()) {
        actual.add(pool.submit(() -> c.run(moved)).get().encode(EventCodec.NONE));
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(java.util.Arrays.equals(expected.get(i), actual.get(i)), "outbox " + i);
    }
    assertEquals(serial.total(), moved.total());
    assertEquals(serial.armedTimers(), moved.armedTimers());
    assertTrue(serial.armedTimers().size() > 0 || serial.total() > 0);
  }
}
