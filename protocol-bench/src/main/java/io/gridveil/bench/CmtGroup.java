// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.cmt.CmtScheme;
import io.gridveil.core.AggregationParameters;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.util.OptionalLong;

/**
 * A CMT group of n meters at M = 2^64 held in memory for the full-round benchmarks: each meter's
 * k_i1 and its delta PRF F_(d_i) (core's PRF, spec/cmt.md §2.4 - §2.6), one round of
 * readings, the group key K and the plaintext sum the round must decrypt to.
 */
final class CmtGroup {
  /** The largest reading, Wh: 2^20, about a megawatt-hour per period. */
  static final long T_MAX = 1L << 20;

  final AggregationParameters parameters;
  final long[] keyShares;
  final Prf[] deltaPrfs;
  final long[] readings;
  final long groupKey;
  final long expectedSum;
  final long[] deltas;
  final long[] ciphertexts;

  /**
   * Builds a group from a fixed seed (benchmark data: the keys protect nothing).
   *
   * @param n the number of meters, at least 2
   */
  CmtGroup(int n) {
    parameters = AggregationParameters.unsignedPowerOfTwo(Math.max(n, 2), T_MAX, 64);
    RandomSource random = DeterministicRandomSource.fromSeed(5L + n);
    deltaPrfs = new Prf[n];
    readings = new long[n];
    long[] shares = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      shares[i] = random.nextLong();
      deltaPrfs[i] = Prf.of(SecretBytes.random(16, random));
      readings[i] = random.uniformLong(T_MAX + 1);
      sum += readings[i];
    }
    keyShares = shares;
    groupKey = CmtScheme.groupKey(shares, -1L);
    expectedSum = sum;
    deltas = new long[n];
    ciphertexts = new long[n];
  }

  /**
   * One full round through the library's batched path, CmtScheme.fullRound (spec/cmt.md §2).
   *
   * @param round j
   * @return the decrypted sum
   */
  long fullRound(long round) {
    OptionalLong s = CmtScheme.fullRound(parameters, keyShares, deltaPrfs, round, readings, groupKey,
        ciphertexts);
    return s.orElseThrow();
  }

  /**
   * One full round split across threads: the meters' deltas in parallel ranges, then their round
   * keys and ciphertexts with each range's partial aggregate (the predecessor's delta is read from
   * the shared delta array, so ranges need no hand-over), then the partial aggregates added and
   * the sum decrypted. Core's PRF is thread-safe (one cipher per PRF and thread).
   *
   * @param round j
   * @param parallel the threads
   * @return the decrypted sum
   * @throws Exception if a worker fails
   */
  long fullRound(long round, Parallel parallel) throws Exception {
    int n = keyShares.length;
    parallel.sum(
        n,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            deltas[i] = deltaPrfs[i].evaluateBits(round, 64);
          }
          return 0L;
        });
    long aggregate =
        parallel.sum(
            n,
            (from, to) -> {
              for (int i = from; i < to; i++) {
                long pred = deltas[i == 0 ? n - 1 : i - 1];
                long k = CmtScheme.roundKey(keyShares[i], deltas[i], pred, -1L);
                ciphertexts[i] = CmtScheme.encrypt(readings[i], k, -1L);
              }
              return CmtScheme.aggregate(ciphertexts, from, to, -1L);
            });
    return CmtScheme.decryptSum(parameters, aggregate, groupKey, n).orElseThrow();
  }

  /**
   * Throws unless a decrypted sum equals the plaintext sum of the readings.
   *
   * @param decrypted the round's output
   */
  void check(long decrypted) {
    if (decrypted != expectedSum) {
      throw new IllegalStateException("CMT round decrypted a wrong sum");
    }
  }
}
