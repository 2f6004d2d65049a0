// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The deterministic CMT core (spec/cmt.md §2): key derivation, round keys, encryption,
 * aggregation and decryption of the sum, with long arithmetic masked to b bits.
 *
 * <p>Every method is a pure function of its arguments, so known-answer tests, the exhaustive
 * leakage checks and benchmarks call them directly; the parties call the same methods.
 */
public final class CmtScheme {
  /** Label of the key share k_i1 (spec/cmt.md §1.3). */
  public static final Label LABEL_KEY_SHARE = Label.of("gridveil-v1 cmt k_i1");
  /** Label of the delta key d_i (spec/cmt.md §1.3). */
  public static final Label LABEL_DELTA = Label.of("gridveil-v1 cmt delta");

  private CmtScheme() {}

  /**
   * Returns ctx(G, ε) = u8(len(G)) || ASCII(G) || BE64(ε) (spec/cmt.md §1.3).
   *
   * @param group G
   * @param epoch ε
   * @return the context bytes
   */
  public static byte[] context(GroupId group, long epoch) {
    return new CanonicalWriter().ascii8(group.value()).u64(epoch).toByteArray();
  }

  /**
   * Derives the key share k_i1 (spec/cmt.md §2.4).
   *
   * @param secret ms_i
   * @param group G
   * @param epoch ε
   * @param bits b, from 2 to 64
   * @return k_i1 in [0, 2^b)
   */
  public static long keyShare(MeterSecret secret, GroupId group, long epoch, int bits) {
    checkBits(bits);
    SecretBytes okm = Hkdf.derive(secret.bytes(), LABEL_KEY_SHARE, context(group, epoch), 8);
    byte[] raw = okm.toByteArray(SecretAccess.grant());
    try {
      long v = 0;
      for (byte x : raw) {
        v = (v << 8) | (x & 0xff);
      }
      return v >>> (64 - bits);
    } finally {
      Wipe.bytes(raw);
    }
  }

  /**
   * k_ij = (k_i1 - δ_ij + δ_(i-1)j) mod 2^b (spec/cmt.md §2.6).
   *
   * @param keyShare k_i1
   * @param delta δ_ij, this meter's delta
   * @param predecessorDelta δ_(i-1)j, the predecessor's delta
   * @param mask 2^b - 1
   * @return k_ij
   */
  public static long roundKey(long keyShare, long delta, long predecessorDelta, long mask) {
    return (keyShare - delta + predecessorDelta) & mask;
  }

  /**
   * Enc: c_ij = (e_ij + k_ij) mod 2^b (spec/cmt.md §2.1); a negative reading wraps in two's
   * complement.
   *
   * @param reading e_ij, already checked against the group's parameters
   * @param roundKey k_ij
   * @param mask 2^b - 1
   * @return c_ij
   */
  public static long encrypt(long reading, long roundKey, long mask) {
    return (reading + roundKey) & mask;
  }

