// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.ddh.internal.Ed25519Signatures;
import java.util.Objects;

/**
 * The supplier's Ed25519 signing key for rosters (spec/ddh.md §2.3). Secret: redacted toString, no
 * equals over the seed.
 */
public final class RosterSigningKey {
  private final SecretBytes seed;
  private final RosterVerificationKey verificationKey;

  private RosterSigningKey(SecretBytes seed) {
    this.seed = seed;
    this.verificationKey = RosterVerificationKey.fromBytes(Ed25519Signatures.publicKey(seed));
  }

  /**
   * Draws a fresh signing key.
   *
   * @param random the injected random source
   * @return the key
   */
  public static RosterSigningKey generate(RandomSource random) {
    return fromSeed(SecretBytes.random(Ed25519Signatures.KEY_LENGTH, random));
  }

  /**
   * Wraps a stored 32-byte Ed25519 seed (deterministic core of {@link #generate}).
   *
   * @param seed the RFC 8032 private key
   * @return the key
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public static RosterSigningKey fromSeed(SecretBytes seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length() != Ed25519Signatures.KEY_LENGTH) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    return new RosterSigningKey(seed);
  }

  /**
   * Returns the matching public key, to provision into meters and the aggregator.
   *
   * @return the verification key
   */
  public RosterVerificationKey verificationKey() {
    return verificationKey;
  }

  byte[] sign(byte[] message) {
    return Ed25519Signatures.sign(seed, message);
  }

  @Override
  public String toString() {
    return "RosterSigningKey[redacted]";
  }
}
