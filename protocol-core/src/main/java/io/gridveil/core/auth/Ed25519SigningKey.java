// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (the 32-byte seed of RFC 8032 §5.1.5) with its public key; a secret
 * type: redacted toString, no equals over the seed (spec/auth.md §2.1). It is the software
 * {@link SigningKeyHandle} (spec/runtime.md §5.2 item 2).
 */
public final class Ed25519SigningKey implements SigningKeyHandle {
  private final SecretBytes seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519SigningKey(SecretBytes seed) {
    this.seed = seed;
    byte[] raw = seed.toByteArray(SecretAccess.grant());
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    try {
      Ed25519.generatePublicKey(raw, 0, pk, 0);
    } finally {
      Wipe.bytes(raw);
    }
    this.publicKey = Ed25519PublicKey.of(pk);
  }

  /**
   * Draws a fresh key from the random source.
   *
   * @param random the injected random source
   * @return the key
   */
  public static Ed25519SigningKey generate(RandomSource random) {
    return new Ed25519SigningKey(SecretBytes.random(Ed25519.SECRET_KEY_SIZE, random));
  }

  /**
   * Wraps a 32-byte seed.
   *
   * @param seed the RFC 8032 private key
   * @return the key
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public static Ed25519SigningKey fromSeed(SecretBytes seed) {
    if (seed.length() != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    return new Ed25519SigningKey(seed);
  }

  /**
   * Returns the public key.
   *
   * @return the public key
   */
  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Signs a message (RFC 8032 §5.1.6, deterministic).
   *
   * @param message the bytes to sign
   * @return the 64-byte signature
   */
  @Override
  public byte[] sign(byte[] message) {
    byte[] raw = seed.toByteArray(SecretAccess.grant());
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    try {
      Ed25519.sign(raw, 0, message, 0, message.length, sig, 0);
    } finally {
      Wipe.bytes(raw);
    }
    return sig;
  }

  @Override
  public String toString() {
    return "Ed25519SigningKey[redacted, public " + publicKey.keyId() + "]";
  }
}