  /**
   * Aggregation: C = sum of c[from .. to) mod 2^b (spec/cmt.md §2.2), one addition per ciphertext.
   *
   * @param c the ciphertexts
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @param mask 2^b - 1
   * @return C
   * @throws IndexOutOfBoundsException if the range is not within the array
   */
  public static long aggregate(long[] c, int from, int to, long mask) {
    Objects.checkFromToIndex(from, to, c.length);
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += c[i];
      s1 += c[i + 1];
      s2 += c[i + 2];
      s3 += c[i + 3];
    }
    for (; i < to; i++) {
      s0 += c[i];
    }
    return (s0 + s1 + s2 + s3) & mask;
  }

  /**
   * Computes the ring's round keys from explicit key shares and deltas, out[i] = k_i1 - δ_ij +
   * δ_(i-1)j with indices mod n (spec/cmt.md §2.6): the batched key update of a full round.
   *
   * @param keyShares k_i1 in ring order
   * @param deltas δ_ij in ring order
   * @param mask 2^b - 1
   * @param out receives k_ij; may be {@code keyShares} itself
   * @throws IllegalArgumentException if the lengths differ or n &lt; 1
   */
  public static void roundKeys(long[] keyShares, long[] deltas, long mask, long[] out) {
    int n = keyShares.length;
    if (n < 1 || deltas.length != n || out.length != n) {
      throw new IllegalArgumentException("arrays must have the same length n >= 1");
    }
    long last = deltas[n - 1];
    for (int i = 0; i < n; i++) {
      long pred = i == 0 ? last : deltas[i - 1];
      out[i] = (keyShares[i] - deltas[i] + pred) & mask;
    }
  }

  /**
   * Encrypts a batch, out[i] = (e[i] + k[i]) mod 2^b (spec/cmt.md §2.1).
   *
   * @param readings e_ij
   * @param roundKeys k_ij
   * @param mask 2^b - 1
   * @param out receives c_ij; may be either input
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void encrypt(long[] readings, long[] roundKeys, long mask, long[] out) {
    int n = readings.length;
    if (roundKeys.length != n || out.length != n) {
      throw new IllegalArgumentException("arrays must have the same length");
    }
    for (int i = 0; i < n; i++) {
      out[i] = (readings[i] + roundKeys[i]) & mask;
    }
  }

  /**
   * K = sum_i k_i1 mod 2^b (spec/cmt.md §3.4 step 4).
   *
   * @param keyShares k_i1
   * @param mask 2^b - 1
   * @return K
   */
  public static long groupKey(long[] keyShares, long mask) {
    return aggregate(keyShares, 0, keyShares.length, mask);
  }

  /**
   * S_j = (C_j - K) mod 2^b (spec/cmt.md §2.3 step 2).
   *
   * @param aggregate C_j
   * @param groupKey K
   * @param mask 2^b - 1
   * @return the sum residue
   */
  public static long sumResidue(long aggregate, long groupKey, long mask) {
    return (aggregate - groupKey) & mask;
  }

  /**
   * Decrypts the sum of a complete round (spec/cmt.md §2.3 steps 2 and 3).
   *
   * @param parameters the group's aggregation parameters
   * @param aggregate C_j over all n ciphertexts
   * @param groupKey K
   * @param n the number of ciphertexts aggregated
   * @return the exact sum, or empty when the residue is not an admissible sum (void the round with
   *     INADMISSIBLE_SUM)
   */
  public static OptionalLong decryptSum(
      AggregationParameters parameters, long aggregate, long groupKey, int n) {
    long mask = parameters.modulus().mask();
    return parameters.decodeSum(sumResidue(aggregate, groupKey, mask), n);
  }

  /**
   * Runs a full round for a whole group in memory (spec/cmt.md §2): deltas from each meter's
   * delta PRF F_(d_i) (core's PRF, spec/core.md §6.2), round keys, encryption, aggregation and
   * decryption; the batched path a benchmark of 10^6 meters calls.
   *
   * @param parameters the aggregation parameters
   * @param keyShares each meter's k_i1, in ring order
   * @param deltaPrfs each meter's F_(d_i), in ring order
   * @param round j
   * @param readings e_ij in ring order, already admissible
   * @param groupKey K
   * @param scratch a work array of length n (receives the ciphertexts)
   * @return the decrypted sum, or empty if inadmissible
   * @throws IllegalArgumentException if the lengths differ
   */
  public static OptionalLong fullRound(
      AggregationParameters parameters,
      long[] keyShares,
      Prf[] deltaPrfs,
      long round,
      long[] readings,
      long groupKey,
      long[] scratch) {
    int n = keyShares.length;
    if (deltaPrfs.length != n || readings.length != n || scratch.length != n || n < 1) {
      throw new IllegalArgumentException("arrays must have the same length n >= 1");
    }
    int bits = parameters.modulus().bits();
    long mask = parameters.modulus().mask();
    for (int i = 0; i < n; i++) {
      scratch[i] = deltaPrfs[i].evaluateBits(round, bits);
    }
    long last = scratch[n - 1];
    long pred = last;
    for (int i = 0; i < n; i++) {
      long own = i == n - 1 ? last : scratch[i];
      scratch[i] = encrypt(readings[i], roundKey(keyShares[i], own, pred, mask), mask);
      pred = own;
    }
    return decryptSum(parameters, aggregate(scratch, 0, n, mask), groupKey, n);
  }

  private static void checkBits(int bits) {
    if (bits < 2 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [2, 64]");
    }
  }
}
