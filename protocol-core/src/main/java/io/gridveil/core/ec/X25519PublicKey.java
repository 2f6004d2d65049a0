// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.internal.bc.BcX25519;
import io.gridveil.core.secret.Wipe;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An X25519 public key (RFC 7748): a 32-byte little-endian u-coordinate (spec/auth.md §2.2,
 * spec/ddh.md §2.2). Public, so equality is over the bytes.
 *
 * <p>Two ways in: {@link #of} wraps any 32 bytes (auth.md's keys, whose small-order peers are
 * refused at agreement time, AUTH-V-14); {@link #fromBytes} validates per spec/ddh.md §2.2
 * (canonical, on the curve, not of small order), for keys that must be points of the curve.
 */
public final class X25519PublicKey {
  /** The encoded length in bytes. */
  public static final int LENGTH = BcX25519.LENGTH;

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger A = BigInteger.valueOf(486662);
  private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);
  private static final BigInteger MASK_64 =
      BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);
  // Any fixed scalar: RFC 7748 clamping makes it a multiple of the cofactor 8, so the product is
  // zero exactly for points of small order (spec/ddh.md §2.2 step 3).
  private static final byte[] PROBE = probe();

  private final byte[] bytes;

  private X25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps an encoded public key (any 32 bytes; small-order keys are refused at agreement time,
   * AUTH-V-14).
   *
   * @param encoded 32 bytes
   * @return the key
   * @throws IllegalArgumentException if the length is not 32
   */
  public static X25519PublicKey of(byte[] encoded) {
    if (encoded.length != LENGTH) {
      throw new IllegalArgumentException("X25519 public key must be 32 bytes");
    }
    return new X25519PublicKey(encoded.clone());
  }

  /**
   * Decodes and validates a public key from outside (spec/ddh.md §2.2, the checks in that order).
   *
   * @param u the 32-byte little-endian u-coordinate
   * @return the key
   * @throws InvalidEncodingException MALFORMED for a wrong length, NOT_CANONICAL if u &gt;= 2^255 -
   *     19, NOT_ON_CURVE if u is on the twist, SMALL_ORDER if the point has small order
   */
  public static X25519PublicKey fromBytes(byte[] u) throws InvalidEncodingException {
    if (u.length != LENGTH) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.MALFORMED, "X25519 public key must be 32 bytes");
    }
    byte[] copy = u.clone();
    BigInteger x = littleEndian(copy);
    if (x.compareTo(P) >= 0) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_CANONICAL, "X25519 public key is not a canonical u");
    }
    // Step 2: u^3 + A u^2 + u must be a square mod p (Euler's criterion), else u is on the twist.
    BigInteger rhs = x.multiply(x).multiply(x).add(A.multiply(x).multiply(x)).add(x).mod(P);
    if (rhs.signum() != 0 && !rhs.modPow(HALF, P).equals(BigInteger.ONE)) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_ON_CURVE, "X25519 public key is not on curve25519");
    }
    byte[] out = new byte[LENGTH];
    boolean nonZero = BcX25519.agree(PROBE, copy, out);
    Wipe.bytes(out);
    if (!nonZero) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.SMALL_ORDER, "X25519 public key has small order");
    }
    return new X25519PublicKey(copy);
  }

  static X25519PublicKey trusted(byte[] u) {
    return new X25519PublicKey(u);
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh copy of the 32 bytes
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  byte[] bytes() {
    return bytes;
  }

  /**
   * The integer a 32-byte little-endian string encodes. It reads four little-endian 64-bit words
   * rather than reversing the bytes in a loop: C2 in OpenJDK 17.0.15 miscompiled the reversing loop
   * ({@code be[i] = b[b.length - 1 - i]}) after the codec's fuzz inputs had warmed it up, so that
   * valid keys were refused as off the curve in a fraction of test runs; excluding the method from
   * compilation made the failure vanish. Keep this word-wise form.
   */
  private static BigInteger littleEndian(byte[] b) {
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    BigInteger x = BigInteger.ZERO;
    for (int word = LENGTH / Long.BYTES - 1; word >= 0; word--) {
      x = x.shiftLeft(Long.SIZE).or(BigInteger.valueOf(le.getLong(word * Long.BYTES)).and(MASK_64));
    }
    return x;
  }

  private static byte[] probe() {
    byte[] k = new byte[LENGTH];
    Arrays.fill(k, (byte) 0x5a);
    return k;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof X25519PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "X25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
