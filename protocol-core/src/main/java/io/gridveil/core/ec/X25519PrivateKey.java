// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.auth.AuthChecks;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.internal.bc.BcX25519;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.util.Objects;

/**
 * An X25519 private key x (RFC 7748): 32 bytes, clamped on use (RFC 7748 §5), with its public key
 * x * 9 (spec/runtime.md §9.1; a meter's or supplier's key of spec/ddh.md §2.1, a token's or the
 * supplier's reading key of spec/auth.md §2.2). Secret: no equals or hashCode over the scalar,
 * redacted toString.
 */
public final class X25519PrivateKey {
  /** The length of the scalar in bytes. */
  public static final int LENGTH = BcX25519.LENGTH;

  private final SecretBytes scalar;
  private final X25519PublicKey publicKey;

  private X25519PrivateKey(SecretBytes scalar) {
    this.scalar = scalar;
    byte[] k = scalar.toByteArray(SecretAccess.grant());
    try {
      this.publicKey = X25519PublicKey.trusted(BcX25519.publicKey(k));
    } finally {
      Wipe.bytes(k);
    }
  }

  /**
   * Draws a fresh private key: 32 uniform bytes from the random source (clamped on use).
   *
   * @param random the injected random source
   * @return the key
   */
  public static X25519PrivateKey generate(RandomSource random) {
    return new X25519PrivateKey(SecretBytes.random(LENGTH, random));
  }

  /**
   * Wraps stored key material (the deterministic core of {@link #generate}).
   *
   * @param scalar the 32-byte scalar, unclamped or clamped
   * @return the key
   * @throws IllegalArgumentException if the scalar is not 32 bytes
   */
  public static X25519PrivateKey fromScalar(SecretBytes scalar) {
    Objects.requireNonNull(scalar, "scalar");
    if (scalar.length() != LENGTH) {
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

  /**
   * Computes X25519(x, U) (RFC 7748 §6.1), refusing an all-zero result: the one rule "an X25519
   * agreement is not all zero" (spec/runtime.md §9.3, spec/auth.md §2.2, spec/ddh.md §2.1).
   *
   * @param peer the peer's public key U
   * @return the 32-byte shared secret
   * @throws AuthenticationException AUTH-V-14 if the shared secret is all zero (U of small order)
   */
  public SecretBytes agree(X25519PublicKey peer) throws AuthenticationException {
    Objects.requireNonNull(peer, "peer");
    byte[] k = scalar.toByteArray(SecretAccess.grant());
    byte[] out = new byte[LENGTH];
    try {
      if (!BcX25519.agree(k, peer.bytes(), out)) {
        throw new AuthenticationException(
            AuthChecks.AUTH_V_14, "peer X25519 key yields the all-zero shared secret");
      }
      return SecretBytes.copyOf(out);
    } finally {
      Wipe.bytes(k);
      Wipe.bytes(out);
    }
  }

  @Override
  public String toString() {
    return "X25519PrivateKey[redacted]";
  }
}
