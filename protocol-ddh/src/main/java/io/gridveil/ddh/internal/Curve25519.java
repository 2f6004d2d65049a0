// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import io.gridveil.ddh.DdhChecks;
import io.gridveil.ddh.DdhViolationException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 (RFC 7748) through Bouncy Castle, with the public-key validation of spec/ddh.md §2.2 and
 * the contributory check of spec/ddh.md §2.1.
 */
public final class Curve25519 {
  /** The length of a scalar and of a u-coordinate, in bytes. */
  public static final int LENGTH = 32;

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger A = BigInteger.valueOf(486662);
  private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);
  private static final BigInteger MASK_64 =
      BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);
  // Any fixed scalar: RFC 7748 clamping makes it a multiple of the cofactor 8, so the product is
  // zero exactly for points of small order (spec/ddh.md §2.2 step 3).
  private static final byte[] PROBE = probe();

  private Curve25519() {}

  /**
   * Validates a public key (spec/ddh.md §2.2): canonical, on the curve, not of small order.
   *
   * @param u the 32-byte little-endian u-coordinate
   * @throws DdhViolationException DDH-E-01 if u &gt;= 2^255 - 19 or the length is wrong, DDH-V-01
   *     if u is on the twist, DDH-V-02 if the point has small order
   */
  public static void validatePublicKey(byte[] u) throws DdhViolationException {
    if (u.length != LENGTH) {
      throw new DdhViolationException(DdhChecks.DDH_E_01, "public key must be 32 bytes");
    }
    BigInteger x = littleEndian(u);
    if (x.compareTo(P) >= 0) {
      throw new DdhViolationException(DdhChecks.DDH_E_01, "public key is not a canonical u");
    }
    // §2.2 step 2: u^3 + A u^2 + u must be a square mod p (Euler's criterion), else u is on the twist.
    BigInteger rhs = x.multiply(x).multiply(x).add(A.multiply(x).multiply(x)).add(x).mod(P);
    if (rhs.signum() != 0 && !rhs.modPow(HALF, P).equals(BigInteger.ONE)) {
      throw new DdhViolationException(DdhChecks.DDH_V_01, "public key is not on curve25519");
    }
    byte[] out = new byte[LENGTH];
    boolean nonZero = X25519.calculateAgreement(PROBE, 0, u, 0, out, 0);
    Wipe.bytes(out);
    if (!nonZero) {
      throw new DdhViolationException(DdhChecks.DDH_V_02, "public key has small order");
    }
  }

  /**
   * Computes the public key X = x * 9 of a private scalar.
   *
   * @param scalar the 32-byte private key
   * @return the u-coordinate
   */
  public static byte[] publicKey(SecretBytes scalar) {
    byte[] k = scalar.toByteArray(SecretAccess.grant());
    try {
      byte[] u = new byte[LENGTH];
      X25519.generatePublicKey(k, 0, u, 0);
      return u;
    } finally {
      Wipe.bytes(k);
    }
  }

  /**
   * X25519(x, U), refusing an all-zero result (spec/ddh.md §2.1).
   *
   * @param scalar the private key x
   * @param u the peer's public key U
   * @return the 32-byte shared secret
   * @throws DdhViolationException DDH-V-12 if the shared secret is all zero (U of small order)
   */
  public static SecretBytes agree(SecretBytes scalar, byte[] u) throws DdhViolationException {
    if (u.length != LENGTH) {
      throw new IllegalArgumentException("public key must be 32 bytes");
    }
    byte[] k = scalar.toByteArray(SecretAccess.grant());
    byte[] out = new byte[LENGTH];
    try {
      if (!X25519.calculateAgreement(k, 0, u, 0, out, 0)) {
        throw new DdhViolationException(DdhChecks.DDH_V_12, "X25519 shared secret is all zero");
      }
      return SecretBytes.copyOf(out);
    } finally {
      Wipe.bytes(k);
      Wipe.bytes(out);
    }
  }

  /**
   * The integer a 32-byte little-endian string encodes. It reads four little-endian 64-bit words
   * rather than reversing the bytes in a loop: C2 in OpenJDK 17.0.15 miscompiled the reversing loop
   * ({@code be[i] = b[b.length - 1 - i]}) after the codec's fuzz inputs had warmed it up, so that
   * valid keys were refused as off the curve in a fraction of test runs; excluding the method from
   * compilation made the failure vanish.
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
    java.util.Arrays.fill(k, (byte) 0x5a);
    return k;
  }
}
