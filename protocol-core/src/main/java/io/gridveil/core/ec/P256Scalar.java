// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.internal.bc.BcP256;
import io.gridveil.core.random.RandomSource;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An integer mod the prime order q of P-256 (spec/runtime.md §9.1), encoded as 32 big-endian
 * bytes. Immutable. A scalar is often a secret (a PSA key): toString is redacted and equality
 * compares encodings in constant time; the arithmetic itself runs on {@link BigInteger} and is not
 * constant-time.
 */
public final class P256Scalar {
  /** The encoded length in bytes. */
  public static final int LENGTH = BcP256.FIELD_LENGTH;

  /** Zero. */
  public static final P256Scalar ZERO = new P256Scalar(BigInteger.ZERO);
  /** One. */
  public static final P256Scalar ONE = new P256Scalar(BigInteger.ONE);

  private final BigInteger value;

  private P256Scalar(BigInteger value) {
    this.value = value;
  }

  /**
   * Decodes a scalar, refusing values that are not reduced.
   *
   * @param b 32 big-endian bytes
   * @return the scalar
   * @throws InvalidEncodingException MALFORMED for a wrong length, NOT_CANONICAL for a value
   *     &gt;= q
   */
  public static P256Scalar fromBytes(byte[] b) throws InvalidEncodingException {
    if (b.length != LENGTH) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.MALFORMED, "P-256 scalar must be 32 bytes");
    }
    BigInteger v = new BigInteger(1, b);
    if (v.compareTo(BcP256.Q) >= 0) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_CANONICAL, "P-256 scalar must be below q");
    }
    return new P256Scalar(v);
  }

  /**
   * Reduces any integer mod q.
   *
   * @param v the integer, negative allowed
   * @return v mod q
   */
  public static P256Scalar reduce(BigInteger v) {
    return new P256Scalar(Objects.requireNonNull(v, "v").mod(BcP256.Q));
  }

  /**
   * Reduces a long mod q (a reading or an offset, negative allowed).
   *
   * @param v the integer
   * @return v mod q
   */
  public static P256Scalar of(long v) {
    return reduce(BigInteger.valueOf(v));
  }

  /**
   * Draws a scalar uniformly from [1, q).
   *
   * @param random the injected random source
   * @return a non-zero scalar
   */
  public static P256Scalar randomNonZero(RandomSource random) {
    return new P256Scalar(random.uniform(BcP256.Q.subtract(BigInteger.ONE)).add(BigInteger.ONE));
  }

  /**
   * Returns this + other mod q.
   *
   * @param other the other scalar
   * @return the sum
   */
  public P256Scalar add(P256Scalar other) {
    return reduce(value.add(other.value));
  }

  /**
   * Returns this * other mod q.
   *
   * @param other the other scalar
   * @return the product
   */
  public P256Scalar multiply(P256Scalar other) {
    return reduce(value.multiply(other.value));
  }

  /**
   * Returns -this mod q.
   *
   * @return the negation
   */
  public P256Scalar negate() {
    return reduce(value.negate());
  }

  /**
   * Returns this^-1 mod q.
   *
   * @return the inverse
   * @throws ArithmeticException for zero, which has no inverse
   */
  public P256Scalar invert() {
    if (value.signum() == 0) {
      throw new ArithmeticException("zero has no inverse mod q");
    }
    return new P256Scalar(value.modInverse(BcP256.Q));
  }

  /**
   * Tells whether this is zero.
   *
   * @return true for 0 mod q
   */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /**
   * Returns the encoding.
   *
   * @return 32 fresh big-endian bytes
   */
  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    byte[] m = value.toByteArray();
    int n = Math.min(m.length, LENGTH);
    System.arraycopy(m, m.length - n, out, LENGTH - n, n);
    return out;
  }

  /**
   * Returns the value.
   *
   * @return an integer in [0, q)
   */
  public BigInteger toBigInteger() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof P256Scalar s && MessageDigest.isEqual(toBytes(), s.toBytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "P256Scalar[redacted]";
  }
}
