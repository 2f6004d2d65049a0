// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.random;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A seeded, reproducible random source for tests, test vectors and the simulator (spec/core.md
 * §3.5): the AES-128-CTR keystream under key HKDF(seed, "gridveil-v1 core deterministic-random")
 * with an all-zero initial counter block.
 *
 * <p>Never use it where secrecy matters: anyone with the seed predicts every output. Not
 * thread-safe.
 */
public final class DeterministicRandomSource implements RandomSource {
  private static final byte[] ZERO_BLOCK = new byte[16];

  private final Cipher ctr;

  private DeterministicRandomSource(Cipher ctr) {
    this.ctr = ctr;
  }

  /**
   * Creates the source for a seed.
   *
   * @param seed the seed bytes (any length, including empty)
   * @return a source whose outputs depend only on the seed
   */
  public static DeterministicRandomSource fromSeed(byte[] seed) {
    SecretBytes key =
        Hkdf.derive(SecretBytes.copyOf(seed), Label.CORE_DETERMINISTIC_RANDOM, new byte[0], 16);
    byte[] raw = key.toByteArray(SecretAccess.grant());
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"), new IvParameterSpec(ZERO_BLOCK));
      return new DeterministicRandomSource(c);
    } catch (GeneralSecurityException e) {
      throw new ProtocolBugException("AES/CTR/NoPadding is required of every Java platform", e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Creates the source for a 64-bit seed, encoded as 8 big-endian bytes.
   *
   * @param seed the seed
   * @return a source whose outputs depend only on the seed
   */
  public static DeterministicRandomSource fromSeed(long seed) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (seed >>> (56 - 8 * i));
    }
    return fromSeed(b);
  }

  @Override
  public void nextBytes(byte[] out) {
    if (out.length == 0) {
      return;
    }
    byte[] keystream = ctr.update(new byte[out.length]);
    if (keystream == null || keystream.length != out.length) {
      throw new ProtocolBugException("CTR mode returned a short keystream");
    }
    System.arraycopy(keystream, 0, out, 0, out.length);
  }

  @Override
  public String toString() {
    return "DeterministicRandomSource[AES-128-CTR]";
  }
}
