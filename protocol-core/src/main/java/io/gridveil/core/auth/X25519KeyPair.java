// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 key pair (RFC 7748): a token's key pair for one group epoch, or the supplier's reading
 * key (spec/auth.md §2.2, §6). The private scalar is a secret: redacted toString, no equals.
 */
public final class X25519KeyPair {
  private final SecretBytes privateKey;
  private final X25519PublicKey publicKey;

  private X25519KeyPair(SecretBytes privateKey) {
    this.privateKey = privateKey;
    byte[] raw = privateKey.toByteArray(SecretAccess.grant());
    byte[] pk = new byte[X25519.POINT_SIZE];
    try {
      X25519.scalarMultBase(raw, 0, pk, 0);
    } finally {
      Wipe.bytes(raw);
    }
    this.publicKey = X25519PublicKey.of(pk);
  }

  /**
   * Draws a fresh key pair from the random source (32 uniform bytes, clamped by X25519 itself).
   *
   * @param random the injected random source
   * @return the key pair
   */
  public static X25519KeyPair generate(RandomSource random) {
    return new X25519KeyPair(SecretBytes.random(X25519.SCALAR_SIZE, random));
  }

  /**
   * Wraps a 32-byte private key.
   *
   * @param privateKey the RFC 7748 scalar bytes
   * @return the key pair
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static X25519KeyPair fromPrivate(SecretBytes privateKey) {
    if (privateKey.length() != X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException("X25519 private key must be 32 bytes");
    }
    return new X25519KeyPair(privateKey);
  }

  /**
   * Returns the public key.
   *
   * @return the public key
   */
  public X25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Computes the shared secret with a peer's public key (RFC 7748 §6.1).
   *
   * @param peer the peer's public key
   * @return the 32-byte shared secret
   * @throws AuthenticationException AUTH-V-14 if the peer key is of small order (all-zero result)
   */
  public SecretBytes agree(X25519PublicKey peer) throws AuthenticationException {
    byte[] raw = privateKey.toByteArray(SecretAccess.grant());
    byte[] shared = new byte[X25519.POINT_SIZE];
    try {
      if (!X25519.calculateAgreement(raw, 0, peer.toBytes(), 0, shared, 0)) {
        throw new AuthenticationException(
            AuthChecks.AUTH_V_14, "peer X25519 key yields the all-zero shared secret");
      }
      return SecretBytes.copyOf(shared);
    } finally {
      Wipe.bytes(raw);
      Wipe.bytes(shared);
    }
  }

  @Override
  public String toString() {
    return "X25519KeyPair[redacted, public " + publicKey + "]";
  }
}
