// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.blinding.internal.Primes;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paillier key generation, validation and operations (spec/blinding.md §2). */
class PaillierTest {
  private final RandomSource random = DeterministicRandomSource.fromSeed(2048);

  @Test
  void generate2048_yieldsEqualLengthPrimesAndWorkingKey() {
    PaillierKeyPair keys = PaillierKeyPair.generate(KeySize.BITS_2048, random);
    checkGenerated(keys, KeySize.BITS_2048);
  }

  @Test
  void generate3072_yieldsEqualLengthPrimesAndWorkingKey() {
    PaillierKeyPair keys = PaillierKeyPair.generate(KeySize.BITS_3072, DeterministicRandomSource.fromSeed(3072));
    checkGenerated(keys, KeySize.BITS_3072);
  }

  private static void checkGenerated(PaillierKeyPair keys, KeySize size) {
    BigInteger p = keys.privateKey().p(SecretAccess.grant());
    BigInteger q = keys.privateKey().q(SecretAccess.grant());
    assertEquals(size.bits(), keys.publicKey().n().bitLength());
    assertEquals(size.bits() / 2, p.bitLength());
    assertEquals(size.bits() / 2, q.bitLength());
    assertNotEquals(p, q);
    // Independent primality check with the JDK's test (not used by library code).
    assertTrue(p.isProbablePrime(64) && q.isProbablePrime(64));
    assertTrue(p.subtract(q).abs().bitLength() > size.bits() / 2 - 100);
    assertEquals(size.exponentBits(), keys.publicKey().exponentBits());
    BigInteger n = keys.publicKey().n();
    BigInteger hs = keys.publicKey().hs();
    assertEquals(BigInteger.ONE, hs.gcd(n));
    PaillierCiphertext c = keys.publicKey().encrypt(BigInteger.valueOf(123456789), DeterministicRandomSource.fromSeed(5));
    assertEquals(BigInteger.valueOf(123456789), keys.privateKey().decrypt(c));
    // h_s is an N-th residue: its decryption is 0.
    assertEquals(BigInteger.ZERO, keys.privateKey().decrypt(new PaillierCiphertext(hs)));
  }

  @Test
  void generatedKey_isReproducibleFromTheSeed() {
    PaillierKeyPair a = PaillierKeyPair.generate(KeySize.BITS_2048, DeterministicRandomSource.fromSeed(9));
    PaillierKeyPair b = PaillierKeyPair.generate(KeySize.BITS_2048, DeterministicRandomSource.fromSeed(9));
    assertEquals(a.publicKey().n(), b.publicKey().n());
    assertEquals(a.publicKey().hs(), b.publicKey().hs());
  }

  @Test
  void fromPrimes_ofOtherKeySize_isRefused() {
    RandomSource r = DeterministicRandomSource.fromSeed(1);
    BigInteger p = Primes.generate(512, 5, r);
    BigInteger q = Primes.generate(512, 5, r);
    assertRefused("BLND-P-01", () -> PaillierPrivateKey.fromPrimes(p, q));
  }

  @Test
  void fromPrimes_compositeEqualOrUnbalanced_isRefused() {
    PaillierKeyPair keys = TestKeys.k2048();
    BigInteger p = keys.privateKey().p(SecretAccess.grant());
    BigInteger q = keys.privateKey().q(SecretAccess.grant());
    BigInteger composite = q.add(BigInteger.TWO);
    while (Primes.probablePrimeFixedBases(composite, 16)) {
      composite = composite.add(BigInteger.TWO);
    }
    BigInteger c = composite;
    assertRefused("BLND-P-03", () -> PaillierPrivateKey.fromPrimes(p, c));
    assertRefused("BLND-P-03", () -> PaillierPrivateKey.fromPrimes(p, p));
    // Close primes make N factorable by Fermat's method.
    assertRefused("BLND-P-03", () -> PaillierPrivateKey.fromPrimes(p, p.nextProbablePrime()));
    BigInteger small = Primes.generate(1000, 5, random);
    BigInteger big = Primes.generate(1048, 5, random);
    assertRefused("BLND-P-03", () -> PaillierPrivateKey.fromPrimes(small, big));
  }

  @Test
  void receivedPublicKey_malformed_isRefused() {
    PaillierPublicKey pk = TestKeys.k2048().publicKey();
    BigInteger n = pk.n();
    assertViolation("BLND-V-08", () -> PaillierPublicKey.of(n.shiftRight(1), pk.hs()));
    assertViolation("BLND-V-08", () -> PaillierPublicKey.of(n.add(BigInteger.ONE), pk.hs()));
    assertViolation("BLND-V-08", () -> PaillierPublicKey.of(n, BigInteger.ONE));
    assertViolation("BLND-V-08", () -> PaillierPublicKey.of(n, n.multiply(n)));
    assertViolation("BLND-V-08", () -> PaillierPublicKey.of(n, n.multiply(BigInteger.TWO)));
  }

  @Test
  void ciphertextsOutsideUnitGroup_areRefused() throws Exception {
    int count = 0;
    for (Vector v : Vectors.load("blinding/negative.json")) {
      if (v.string("kind").equals("ciphertext")) {
        PaillierPublicKey pk = TestKeys.get(v.string("keyName")).publicKey();
        BigInteger c = v.integer("c");
        assertViolation(v.string("check"), () -> pk.ciphertext(c));
        count++;
      }
    }
    assertEquals(6, count);
    PaillierPublicKey pk = TestKeys.k2048().publicKey();
    assertViolation("BLND-V-01", () -> pk.ciphertext(BigInteger.ONE.negate()));
    assertEquals(BigInteger.ONE, pk.ciphertext(BigInteger.ONE).value());
  }

  @Test
  void homomorphicOperations_addPlaintexts() {
    PaillierKeyPair keys = TestKeys.k2048();
    PaillierPublicKey pk = keys.publicKey();
    BigInteger n = pk.n();
    PaillierCiphertext a = pk.encrypt(n.subtract(BigInteger.ONE), random);
    PaillierCiphertext b = pk.encrypt(BigInteger.valueOf(5), random);
    assertEquals(BigInteger.valueOf(4), keys.privateKey().decrypt(pk.add(a, b)), "wraps mod N");
    assertEquals(BigInteger.valueOf(9), keys.privateKey().decrypt(pk.addPlaintext(b, BigInteger.valueOf(4))));
    assertEquals(BigInteger.ZERO, keys.privateKey().decrypt(pk.aggregate(List.of())));
    assertEquals(BigInteger.valueOf(-1), keys.privateKey().decryptBounded(pk.encrypt(n.subtract(BigInteger.ONE), random), true));
  }

  @Test
  void encryption_isRandomised() {
    PaillierPublicKey pk = TestKeys.k2048().publicKey();
    assertNotEquals(pk.encrypt(BigInteger.ONE, random).value(), pk.encrypt(BigInteger.ONE, random).value());
  }

  @Test
  void plaintextOutsideZn_isCallerBug() {
    PaillierPublicKey pk = TestKeys.k2048().publicKey();
    assertThrows(IllegalArgumentException.class, () -> pk.encrypt(pk.n(), random));
    assertThrows(IllegalArgumentException.class, () -> pk.encrypt(BigInteger.ONE.negate(), random));
    assertThrows(IllegalArgumentException.class, () -> pk.encrypt(BigInteger.ONE, BigInteger.ONE.shiftLeft(224)));
  }
}
