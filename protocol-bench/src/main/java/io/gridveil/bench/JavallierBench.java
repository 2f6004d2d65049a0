// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import com.n1analytics.paillier.EncryptedNumber;
import com.n1analytics.paillier.PaillierContext;
import com.n1analytics.paillier.PaillierPrivateKey;
import com.n1analytics.paillier.util.BigIntegerUtil;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Paillier peer of the blinding targets (issue 6): javallier 0.6.0 at |N| = 2048, as shipped
 * (it uses GMP through jnagmp when the native library loads; {@link #usesGmp()} tells).
 *
 * <p>Encryption is timed in its semantically secure form,
 * {@code context.encrypt(m).obfuscate().calculateCiphertext()}: javallier encrypts lazily, and
 * {@code encrypt(m)} alone skips the r^N mod N^2 step (shared/reference/peers.md, pitfall 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JavallierBench {
  /** The modulus size of the comparison, bits. */
  public static final int MODULUS_BITS = 2048;

  /** The number of ciphertexts one aggregation folds. */
  public static final int BATCH = 256;

  private static final long READING = 1_234_567L;

  private final PaillierPrivateKey privateKey;
  private final PaillierContext context;
  private final EncryptedNumber ciphertext;
  private final EncryptedNumber[] batch = new EncryptedNumber[BATCH];

  /** Generates a 2048-bit javallier key and a few secure ciphertexts. */
  public JavallierBench() {
    privateKey = PaillierPrivateKey.create(MODULUS_BITS);
    context = privateKey.getPublicKey().createUnsignedContext();
    ciphertext = context.encrypt(READING).obfuscate();
    ciphertext.calculateCiphertext();
    for (int i = 0; i < BATCH; i++) {
      batch[i] = context.encrypt(READING + i).obfuscate();
    }
  }

  /** Checks that the timed operations compute the right results. */
  @Setup
  public void check() {
    BigInteger expected = BigInteger.valueOf(READING * BATCH + (long) BATCH * (BATCH - 1) / 2);
    if (!aggregate().decrypt(privateKey).decodeBigInteger().equals(expected)
        || decrypt().longValueExact() != READING) {
      throw new IllegalStateException("javallier does not decrypt what it encrypted");
    }
  }

  /**
   * Whether javallier's modular exponentiations run in GMP (jnagmp) rather than BigInteger.
   *
   * @return true if GMP loaded
   */
  public static boolean usesGmp() {
    return BigIntegerUtil.USE_GMP;
  }

  /**
   * javallier's secure encryption of one reading at 2048 bits.
   *
   * @return the materialised ciphertext in Z*_{N^2}
   */
  @Benchmark
  public BigInteger encrypt() {
    return context.encrypt(READING).obfuscate().calculateCiphertext();
  }

  /**
   * javallier's decryption of one ciphertext at 2048 bits.
   *
   * @return the plaintext
   */
  @Benchmark
  public BigInteger decrypt() {
    return privateKey.decrypt(ciphertext).decodeBigInteger();
  }

  /**
   * javallier's homomorphic addition, folded over {@value #BATCH} ciphertexts; scored per
   * contribution.
   *
   * @return the encrypted sum
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public EncryptedNumber aggregate() {
    EncryptedNumber acc = batch[0];
    for (int i = 1; i < BATCH; i++) {
      acc = acc.add(batch[i]);
    }
    return acc;
  }
}
