// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * P-256 (secp256r1) through Bouncy Castle's custom curve for PSA (spec/ddh.md §7): generator,
 * order, SEC1 compressed encoding and the try-and-increment hash to the curve of §7.2.
 */
public final class P256 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
  /** The curve. */
  public static final ECCurve CURVE = PARAMS.getCurve();
  /** The generator g. */
  public static final ECPoint G = PARAMS.getG().normalize();
  /** The prime group order q. */
  public static final BigInteger Q = PARAMS.getN();
  /** The field prime p. */
  public static final BigInteger P = CURVE.getField().getCharacteristic();
  /** The length of a compressed point. */
  public static final int ENCODED_LENGTH = 33;

  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();
  private static final byte[] H2C_LABEL = "gridveil-v1 psa hash-to-curve".getBytes(StandardCharsets.US_ASCII);

  private P256() {}

  /**
   * Returns e * g with the fixed-base comb.
   *
   * @param e the exponent, reduced mod q by the caller or not
   * @return the point
   */
  public static ECPoint multiplyG(BigInteger e) {
    return COMB.multiply(G, e.mod(Q)).normalize();
  }

  /**
   * The outcome of decoding: a point, or why the encoding is refused.
   */
  public enum DecodeError {
    /** Wrong length or prefix. */
    ENCODING,
    /** x not below p or not on the curve. */
    NOT_ON_CURVE,
    /** The identity. */
    IDENTITY
  }

  /**
   * Decodes a SEC1 compressed point (spec/ddh.md §7.5).
   *
   * @param b the bytes
   * @return the point, or null (then {@link #decodeError} says why)
   */
  public static @Nullable ECPoint decode(byte[] b) {
    return decodeError(b) == null ? decodeUnchecked(b) : null;
  }

  /**
   * Tells why an encoding is refused.
   *
   * @param b the bytes
   * @return null if the encoding is a valid non-identity point
   */
  public static @Nullable DecodeError decodeError(byte[] b) {
    if (b.length == ENCODED_LENGTH && allZero(b)) {
      return DecodeError.IDENTITY;
    }
    if (b.length != ENCODED_LENGTH || (b[0] != 2 && b[0] != 3)) {
      return DecodeError.ENCODING;
    }
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1, ENCODED_LENGTH));
    if (x.compareTo(P) >= 0 || sqrtRhs(x) == null) {
      return DecodeError.NOT_ON_CURVE;
    }
    return null;
  }

  private static ECPoint decodeUnchecked(byte[] b) {
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1, ENCODED_LENGTH));
    ECFieldElement y = sqrtRhs(x);
    if (y == null) {
      throw new IllegalStateException("decodeUnchecked called on an invalid encoding");
    }
    boolean odd = y.testBitZero();
    if (odd != (b[0] == 3)) {
      y = y.negate();
    }
    return CURVE.createPoint(x, y.toBigInteger());
  }

  /**
   * Encodes a non-identity point as SEC1 compressed (33 bytes).
   *
   * @param p the point
   * @return the encoding; 33 zero bytes for the identity
   */
  public static byte[] encode(ECPoint p) {
    if (p.isInfinity()) {
      return new byte[ENCODED_LENGTH];
    }
    return p.normalize().getEncoded(true);
  }

  /**
   * H(j): try-and-increment onto P-256 (spec/ddh.md §7.2).
   *
   * @param group the group ID's ASCII bytes
   * @param j the round
   * @return a point of the group, never the identity
   */
  public static ECPoint hashToCurve(byte[] group, long j) {
    MessageDigest sha = sha512();
    for (int ctr = 0; ctr < 256; ctr++) {
      sha.update((byte) (H2C_LABEL.length >>> 8));
      sha.update((byte) H2C_LABEL.length);
      sha.update(H2C_LABEL);
      sha.update((byte) group.length);
      sha.update(group);
      for (int k = 7; k >= 0; k--) {
        sha.update((byte) (j >>> (8 * k)));
      }
      sha.update((byte) ctr);
      byte[] d = sha.digest();
      BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(d, 0, 32));
      if (x.compareTo(P) >= 0) {
        continue;
      }
      ECFieldElement y = sqrtRhs(x);
      if (y == null) {
        continue;
      }
      if (y.testBitZero() != ((d[32] & 1) == 1)) {
        y = y.negate();
      }
      return CURVE.createPoint(x, y.toBigInteger());
    }
    throw new IllegalStateException("no point after 256 tries (probability 2^-256)");
  }

  private static @Nullable ECFieldElement sqrtRhs(BigInteger x) {
    ECFieldElement fx = CURVE.fromBigInteger(x);
    ECFieldElement rhs = fx.square().add(CURVE.getA()).multiply(fx).add(CURVE.getB());
    return rhs.sqrt();
  }

  private static boolean allZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every Java platform", e);
    }
  }
}
