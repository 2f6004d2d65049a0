// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage;

import io.gridveil.core.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A seeded random source for this module's tests: block t is SHA-256("leakage-test" || u64(seed)
 * || u64(t)). Independent of core's deterministic source so that these tests exercise only this
 * module.
 */
public final class Seeded implements RandomSource {
  private final MessageDigest sha;
  private final long seed;
  private long counter;
  private byte[] block = new byte[0];
  private int used;

  private Seeded(long seed) {
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.seed = seed;
  }

  /**
   * Returns the source for a seed.
   *
   * @param seed the seed
   * @return a fresh source
   */
  public static Seeded of(long seed) {
    return new Seeded(seed);
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      if (used == block.length) {
        sha.update("leakage-test".getBytes(StandardCharsets.US_ASCII));
        sha.update(u64(seed));
        sha.update(u64(counter++));
        block = sha.digest();
        used = 0;
      }
      out[i] = block[used++];
    }
  }

  private static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }
}
