// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.random;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;

/**
 * The production random source: an SP 800-90A Hash_DRBG over SHA-512 (Bouncy Castle) seeded from
 * the platform's {@link SecureRandom}, with prediction resistance off and reseeding by the DRBG's
 * own counter (spec/core.md §3.1).
 *
 * <p>Thread-safe: the underlying DRBG serialises calls.
 */
public final class DrbgRandomSource implements RandomSource {
  private static final byte[] PERSONALIZATION =
      "gridveil-v1 core drbg".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom drbg;

  private DrbgRandomSource(SecureRandom drbg) {
    this.drbg = drbg;
  }

  /**
   * Creates a DRBG seeded from {@code new SecureRandom()}.
   *
   * @return a fresh production random source
   */
  public static DrbgRandomSource create() {
    return create(new SecureRandom());
  }

  /**
   * Creates a DRBG seeded from the given entropy source.
   *
   * @param entropy the platform entropy source used for the seed and reseeds
   * @return a fresh production random source
   */
  public static DrbgRandomSource create(SecureRandom entropy) {
    byte[] nonce = new byte[16];
    entropy.nextBytes(nonce);
    SecureRandom drbg =
        new SP800SecureRandomBuilder(entropy, false)
            .setPersonalizationString(PERSONALIZATION)
            .setSecurityStrength(256)
            .setEntropyBitsRequired(256)
            .buildHash(new SHA512Digest(), nonce, false);
    return new DrbgRandomSource(drbg);
  }

  @Override
  public void nextBytes(byte[] out) {
    drbg.nextBytes(out);
  }

  @Override
  public String toString() {
    return "DrbgRandomSource[SP800-90A Hash_DRBG SHA-512]";
  }
}
