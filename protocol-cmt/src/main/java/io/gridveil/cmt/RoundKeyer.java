// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One meter's key material for one epoch: k_i1 and the delta PRF F_(d_i) (spec/cmt.md §2.4 -
 * §2.6), with a reused AES instance so that a round costs one AES block plus three additions.
 *
 * <p>F is core's PRF of spec/core.md §6.2 (δ_ij = top_b(AES_(d_i)(BE64(j) || BE64(0)))),
 * computed here with a dedicated cipher and buffers for speed; the known-answer tests check it
 * against the vectors. Not thread-safe: one instance per meter and thread. Holds secrets: no
 * equals, redacted toString.
 */
public final class RoundKeyer {
  private static final int BLOCK = 16;

  private final long keyShare;
  private final int bits;
  private final long mask;
  private final Cipher aes;
  private final byte[] in = new byte[BLOCK];
  private final byte[] out = new byte[BLOCK];

  private RoundKeyer(long keyShare, Cipher aes, int bits) {
    this.keyShare = keyShare;
    this.aes = aes;
    this.bits = bits;
    this.mask = bits == 64 ? -1L : (1L << bits) - 1;
  }

  /**
   * Builds a generator from explicit material (known-answer tests, benchmarks).
   *
   * @param keyShare k_i1, in [0, 2^b)
   * @param deltaKey d_i, 16 bytes
   * @param bits b, from 2 to 64
   * @return the generator
   * @throws IllegalArgumentException if b, the key length or k_i1 is out of range
   */
  public static RoundKeyer of(long keyShare, SecretBytes deltaKey, int bits) {
    if (bits < 2 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [2, 64]");
    }
    if (bits < 64 && (keyShare >>> bits) != 0) {
      throw new IllegalArgumentException("key share must be below 2^b");
    }
    if (deltaKey.length() != BLOCK) {
      throw new IllegalArgumentException("delta key must be 16 bytes");
    }
    byte[] raw = deltaKey.toByteArray(SecretAccess.grant());
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"));
      return new RoundKeyer(keyShare, c, bits);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB/NoPadding is required of every Java platform", e);
    } finally {
      Wipe.bytes(raw);
    }
  }

  /**
   * Returns k_i1, for the LC's key share message (spec/cmt.md §3.4 step 1).
   *
   * @return k_i1
   */
  public long keyShare() {
    return keyShare;
  }

  /**
   * δ_ij = F_(d_i)(j) onto Z_(2^b) (spec/cmt.md §2.5).
   *
   * @param round j
   * @return δ_ij
   */
  public long delta(long round) {
    for (int i = 0; i < 8; i++) {
      in[i] = (byte) (round >>> (56 - 8 * i));
    }
    try {
      aes.update(in, 0, BLOCK, out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("output buffer is one block", e);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (out[i] & 0xff);
    }
    return v >>> (64 - bits);
  }

  /**
   * k_ij from this meter's delta and the predecessor's (spec/cmt.md §2.6).
   *
   * @param delta δ_ij
   * @param predecessorDelta δ_(i-1)j
   * @return k_ij
   */
  public long roundKey(long delta, long predecessorDelta) {
    return CmtScheme.roundKey(keyShare, delta, predecessorDelta, mask);
  }

  /**
   * c_ij = e_ij + k_ij with k_ij from explicit deltas (spec/cmt.md §2.1, §2.6).
   *
   * @param reading e_ij, admissible
   * @param delta δ_ij
   * @param predecessorDelta δ_(i-1)j
   * @return c_ij
   */
  public long encryptWith(long reading, long delta, long predecessorDelta) {
    return (reading + keyShare - delta + predecessorDelta) & mask;
  }

  /**
   * A meter's whole per-round work: δ_ij, k_ij and c_ij (spec/cmt.md §3.6 steps 2 and 4); the
   * operation the "encryption including the round-key update" benchmark measures.
   *
   * @param round j
   * @param reading e_ij, admissible
   * @param predecessorDelta δ_(i-1)j
   * @return c_ij
   */
  public long encrypt(long round, long reading, long predecessorDelta) {
    return encryptWith(reading, delta(round), predecessorDelta);
  }

  @Override
  public String toString() {
    return "RoundKeyer[redacted, b=" + bits + "]";
  }
}
