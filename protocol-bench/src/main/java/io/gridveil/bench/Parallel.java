// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Splits a sum over [0, n) across threads: the aggregators' combine is addition mod 2^64,
 * associative and commutative, so each thread sums a contiguous range and the partial sums are
 * added (issue 10, scaling). The calling thread takes the first range; the other ranges run on a
 * fixed pool of threads - 1 daemon threads, created once per benchmark trial.
 */
final class Parallel implements AutoCloseable {
  /** A sum over the index range [from, to). */
  @FunctionalInterface
  interface RangeSum {
    /**
     * Sums a range.
     *
     * @param from the first index
     * @param to one past the last index
     * @return the range's sum mod 2^64
     * @throws Exception if the summed operation fails
     */
    long sum(int from, int to) throws Exception;
  }

  private final int threads;
  private final @Nullable ExecutorService pool;

  /**
   * A splitter over the given number of threads.
   *
   * @param threads at least 1; 0 means all available processors
   */
  Parallel(int threads) {
    int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = t;
    this.pool =
        t == 1
            ? null
            : Executors.newFixedThreadPool(
                t - 1,
                r -> {
                  Thread th = new Thread(r, "bench-worker");
                  th.setDaemon(true);
                  return th;
                });
  }

  /**
   * The number of threads, all available processors resolved.
   *
   * @return the number of threads that share a sum
   */
  int threads() {
    return threads;
  }

  /**
   * Sums [0, n) in {@link #threads()} contiguous ranges.
   *
   * @param n the number of indices
   * @param f the range sum
   * @return the total mod 2^64
   * @throws Exception if a range fails
   */
  long sum(int n, RangeSum f) throws Exception {
    ExecutorService p = pool;
    if (p == null) {
      return f.sum(0, n);
    }
    List<Future<Long>> parts = new ArrayList<>(threads - 1);
    for (int k = 1; k < threads; k++) {
      int from = bound(n, k);
      int to = bound(n, k + 1);
      Callable<Long> task = () -> f.sum(from, to);
      parts.add(p.submit(task));
    }
    long total = f.sum(0, bound(n, 1));
    try {
      for (Future<Long> part : parts) {
        total += part.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ex ? ex : e;
    }
    return total;
  }

  private int bound(int n, int k) {
    return (int) ((long) n * k / threads);
  }

  @Override
  public void close() {
    ExecutorService p = pool;
    if (p != null) {
      p.shutdownNow();
    }
  }
}
