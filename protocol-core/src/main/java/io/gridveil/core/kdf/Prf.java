// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The pseudorandom function F of spec/core.md §6: AES-128 (the JDK provider, AES-NI where the CPU
 * has it) on structured counter blocks, mapped without bias onto Z_{2^b} or Z_N.
 *
 * <p>Block(x, c) = BE64(x) || BE64(c). Onto Z_{2^b}: the top b bits of the first 8 bytes of
 * AES_k(Block(x, 0)) (§6.2). Onto Z_N: rejection sampling over the stream AES_k(Block(x, 1)) ||
 * AES_k(Block(x, 2)) || ... (§6.3). AES is a pseudorandom permutation; truncating its output to
 * at most 64 bits and using each input once per key keeps it a PRF up to the birthday bound on
 * 2^64 queries per key, far beyond any deployment.
 *
 * <p>Thread-safe: each thread keeps its own keyed cipher.
 */
public final class Prf {
  /** The key length in bytes (AES-128). */
  public static final int KEY_LENGTH = 16;

  private static final int BLOCK = 16;
  private static final int BATCH_BLOCKS = 1024;

  private final SecretBytes key;
  // One keyed cipher per PRF key and thread: a PRF lives as long as its key, and a static map
  // would keep key schedules of dead keys alive.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable Cipher> cipher = new ThreadLocal<>();

  private Prf(SecretBytes key) {
    this.key = key;
  }

  /**
   * Keys the PRF.
   *
   * @param key exactly 16 bytes
   * @return the PRF F_key
   * @throws IllegalArgumentException if the key is not 16 bytes
   */
  public static Prf of(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.length() != KEY_LENGTH) {
      throw new IllegalArgumentException("PRF key must be 16 bytes");
    }
    return new Prf(key);
  }

  /**
   * Derives a PRF key with {@link Hkdf#derive} and keys the PRF (spec/core.md §5.1).
   *
   * @param ikm the input keying material
   * @param label the label of the key's purpose
   * @param context what the key is bound to
   * @return the PRF
   */
  public static Prf derive(SecretBytes ikm, Label label, byte[] context) {
    return new Prf(Hkdf.derive(ikm, label, context, KEY_LENGTH));
  }

  /**
   * F_k(x) onto Z_{2^b} (spec/core.md §6.2).
   *
   * @param x the input, for example a round index j
   * @param bits b, from 1 to 64
   * @return a value in [0, 2^b); for b = 64 any long
   * @throws IllegalArgumentException if bits is out of range
   */
  public long evaluateBits(long x, int bits) {
    checkBits(bits);
    byte[] in = new byte[BLOCK];
    putLong(in, 0, x);
    byte[] out = encrypt(in, BLOCK);
    long v = getLong(out, 0);
    Wipe.bytes(out);
    return v >>> (64 - bits);
  }

  /**
   * F_k(x0 + i) onto Z_{2^b} for i = 0 .. out.length - 1, in batches of AES blocks (spec/core.md
   * §6.2); the same values as {@link #evaluateBits(long, int)} one by one.
   *
   * @param x0 the first input
   * @param bits b, from 1 to 64
   * @param out receives the outputs
   * @throws IllegalArgumentException if bits is out of range
   */
  public void evaluateBits(long x0, int bits, long[] out) {
    checkBits(bits);
    int shift = 64 - bits;
    byte[] in = new byte[Math.min(out.length, BATCH_BLOCKS) * BLOCK];
    for (int start = 0; start < out.length; start += BATCH_BLOCKS) {
      int n = Math.min(BATCH_BLOCKS, out.length - start);
      for (int i = 0; i < n; i++) {
        putLong(in, i * BLOCK, x0 + start + i);
      }
      byte[] ks = encrypt(in, n * BLOCK);
      for (int i = 0; i < n; i++) {
        out[start + i] = getLong(ks, i * BLOCK) >>> shift;
      }
      Wipe.bytes(ks);
    }
  }

  /**
   * F_k(x) onto Z_N, unbiased by rejection sampling (spec/core.md §6.3).
   *
   * @param x the input
   * @param n the modulus N, at least 2
   * @return a value in [0, N)
   * @throws IllegalArgumentException if N &lt; 2
   */
  public BigInteger evaluateMod(long x, BigInteger n) {
    if (n.compareTo(BigInteger.TWO) < 0) {
      throw new IllegalArgumentException("N must be at least 2");
    }
    int bits = n.subtract(BigInteger.ONE).bitLength();
    int len = (bits + 7) / 8;
    int excess = len * 8 - bits;
    byte[] candidate = new byte[len];
    byte[] stream = new byte[0];
    int pos = 0;
    long counter = 1;
    try {
      while (true) {
        for (int i = 0; i < len; i++) {
          if (pos == stream.length) {
            Wipe.bytes(stream);
            stream = streamBlocks(x, counter, Math.max(1, (len - i + BLOCK - 1) / BLOCK));
            counter += stream.length / BLOCK;
            pos = 0;
          }
          candidate[i] = stream[pos++];
        }
        candidate[0] &= (byte) (0xff >>> excess);
        BigInteger v = new BigInteger(1, candidate);
        if (v.compareTo(n) < 0) {
          return v;
        }
      }
    } finally {
      Wipe.bytes(candidate);
      Wipe.bytes(stream);
    }
  }

  @Override
  public String toString() {
    return "Prf[AES-128, key redacted]";
  }

  private byte[] streamBlocks(long x, long firstCounter, int blocks) {
    byte[] in = new byte[blocks * BLOCK];
    for (int i = 0; i < blocks; i++) {
      putLong(in, i * BLOCK, x);
      putLong(in, i * BLOCK + 8, firstCounter + i);
    }
    return encrypt(in, in.length);
  }

  private byte[] encrypt(byte[] in, int length) {
    byte[] out = new byte[length];
    try {
      Cipher c = cipher.get();
      if (c == null) {
        c = newCipher();
        cipher.set(c);
      }
      int n = c.update(in, 0, length, out, 0);
      if (n != length) {
        throw new ProtocolBugException("AES/ECB returned a short block sequence");
      }
      return out;
    } catch (ShortBufferException e) {
      throw new ProtocolBugException("output buffer sized to the input", e);
    }
  }

  private Cipher newCipher() {
    byte[] raw = key.toByteArray(SecretAccess.grant());
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"));
      return c;
    } catch (GeneralSecurityException e) {
      throw new ProtocolBugException("AES/ECB/NoPadding is required of every Java platform", e);
    } finally {
      Wipe.bytes(raw);
    }
  }

  private static void checkBits(int bits) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [1, 64]");
    }
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  private static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }
}
