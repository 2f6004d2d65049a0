// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import io.gridveil.ddh.internal.P256;
import java.math.BigInteger;
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
      if (new BigInteger(1, raw).compareTo(P256.Q) >= 0) {
        throw new IllegalArgumentException("PSA scalar must be below q");
      }
    } finally {
      Wipe.bytes(raw);
    }
    return new PsaSecretKey(scalar);
  }

  static PsaSecretKey of(BigInteger v) {
    byte[] b = new byte[LENGTH];
    byte[] m = v.toByteArray();
    int n = Math.min(m.length, LENGTH);
    System.arraycopy(m, m.length - n, b, LENGTH - n, n);
    try {
      return new PsaSecretKey(SecretBytes.copyOf(b));
    } finally {
      Wipe.bytes(b);
    }
  }

  BigInteger value() {
    byte[] raw = scalar.toByteArray(SecretAccess.grant());
    try {
      return new BigInteger(1, raw);
    } finally {
      Wipe.bytes(raw);
    }
  }

  @Override
  public String toString() {
    return "PsaSecretKey[redacted]";
  }
}
