// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import io.gridveil.core.ec.InvalidEncodingException;
import io.gridveil.core.ec.P256Scalar;
import java.util.Objects;

/**
 * A PSA secret key sk_i in Z_q (spec/ddh.md §7.1), a meter's or the aggregator's sk_0. Secret:
 * redacted toString, no equals over the scalar.
 */
public final class PsaSecretKey {
  /** The encoded length in bytes. */
  public static final int LENGTH = 32;

  private final SecretBytes scalar;

  private PsaSecretKey(SecretBytes scalar) {
    this.scalar = scalar;
  }

  /**
   * Wraps a stored scalar.
   *
   * @param scalar 32 big-endian bytes, a value below q
   * @return the key
   * @throws IllegalArgumentException if the length is wrong or the value is not below q
   */
  public static PsaSecretKey fromScalar(SecretBytes scalar) {
    Objects.requireNonNull(scalar, "scalar");
    if (scalar.length() != LENGTH) {
      throw new IllegalArgumentException("PSA scalar must be 32 bytes");
    }
    byte[] raw = scalar.toByteArray(SecretAccess.grant());
    try {
      P256Scalar.fromBytes(raw);
    } catch (InvalidEncodingException e) {
      throw new IllegalArgumentException("PSA scalar must be below q", e);
    } finally {
      Wipe.bytes(raw);
    }
    return new PsaSecretKey(scalar);
  }

  static PsaSecretKey of(P256Scalar v) {
    byte[] b = v.toBytes();
    try {
      return new PsaSecretKey(SecretBytes.copyOf(b));
    } finally {
      Wipe.bytes(b);
    }
  }

  /** Returns the stored scalar, for the vault (spec/runtime.md §5.4). */
  SecretBytes scalar() {
    return scalar;
  }

  P256Scalar value() {
    byte[] raw = scalar.toByteArray(SecretAccess.grant());
    try {
      return P256Scalar.fromBytes(raw);
    } catch (InvalidEncodingException e) {
      throw new IllegalStateException("a PSA key is below q by construction", e);
    } finally {
      Wipe.bytes(raw);
    }
  }

  @Override
  public String toString() {
    return "PsaSecretKey[redacted]";
  }
}
