// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.internal.bc.BcP256;
import io.gridveil.core.internal.bc.BcP256Point;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * P-256 (secp256r1) group operations (spec/runtime.md §9.1): generator g, prime order q, cofactor
 * 1 (spec/ddh.md §7.1). Stateless and thread-safe.
 */
public final class P256 {
  /** The prime group order q. */
  public static final BigInteger ORDER = BcP256.Q;
  /** The field prime p. */
  public static final BigInteger FIELD_PRIME = BcP256.P;

  /** The most tries of {@link #hashToCurve} (spec/ddh.md §7.2). */
  static final int HASH_TRIES = 256;

  private P256() {}

  /**
   * Returns k * g by the fixed-base comb.
   *
   * @param k the scalar
   * @return the point (the identity for k = 0)
   */
  public static P256Point fixedBase(P256Scalar k) {
    return new P256Point(BcP256.fixedBase(k.toBigInteger()));
  }

  /**
   * Returns k * P (variable base).
   *
   * @param point P
   * @param k the scalar
   * @return the product
   */
  public static P256Point multiply(P256Point point, P256Scalar k) {
    return new P256Point(point.bc().multiply(k.toBigInteger()));
  }

  /**
   * Returns k_1 * P_1 + ... + k_n * P_n in one interleaved pass.
   *
   * @param scalars k_1 .. k_n
   * @param points P_1 .. P_n, as many as scalars
   * @return the sum (the identity for n = 0)
   * @throws IllegalArgumentException if the lists differ in length
   */
  public static P256Point multiScalarMultiply(List<P256Scalar> scalars, List<P256Point> points) {
    if (scalars.size() != points.size()) {
      throw new IllegalArgumentException("as many scalars as points");
    }
    if (scalars.isEmpty()) {
      return P256Point.identity();
    }
    BigInteger[] ks = new BigInteger[scalars.size()];
    BcP256Point[] ps = new BcP256Point[points.size()];
    for (int i = 0; i < ks.length; i++) {
      ks[i] = scalars.get(i).toBigInteger();
      ps[i] = points.get(i).bc();
    }
    return new P256Point(BcP256.sumOfMultiplies(ks, ps));
  }

  /**
   * Returns the same points in affine form with one shared field inversion, so that
   * {@link P256Point#xCoordinate} and the encodings of each cost no further inversion (a batch
   * of additions then one normalisation, as the baby-step giant-step of spec/ddh.md §7.4 does).
   *
   * @param points the points (the identity allowed)
   * @return equal points, in the same order
   */
  public static List<P256Point> normalize(List<P256Point> points) {
    BcP256Point[] ps = new BcP256Point[points.size()];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = points.get(i).bc();
    }
    List<P256Point> out = new ArrayList<>(ps.length);
    for (BcP256Point p : BcP256.normalizeAll(ps)) {
      out.add(new P256Point(p));
    }
    return out;
  }

  /**
   * Hashes onto P-256 by try-and-increment (spec/ddh.md §7.2): for ctr = 0 .. 255,
   * d = SHA-512(u16(len(domain)) || domain || message || u8(ctr)); x = d[0..32] big-endian; if
   * x &lt; p and x^3 - 3x + b is a square mod p, return (x, y) with y's parity the low bit of
   * d[32]. PSA's H(j) is {@code hashToCurve(L, ascii8(group) || u64(j))} with L = "gridveil-v1 psa
   * hash-to-curve".
   *
   * @param domain the domain-separation prefix, at most 65535 bytes
   * @param message the message
   * @return a point, never the identity
   * @throws IllegalArgumentException if the domain is longer than 65535 bytes
   */
  public static P256Point hashToCurve(byte[] domain, byte[] message) {
    Objects.requireNonNull(message, "message");
    if (domain.length > 0xffff) {
      throw new IllegalArgumentException("domain must be at most 65535 bytes");
    }
    MessageDigest sha = sha512();
    for (int ctr = 0; ctr < HASH_TRIES; ctr++) {
      sha.update((byte) (domain.length >>> 8));
      sha.update((byte) domain.length);
      sha.update(domain);
      sha.update(message);
      sha.update((byte) ctr);
      byte[] d = sha.digest();
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(d, 0, 32));
      if (x.compareTo(BcP256.P) >= 0) {
        continue;
      }
      BcP256Point p = BcP256.lift(x, (d[32] & 1) == 1);
      if (p != null) {
        return new P256Point(p);
      }
    }
    throw new ProtocolBugException("no point after 256 tries (probability 2^-256)");
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new ProtocolBugException("SHA-512 is required of every Java platform", e);
    }
  }
}
