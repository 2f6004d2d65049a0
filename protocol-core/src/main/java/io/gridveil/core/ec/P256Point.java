// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.internal.bc.BcP256;
import io.gridveil.core.internal.bc.BcP256Point;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A point of P-256 (secp256r1), the identity included (spec/runtime.md §9.1). Immutable; public,
 * so equality is by value, compared in constant time over the compressed encodings.
 *
 * <p>Encodings are SEC1, compressed (33 bytes, prefix 02 or 03) or uncompressed (65 bytes, prefix
 * 04); the identity is written as all-zero bytes of the same length, not SEC1's single 00 byte
 * (spec/ddh.md §7.5).
 */
public final class P256Point {
  /** The length of a compressed encoding. */
  public static final int COMPRESSED_LENGTH = 33;
  /** The length of an uncompressed encoding. */
  public static final int UNCOMPRESSED_LENGTH = 65;

  private static final P256Point IDENTITY = new P256Point(BcP256.identity());
  private static final P256Point GENERATOR = new P256Point(BcP256.generator());

  private final BcP256Point point;

  P256Point(BcP256Point point) {
    this.point = point;
  }

  /**
   * Returns the identity (the point at infinity).
   *
   * @return the identity
   */
  public static P256Point identity() {
    return IDENTITY;
  }

  /**
   * Returns the generator g.
   *
   * @return g
   */
  public static P256Point generator() {
    return GENERATOR;
  }

  /**
   * Decodes a point from outside: SEC1 compressed (33 bytes) or uncompressed (65 bytes). The
   * checks run in this order: all-zero bytes of either length are the identity, which is refused
   * (spec/ddh.md §7.5); then length and prefix; then coordinates below p; then the curve equation.
   *
   * @param b the encoding
   * @return the point, never the identity
   * @throws InvalidEncodingException IDENTITY, MALFORMED (length or prefix), NOT_CANONICAL (a
   *     coordinate &gt;= p), NOT_ON_CURVE
   */
  public static P256Point decode(byte[] b) throws InvalidEncodingException {
    if ((b.length == COMPRESSED_LENGTH || b.length == UNCOMPRESSED_LENGTH) && allZero(b)) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.IDENTITY, "P-256 point is the identity");
    }
    boolean compressed = b.length == COMPRESSED_LENGTH && (b[0] == 2 || b[0] == 3);
    boolean uncompressed = b.length == UNCOMPRESSED_LENGTH && b[0] == 4;
    if (!compressed && !uncompressed) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.MALFORMED, "P-256 point is not a SEC1 encoding");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(b, 1, 33));
    BigInteger y = uncompressed ? new BigInteger(1, Arrays.copyOfRange(b, 33, 65)) : BigInteger.ZERO;
    if (x.compareTo(BcP256.P) >= 0 || y.compareTo(BcP256.P) >= 0) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_CANONICAL, "P-256 coordinate is not below p");
    }
    BcP256Point p = compressed ? BcP256.lift(x, b[0] == 3) : BcP256.affine(x, y);
    if (p == null) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_ON_CURVE, "P-256 point is not on the curve");
    }
    return new P256Point(p);
  }

  BcP256Point bc() {
    return point;
  }

  /**
   * Returns this + other.
   *
   * @param other the other point
   * @return the sum
   */
  public P256Point add(P256Point other) {
    return new P256Point(point.add(Objects.requireNonNull(other, "other").point));
  }

  /**
   * Returns -this.
   *
   * @return the negation (the identity for the identity)
   */
  public P256Point negate() {
    return new P256Point(point.negate());
  }

  /**
   * Returns this - other.
   *
   * @param other the other point
   * @return the difference
   */
  public P256Point subtract(P256Point other) {
    return add(other.negate());
  }

  /**
   * Tells whether this is the identity.
   *
   * @return true for the point at infinity
   */
  public boolean isIdentity() {
    return point.isInfinity();
  }

  /**
   * Returns the affine x-coordinate.
   *
   * @return 32 fresh big-endian bytes
   * @throws IllegalStateException for the identity, which has none
   */
  public byte[] xCoordinate() {
    return point.affineX();
  }

  /**
   * Returns the SEC1 compressed encoding (spec/ddh.md §7.5).
   *
   * @return 33 fresh bytes; 33 zero bytes for the identity
   */
  public byte[] toCompressed() {
    return point.isInfinity() ? new byte[COMPRESSED_LENGTH] : point.encode(true);
  }

  /**
   * Returns the SEC1 uncompressed encoding.
   *
   * @return 65 fresh bytes; 65 zero bytes for the identity
   */
  public byte[] toUncompressed() {
    return point.isInfinity() ? new byte[UNCOMPRESSED_LENGTH] : point.encode(false);
  }

  private static boolean allZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof P256Point q && MessageDigest.isEqual(toCompressed(), q.toCompressed());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toCompressed());
  }

  @Override
  public String toString() {
    return "P256Point[" + HexFormat.of().formatHex(toCompressed(), 0, 5) + "...]";
  }
}
