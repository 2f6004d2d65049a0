// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void sum_overAnySplit_equalsThePlainLoop() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int threads = 1; threads <= 5; threads++) {
      try (Parallel p = new Parallel(threads)) {
        for (int n : new int[] {0, 1, 2, 3, 7, 1000, 1 << 16}) {
          long[] a = r.longs(n).toArray();
          long expected = 0;
          for (long v : a) {
            expected += v;
          }
          assertEquals(expected, p.sum(n, (from, to) -> SumLoopBench.sum(a, from, to)));
        }
      }
    }
  }

  @Test
  void sum_rangesCoverEveryIndexExactlyOnce() throws Exception {
    try (Parallel p = new Parallel(3)) {
      List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
      p.sum(
          10,
          (from, to) -> {
            ranges.add(new int[] {from, to});
            return 0L;
          });
      int[] hits = new int[10];
      for (int[] range : ranges) {
        for (int i = range[0]; i < range[1]; i++) {
          hits[i]++;
        }
      }
      for (int h : hits) {
        assertEquals(1, h);
      }
      assertEquals(3, ranges.size());
    }
  }

  @Test
  void zeroThreads_meansAllProcessors() {
    try (Parallel p = new Parallel(0)) {
      assertEquals(Runtime.getRuntime().availableProcessors(), p.threads());
    }
  }

  @Test
  void negativeThreads_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Parallel(-1));
  }

  @Test
  void failingRange_propagatesItsException() {
    try (Parallel p = new Parallel(2)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  p.sum(
                      10,
                      (from, to) -> {
                        if (from > 0) {
                          throw new IllegalStateException("worker");
                        }
                        return 0L;
                      }));
      assertEquals("worker", e.getMessage());
    }
  }
}
