// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.blinding.KeySize;
import io.gridveil.blinding.PaillierCiphertext;
import io.gridveil.blinding.PaillierKeyPair;
import io.gridveil.blinding.PaillierPrivateKey;
import io.gridveil.blinding.PaillierPublicKey;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
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
 * The blinding targets of issue 6 at |N| = 2048, beside {@link JavallierBench}: the meter's
 * Paillier encryption (fixed base h_s, short exponent, spec/blinding.md §2.4) with fresh
 * randomness from the production DRBG; the supplier's decryption as the Supplier performs it,
 * the bounded DecB (m mod p, valid because a round's sum is below p, spec/blinding.md §2.5), and
 * the full CRT decryption Dec for comparison; the aggregator's product per contribution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BlindingBench {
  private static final BigInteger READING = BigInteger.valueOf(1_234_567L);

  private final PaillierPublicKey publicKey;
  private final PaillierPrivateKey privateKey;
  private final RandomSource random = DrbgRandomSource.create();
  private final PaillierCiphertext ciphertext;
  private final List<PaillierCiphertext> batch = new ArrayList<>(JavallierBench.BATCH);

  /** Generates a 2048-bit key pair (fixed seed: benchmark data) and some ciphertexts. */
  public BlindingBench() {
    PaillierKeyPair keys =
        PaillierKeyPair.generate(KeySize.BITS_2048, DeterministicRandomSource.fromSeed(2048L));
    publicKey = keys.publicKey();
    privateKey = keys.privateKey();
    ciphertext = publicKey.encrypt(READING, random);
    for (int i = 0; i < JavallierBench.BATCH; i++) {
      batch.add(publicKey.encrypt(READING.add(BigInteger.valueOf(i)), random));
    }
  }

  /** Checks that the timed operations compute the right results. */
  @Setup
  public void check() {
    long n = JavallierBench.BATCH;
    BigInteger expected = READING.multiply(BigInteger.valueOf(n)).add(BigInteger.valueOf(n * (n - 1) / 2));
    if (!supplierDecrypt().equals(READING)
        || !fullDecrypt().equals(READING)
        || !privateKey.decryptBounded(aggregate(), false).equals(expected)
        || !privateKey.decrypt(meterEncrypt()).equals(READING)
        || publicKey.n().bitLength() != 2048) {
      throw new IllegalStateException("blinding Paillier does not decrypt what it encrypted");
    }
  }

  /**
   * The meter's Paillier encryption of one blinded reading at 2048 bits, fresh randomness.
   *
   * @return the ciphertext
   */
  @Benchmark
  public PaillierCiphertext meterEncrypt() {
    return publicKey.encrypt(READING, random);
  }

  /**
   * The supplier's decryption of one round's product at 2048 bits, as Supplier performs it: the
   * bounded DecB (one exponentiation modulo p^2).
   *
   * @return the plaintext sum
   */
  @Benchmark
  public BigInteger supplierDecrypt() {
    return privateKey.decryptBounded(ciphertext, false);
  }

  /**
   * The full CRT decryption Dec of one ciphertext at 2048 bits (two exponentiations).
   *
   * @return the plaintext
   */
  @Benchmark
  public BigInteger fullDecrypt() {
    return privateKey.decrypt(ciphertext);
  }

  /**
   * The aggregator's product of {@value JavallierBench#BATCH} ciphertexts; scored per contribution.
   *
   * @return the aggregate
   */
  @Benchmark
  @OperationsPerInvocation(JavallierBench.BATCH)
  public PaillierCiphertext aggregate() {
    return publicKey.aggregate(batch);
  }
}
