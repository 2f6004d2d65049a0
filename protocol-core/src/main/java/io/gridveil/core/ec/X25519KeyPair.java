// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.util.Objects;

/**
 * An X25519 key pair (RFC 7748): a token's key pair for one group epoch, or the supplier's reading
 * key (spec/auth.md §2.2, §6; spec/runtime.md §9.1). The private key is a secret: redacted
 * toString, no equals.
 */
public final class X25519KeyPair {
  private final X25519PrivateKey privateKey;

  private X25519KeyPair(X25519PrivateKey privateKey) {
    this.privateKey = privateKey;
  }

  /**
   * Draws a fresh key pair from the random source (32 uniform bytes, clamped by X25519 itself).
   *
   * @param random the injected random source
   * @return the key pair
   */
  public static X25519KeyPair generate(RandomSource random) {
    return new X25519KeyPair(X25519PrivateKey.generate(random));
  }

  /**
   * Wraps a 32-byte private key.
   *
   * @param privateKey the RFC 7748 scalar bytes
   * @return the key pair
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static X25519KeyPair fromPrivate(SecretBytes privateKey) {
    return new X25519KeyPair(X25519PrivateKey.fromScalar(privateKey));
  }

  /**
   * Pairs a private key with its public key.
   *
   * @param privateKey the private key
   * @return the key pair
   */
  public static X25519KeyPair of(X25519PrivateKey privateKey) {
    return new X25519KeyPair(Objects.requireNonNull(privateKey, "privateKey"));
  }

  /**
   * Returns the private key.
   *
   * @return the private key
   */
  public X25519PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Returns the public key.
   *
   * @return the public key
   */
  public X25519PublicKey publicKey() {
    return privateKey.publicKey();
  }

  /**
   * Computes the shared secret with a peer's public key (RFC 7748 §6.1), as
   * {@link X25519PrivateKey#agree}.
   *
   * @param peer the peer's public key
   * @return the 32-byte shared secret
   * @throws AuthenticationException AUTH-V-14 if the peer key is of small order (all-zero result)
   */
  public SecretBytes agree(X25519PublicKey peer) throws AuthenticationException {
    return privateKey.agree(peer);
  }

  @Override
  public String toString() {
    return "X25519KeyPair[redacted, public " + publicKey() + "]";
  }
}
