// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.ec.InvalidEncodingException;
import io.gridveil.core.ec.P256Point;
import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A PSA ciphertext c_ij = g^e_ij * H(j)^sk_i, a P-256 point in SEC1 compressed form (spec/ddh.md
 * §7.3, §7.5). Public.
 */
public final class PsaCiphertext {
  /** The encoded length in bytes. */
  public static final int LENGTH = P256Point.COMPRESSED_LENGTH;

  private final byte[] encoded;
  private final P256Point point;

  private PsaCiphertext(byte[] encoded, P256Point point) {
    this.encoded = encoded;
    this.point = point;
  }

  /**
   * Decodes and validates a point from outside (spec/ddh.md §7.5).
   *
   * @param b 33 bytes
   * @return the ciphertext
   * @throws PsaViolationException PSA-E-01 for a wrong length or prefix, PSA-V-01 if not on the
   *     curve, PSA-V-02 for the identity
   */
  public static PsaCiphertext fromBytes(byte[] b) throws PsaViolationException {
    if (b.length != LENGTH) {
      throw new PsaViolationException(PsaChecks.PSA_E_01, "ciphertext is not a compressed point");
    }
    P256Point p;
    try {
      p = P256Point.decode(b);
    } catch (InvalidEncodingException e) {
      throw switch (e.reason()) {
        case IDENTITY -> new PsaViolationException(PsaChecks.PSA_V_02, "ciphertext is the identity");
        case MALFORMED ->
            new PsaViolationException(PsaChecks.PSA_E_01, "ciphertext is not a compressed point");
        default -> new PsaViolationException(PsaChecks.PSA_V_01, "ciphertext is not on P-256");
      };
    }
    return new PsaCiphertext(b.clone(), p);
  }

  static PsaCiphertext of(P256Point p) {
    return new PsaCiphertext(p.toCompressed(), p);
  }

  P256Point point() {
    return point;
  }

  /**
   * Tells whether this is the identity, which only an honest computation can produce (never a
   * decoded ciphertext).
   *
   * @return true for the point at infinity
   */
  public boolean isIdentity() {
    return point.isIdentity();
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh copy of the 33 bytes
   */
  public byte[] toBytes() {
    return encoded.clone();
  }

  // The nullness annotation is compile-time only (requires static); callers need not see it.
  @SuppressWarnings("exports")
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PsaCiphertext c && Arrays.equals(encoded, c.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "PsaCiphertext[" + HexFormat.of().formatHex(encoded, 0, 5) + "...]";
  }
}
