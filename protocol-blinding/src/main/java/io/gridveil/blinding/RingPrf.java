// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * F(s_i, ·), the PRF of ring seed s_i onto Z_N (spec/blinding.md §3.2), and the blinding term
 * b_ij = F(s_i, j) - F(s_(i-1), j) mod N (§3.3).
 */
final class RingPrf {
  /** The label of the ring-seed PRF key (spec/blinding.md §1.4). */
  static final Label LABEL = Label.of("gridveil-v1 blinding ring-prf");

  /** The length of a ring seed s_i in bytes. */
  static final int SEED_LENGTH = 32;

  private final Prf prf;
  private final BigInteger n;

  private RingPrf(Prf prf, BigInteger n) {
    this.prf = prf;
    this.n = n;
  }

  /**
   * Keys F(s_i, ·) with K_i = Derive(s_i, label, context_i, 16) (spec/blinding.md §3.2).
   *
   * @param seed s_i
   * @param group the group
   * @param edge i, the ring edge index in 1..n
   * @param n N
   * @param keyBytes len(N) = k/8, for the encoding of N
   * @return the PRF
   */
  static RingPrf of(SecretBytes seed, GroupId group, int edge, BigInteger n, int keyBytes) {
    Objects.requireNonNull(seed, "seed");
    return new RingPrf(Prf.derive(seed, LABEL, context(group, edge, n, keyBytes)), n);
  }

  /**
   * Keys F(s_i, ·) from a seed held in a vault (spec/runtime.md §5.2): the same K_i as {@link
   * #of(SecretBytes, GroupId, int, BigInteger, int)}, derived by the vault's key handle.
   *
   * @param seed the handle of s_i
   * @param group the group
   * @param edge i, the ring edge index in 1..n
   * @param n N
   * @param keyBytes len(N) = k/8
   * @return the PRF
   */
  static RingPrf of(SecretKeyHandle seed, GroupId group, int edge, BigInteger n, int keyBytes) {
    Objects.requireNonNull(seed, "seed");
    return new RingPrf(
        Prf.of(seed.derive(LABEL, context(group, edge, n, keyBytes), Prf.KEY_LENGTH)), n);
  }

  /**
   * context_i = ascii8(group) || u32(i) || u16(len(N)) || N (spec/blinding.md §3.2).
   *
   * @param group the group
   * @param edge i
   * @param n N
   * @param keyBytes len(N) = k/8
   * @return the context bytes
   */
  static byte[] context(GroupId group, int edge, BigInteger n, int keyBytes) {
    CanonicalWriter w = new CanonicalWriter();
    w.ascii8(group.value()).u32(edge).u16(keyBytes).unsignedFixed(n, keyBytes);
    return w.toByteArray();
  }

  /**
   * F(s_i, j) onto Z_N (spec/blinding.md §3.2, core.md §6.3).
   *
   * @param round j
   * @return a value in [0, N)
   */
  BigInteger evaluate(long round) {
    return prf.evaluateMod(round, n);
  }

  /**
   * b_ij = F(s_i, j) - F(s_(i-1), j) mod N (spec/blinding.md §3.3).
   *
   * @param own F(s_i, ·)
   * @param previous F(s_(i-1), ·)
   * @param round j
   * @param n N
   * @return b_ij in [0, N)
   */
  static BigInteger blindingTerm(RingPrf own, RingPrf previous, long round, BigInteger n) {
    return own.evaluate(round).subtract(previous.evaluate(round)).mod(n);
  }

  @Override
  public String toString() {
    return "RingPrf[redacted]";
  }
}
