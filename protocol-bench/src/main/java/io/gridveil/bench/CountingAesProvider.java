// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A JCA provider that serves "AES/ECB/NoPadding" by delegating to the JDK's SunJCE provider and
 * counts every AES block it encrypts. Installed first in the provider list (only by
 * {@code Facts}, never during a timed run), it makes the number of PRF evaluations of a code path
 * a measurement rather than a reading of the code: core's PRF F onto Z_(2^b) and CMT's round-key
 * generator evaluate one AES block per call (spec/core.md §6.2).
 */
public final class CountingAesProvider extends Provider {
  private static final long serialVersionUID = 1L;
  private static final AtomicLong BLOCKS = new AtomicLong();
  private static final AtomicLong KEYINGS = new AtomicLong();

  /** Creates the provider. */
  public CountingAesProvider() {
    super("GridVeilCountingAes", "1.0", "AES/ECB/NoPadding over SunJCE, counting blocks");
    put("Cipher.AES/ECB/NoPadding", CountingCipher.class.getName());
  }

  /** Installs the provider ahead of every other; idempotent. */
  public static void install() {
    if (Security.getProvider("GridVeilCountingAes") == null) {
      Security.insertProviderAt(new CountingAesProvider(), 1);
    }
  }

  /**
   * The number of AES blocks encrypted through this provider since the last reset.
   *
   * @return the block count
   */
  public static long blocks() {
    return BLOCKS.get();
  }

  /**
   * The number of cipher initialisations (AES key schedules) since the last reset.
   *
   * @return the count
   */
  public static long keyings() {
    return KEYINGS.get();
  }

  /** Resets both counters. */
  public static void reset() {
    BLOCKS.set(0);
    KEYINGS.set(0);
  }

  /** The counting cipher: AES/ECB/NoPadding from SunJCE behind a block counter. */
  public static final class CountingCipher extends CipherSpi {
    private final Cipher inner;

    /**
     * Obtains the SunJCE cipher.
     *
     * @throws GeneralSecurityException if SunJCE lacks AES/ECB/NoPadding
     */
    public CountingCipher() throws GeneralSecurityException {
      // The delegate is the very instance the JDK would have served: ECB over single blocks.
      @SuppressWarnings("InsecureCipherMode")
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
      inner = c;
    }

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
      if (!"ECB".equalsIgnoreCase(mode)) {
        throw new NoSuchAlgorithmException("ECB only");
      }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
      if (!"NoPadding".equalsIgnoreCase(padding)) {
        throw new NoSuchPaddingException("NoPadding only");
      }
    }

    @Override
    protected int engineGetBlockSize() {
      return 16;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
      return inner.getOutputSize(inputLen);
    }

    // The JCA contract: null for a mode without an IV; the annotated JDK says non-null.
    @SuppressWarnings("nullness:override.return")
    @Override
    protected byte @Nullable [] engineGetIV() {
      return null;
    }

    // The JCA contract: null for a mode without parameters; the annotated JDK says non-null.
    @SuppressWarnings("nullness:override.return")
    @Override
    protected @Nullable AlgorithmParameters engineGetParameters() {
      return null;
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random)
        throws InvalidKeyException {
      KEYINGS.incrementAndGet();
      inner.init(opmode, key, random);
    }

    @Override
    protected void engineInit(
        int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      KEYINGS.incrementAndGet();
      inner.init(opmode, key, params, random);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      KEYINGS.incrementAndGet();
      inner.init(opmode, key, params, random);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
      BLOCKS.addAndGet(inputLen / 16);
      byte[] out = inner.update(input, inputOffset, inputLen);
      return out == null ? new byte[0] : out;
    }

    @Override
    protected int engineUpdate(
        byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
        throws ShortBufferException {
      BLOCKS.addAndGet(inputLen / 16);
      return inner.update(input, inputOffset, inputLen, output, outputOffset);
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
        throws IllegalBlockSizeException, BadPaddingException {
      BLOCKS.addAndGet(inputLen / 16);
      return inner.doFinal(input, inputOffset, inputLen);
    }

    @Override
    protected int engineDoFinal(
        byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
        throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
      BLOCKS.addAndGet(inputLen / 16);
      return inner.doFinal(input, inputOffset, inputLen, output, outputOffset);
    }
  }
}
