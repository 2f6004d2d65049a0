// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The AES-128 baselines of the CMT and DDH targets: one block through the JDK provider (Cipher
 * AES/ECB/NoPadding, a reused keyed instance, 16 bytes per call), and 3,000,000 blocks, both as
 * 3,000,000 such calls (the unit, "one AES-128 block through the JDK provider") and in
 * batches of 1024 blocks per call, the way core's PRF batches them (spec/core.md §6.2), which is
 * the stricter baseline: the provider's per-call overhead is paid once per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AesBaselineBench {
  /** The number of blocks of the full-round baseline: three per meter of a 1,000,000 group. */
  public static final int ROUND_BLOCKS = 3_000_000;

  private static final int BATCH_BLOCKS = 1024;

  private final Cipher cipher;
  private final byte[] block = new byte[16];
  private final byte[] blockOut = new byte[16];
  private final byte[] batch = new byte[BATCH_BLOCKS * 16];
  private final byte[] batchOut = new byte[BATCH_BLOCKS * 16];

  /** Keys a reused AES-128 instance of the JDK provider with a fixed key. */
  public AesBaselineBench() {
    cipher = newAes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    for (int i = 0; i < batch.length; i++) {
      batch[i] = (byte) i;
    }
  }

  /**
   * A keyed AES-128 encryption instance of the JDK provider.
   *
   * @param key the 16-byte key
   * @return the cipher, in ENCRYPT_MODE
   */
  static Cipher newAes(byte[] key) {
    try {
      // The baseline is the raw block cipher; ECB over one block is exactly one AES call.
      @SuppressWarnings("InsecureCipherMode")
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB/NoPadding is required of every Java platform", e);
    }
  }

  /**
   * One AES-128 block, the unit of the CMT meter-encryption target.
   *
   * @return the ciphertext block (consumed by JMH)
   * @throws ShortBufferException never: the output buffer holds one block
   */
  @Benchmark
  public byte[] aesBlock() throws ShortBufferException {
    block[15]++;
    cipher.update(block, 0, 16, blockOut, 0);
    return blockOut;
  }

  /**
   * 3,000,000 AES-128 blocks, one provider call of 16 bytes each: the unit of the CMT full-round
   * target.
   *
   * @return the last block's first byte (consumed by JMH)
   * @throws ShortBufferException never: the output buffer holds one block
   */
  @Benchmark
  public byte aesBlocks3M() throws ShortBufferException {
    for (int i = 0; i < ROUND_BLOCKS; i++) {
      block[15] = (byte) i;
      cipher.update(block, 0, 16, blockOut, 0);
    }
    return blockOut[0];
  }

  /**
   * 3,000,000 AES-128 blocks in batches of 1024 blocks per provider call.
   *
   * @return the last batch's first byte (consumed by JMH)
   * @throws ShortBufferException never: the output buffer holds one batch
   */
  @Benchmark
  public byte aesBlocks3MBatched() throws ShortBufferException {
    int left = ROUND_BLOCKS;
    while (left > 0) {
      int n = Math.min(left, BATCH_BLOCKS);
      batch[0]++;
      cipher.update(batch, 0, n * 16, batchOut, 0);
      left -= n;
    }
    return batchOut[0];
  }
}
