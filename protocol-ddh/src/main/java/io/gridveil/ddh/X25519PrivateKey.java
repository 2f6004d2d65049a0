// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.ddh.internal.Curve25519;
import java.util.Objects;

/**
 * A long-term X25519 private key x of a meter or the supplier (spec/ddh.md §2.1). Secret: no
 * equals or hashCode over the scalar, redacted toString.
 */
public final class X25519PrivateKey {
  private final SecretBytes scalar;
  private final X25519PublicKey publicKey;

  private X25519PrivateKey(SecretBytes scalar) {
    this.scalar = scalar;
    this.publicKey = X25519PublicKey.trusted(Curve25519.publicKey(scalar));
  }

  /**
   * Draws a fresh private key: 32 bytes from the random source (RFC 7748 clamps on use).
   *
   * @param random the injected random source
   * @return the key
   */
  public static X25519PrivateKey generate(RandomSource random) {
    return fromScalar(SecretBytes.random(Curve25519.LENGTH, random));
  }

  /**
   * Wraps stored key material (deterministic core of {@link #generate}).
   *
   * @param scalar the 32-byte scalar
   * @return the key
   * @throws IllegalArgumentException if the scalar is not 32 bytes
   */
  public static X25519PrivateKey fromScalar(SecretBytes scalar) {
    Objects.requireNonNull(scalar, "scalar");
    if (scalar.length() != Curve25519.LENGTH) {
      throw new IllegalArgumentException("X25519 scalar must be 32 bytes");
    }
    return new X25519PrivateKey(scalar);
  }

  /**
   * Returns X = x * 9.
   *
   * @return the public key
   */
  public X25519PublicKey publicKey() {
    return publicKey;
  }

  SecretBytes agree(X25519PublicKey peer) throws DdhViolationException {
    return Curve25519.agree(scalar, peer.toBytes());
  }

  @Override
  public String toString() {
    return "X25519PrivateKey[redacted]";
  }
}
