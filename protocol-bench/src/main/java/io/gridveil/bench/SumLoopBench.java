// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The floor of the CMT and DDH aggregation targets: a plain loop summing 2^20 longs mod 2^64, on
 * one thread and split across threads. Scores are per summed element (operations per invocation =
 * 2^20), so the throughput reads as elements per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SumLoopBench {
  /** The number of ciphertexts of the aggregation targets, 2^20. */
  public static final int N = 1 << 20;

  private final long[] data = new long[N];

  /** Fills the array with pseudorandom longs (benchmark data, not key material). */
  public SumLoopBench() {
    SplittableRandom r = new SplittableRandom(20);
    for (int i = 0; i < N; i++) {
      data[i] = r.nextLong();
    }
  }

  /**
   * The plain sum loop on the calling thread.
   *
   * @return the sum mod 2^64
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public long sumLoop() {
    return sum(data, 0, N);
  }

  /**
   * The plain sum loop split across {@code threads} threads.
   *
   * @param pool the threads of this trial
   * @return the sum mod 2^64
   * @throws Exception never: the range sum cannot fail
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public long sumLoopThreads(ThreadPool pool) throws Exception {
    return pool.parallel.sum(N, (from, to) -> sum(data, from, to));
  }

  /**
   * Sums a range of longs mod 2^64.
   *
   * @param a the array
   * @param from the first index
   * @param to one past the last index
   * @return the sum mod 2^64
   */
  static long sum(long[] a, int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) {
      s += a[i];
    }
    return s;
  }
}
