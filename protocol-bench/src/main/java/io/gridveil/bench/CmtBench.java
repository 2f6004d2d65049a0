// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.cmt.CmtScheme;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CMT targets of issue 5: a meter's encryption including its round-key update (against
 * {@link AesBaselineBench#aesBlock()}), the supplier's aggregation of 2^20 ciphertexts (against
 * {@link SumLoopBench#sumLoop()}), and a full round of 1,000,000 meters (against
 * {@link AesBaselineBench#aesBlocks3M()}); plus the thread-scaling runs of the last two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CmtBench {
  /** The number of meters of the full-round target. */
  public static final int ROUND_METERS = 1_000_000;

  private final long keyShare;
  private final Prf deltaPrf;
  private final long[] ciphertexts = new long[SumLoopBench.N];
  private long round = 1;
  private final long reading = 4242;
  private final long predecessorDelta;

  /** Keys one meter and fills 2^20 ciphertexts (benchmark data from a fixed seed). */
  public CmtBench() {
    RandomSource random = DeterministicRandomSource.fromSeed(55L);
    keyShare = random.nextLong();
    deltaPrf = Prf.of(SecretBytes.random(16, random));
    predecessorDelta = random.nextLong();
    for (int i = 0; i < ciphertexts.length; i++) {
      ciphertexts[i] = random.nextLong();
    }
  }

  /** Checks the meter's ciphertext and the aggregate against independent computations. */
  @Setup
  public void check() {
    long delta = deltaPrf.evaluateBits(round, 64);
    long expected = reading + keyShare - delta + predecessorDelta;
    if (encrypt(round) != expected
        || aggregate() != SumLoopBench.sum(ciphertexts, 0, ciphertexts.length)) {
      throw new IllegalStateException("CMT encryption or aggregation is wrong");
    }
  }

  /**
   * A meter's per-round work: δ_ij (one AES block), k_ij and c_ij (spec/cmt.md §3.6).
   *
   * @return c_ij
   */
  @Benchmark
  public long meterEncrypt() {
    return encrypt(round++);
  }

  /** δ_ij through core's PRF (one AES block), k_ij and c_ij, as a meter computes them. */
  private long encrypt(long j) {
    long k = CmtScheme.roundKey(keyShare, deltaPrf.evaluateBits(j, 64), predecessorDelta, -1L);
    return CmtScheme.encrypt(reading, k, -1L);
  }

  /**
   * The supplier's aggregation of 2^20 ciphertexts (spec/cmt.md §2.2); scored per ciphertext.
   *
   * @return C_j
   */
  @Benchmark
  @OperationsPerInvocation(SumLoopBench.N)
  public long aggregate() {
    return CmtScheme.aggregate(ciphertexts, 0, ciphertexts.length, -1L);
  }

  /**
   * A full round of 1,000,000 meters through CmtScheme.fullRound, on one thread.
   *
   * @param group the group
   * @return the decrypted sum
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long fullRound(Group group) {
    return group.group.fullRound(group.round++);
  }

  /**
   * The supplier's aggregation of 2^20 ciphertexts split across threads; scored per ciphertext.
   *
   * @param pool the threads
   * @return C_j
   * @throws Exception never: the range sum cannot fail
   */
  @Benchmark
  @OperationsPerInvocation(SumLoopBench.N)
  public long aggregateThreads(ThreadPool pool) throws Exception {
    return pool.parallel.sum(
        ciphertexts.length, (from, to) -> CmtScheme.aggregate(ciphertexts, from, to, -1L));
  }

  /**
   * A full round of 1,000,000 meters split across threads (see {@link CmtGroup}).
   *
   * @param group the group
   * @param pool the threads
   * @return the decrypted sum
   * @throws Exception if a worker fails
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long fullRoundThreads(Group group, ThreadPool pool) throws Exception {
    return group.group.fullRound(group.round++, pool.parallel);
  }

  /** The 1,000,000-meter group, built once per trial and checked against its plaintext sum. */
  @State(Scope.Benchmark)
  public static class Group {
    final CmtGroup group = new CmtGroup(ROUND_METERS);
    long round = 1;

    /** Builds the group. */
    public Group() {
      // The group is built by the field initialiser; the check runs in setUp.
    }

    /**
     * Checks one round of each path against the plaintext sum.
     *
     * @throws Exception if a worker fails
     */
    @Setup
    public void check() throws Exception {
      group.check(group.fullRound(round));
      try (Parallel p = new Parallel(2)) {
        group.check(group.fullRound(round, p));
      }
    }
  }
}
