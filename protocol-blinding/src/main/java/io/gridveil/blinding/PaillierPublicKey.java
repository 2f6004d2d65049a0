// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.random.RandomSource;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A Paillier public key (N, h_s) with g = N + 1 and the fixed base h_s = y^N mod N^2
 * (spec/blinding.md §2.3), with encryption (§2.4) and homomorphic aggregation (§2.6).
 *
 * <p>Thread-safe and immutable; public (no secret), compared by identity.
 */
public final class PaillierPublicKey {
  private final BigInteger n;
  private final BigInteger nSquared;
  private final BigInteger hs;
  private final int exponentBits;
  private final BigInteger exponentBound;

  PaillierPublicKey(BigInteger n, BigInteger hs, int exponentBits) {
    this.n = n;
    this.nSquared = n.multiply(n);
    this.hs = hs;
    this.exponentBits = exponentBits;
    this.exponentBound = BigInteger.ONE.shiftLeft(exponentBits);
  }

  /**
   * Accepts a public key received from the TTP after the checks of spec/blinding.md §2.3.
   *
   * @param n N
   * @param hs h_s
   * @return the key
   * @throws BlindingViolationException BLND-V-08 unless bitlength(N) is 2048 or 3072, N is odd,
   *     1 &lt; h_s &lt; N^2 and gcd(h_s, N) = 1
   */
  public static PaillierPublicKey of(BigInteger n, BigInteger hs) throws BlindingViolationException {
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(hs, "hs");
    KeySize size =
        KeySize.ofBits(n.bitLength())
            .orElseThrow(
                () ->
                    new BlindingViolationException(
                        BlindingChecks.BLND_V_08, "modulus length is not 2048 or 3072 bits"));
    if (!n.testBit(0)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_08, "modulus is even");
    }
    if (hs.compareTo(BigInteger.ONE) <= 0
        || hs.compareTo(n.multiply(n)) >= 0
        || !hs.gcd(n).equals(BigInteger.ONE)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_08, "h_s is not in Z*_{N^2}");
    }
    return new PaillierPublicKey(n, hs, size.exponentBits());
  }

  /**
   * Returns N.
   *
   * @return the modulus
   */
  public BigInteger n() {
    return n;
  }

  /**
   * Returns N^2.
   *
   * @return the ciphertext modulus
   */
  public BigInteger nSquared() {
    return nSquared;
  }

  /**
   * Returns the fixed base h_s (spec/blinding.md §2.3).
   *
   * @return h_s
   */
  public BigInteger hs() {
    return hs;
  }

  /**
   * Returns k = bitlength(N).
   *
   * @return the key size in bits
   */
  public int bits() {
    return n.bitLength();
  }

  /**
   * Returns ℓ, the encryption exponent length (spec/blinding.md §2.8).
   *
   * @return ℓ in bits
   */
  public int exponentBits() {
    return exponentBits;
  }

  /**
   * Enc(m; a) with a fresh a uniform in [0, 2^ℓ) (spec/blinding.md §2.4).
   *
   * @param m the plaintext, in [0, N)
   * @param random the injected random source
   * @return the ciphertext
   * @throws IllegalArgumentException if m is outside [0, N)
   */
  public PaillierCiphertext encrypt(BigInteger m, RandomSource random) {
    Objects.requireNonNull(random, "random");
    checkPlaintext(m);
    return encrypt(m, random.uniform(exponentBound));
  }

  /**
   * Draws the exponent a of Enc, uniform in [0, 2^ℓ) (spec/blinding.md §2.4).
   *
   * @param random the injected random source
   * @return a
   */
  BigInteger encryptionExponent(RandomSource random) {
    return random.uniform(exponentBound);
  }

  /**
   * Enc(m; a) with explicit randomness (spec/blinding.md §2.4), the deterministic core.
   *
   * @param m the plaintext, in [0, N)
   * @param a the exponent, in [0, 2^ℓ)
   * @return (1 + mN) h_s^a mod N^2
   */
  PaillierCiphertext encrypt(BigInteger m, BigInteger a) {
    checkPlaintext(m);
    if (a.signum() < 0 || a.compareTo(exponentBound) >= 0) {
      throw new IllegalArgumentException("exponent must be in [0, 2^l)");
    }
    // §2.4 step 1: fixed base, short exponent.
    BigInteger x = hs.modPow(a, nSquared);
    return new PaillierCiphertext(timesGeneratorPower(x, m));
  }

  /**
   * The classical Enc'(m; r) = (1 + mN) r^N mod N^2 (spec/blinding.md §2.4), for vectors and
   * interoperability.
   *
   * @param m the plaintext, in [0, N)
   * @param r the randomness, in Z*_N
   * @return the ciphertext
   */
  PaillierCiphertext encryptClassical(BigInteger m, BigInteger r) {
    checkPlaintext(m);
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || !r.gcd(n).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("r must be in Z*_N");
    }
    return new PaillierCiphertext(timesGeneratorPower(r.modPow(n, nSquared), m));
  }

  /**
   * Checks that a received value is a ciphertext in Z*_{N^2} (spec/blinding.md §2.7).
   *
   * @param c the value
   * @return the ciphertext
   * @throws BlindingViolationException BLND-V-01 unless 0 &lt; c &lt; N^2 and gcd(c, N) = 1
   */
  public PaillierCiphertext ciphertext(BigInteger c) throws BlindingViolationException {
    Objects.requireNonNull(c, "c");
    if (c.signum() <= 0 || c.compareTo(nSquared) >= 0) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_01, "ciphertext not in [1, N^2)");
    }
    // gcd(c, N) = gcd(c mod N, N), on half-size operands.
    if (!c.mod(n).gcd(n).equals(BigInteger.ONE)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_01, "ciphertext not a unit mod N");
    }
    return new PaillierCiphertext(c);
  }

  /**
   * Homomorphic addition: the product mod N^2 (spec/blinding.md §2.6).
   *
   * @param a Enc(m1)
   * @param b Enc(m2)
   * @return Enc(m1 + m2 mod N)
   */
  public PaillierCiphertext add(PaillierCiphertext a, PaillierCiphertext b) {
    return new PaillierCiphertext(a.value().multiply(b.value()).mod(nSquared));
  }

  /**
   * Adds a public plaintext: c (1 + vN) mod N^2 (spec/blinding.md §2.6).
   *
   * @param c Enc(m)
   * @param v the public value, in [0, N)
   * @return Enc(m + v mod N)
   */
  public PaillierCiphertext addPlaintext(PaillierCiphertext c, BigInteger v) {
    checkPlaintext(v);
    return new PaillierCiphertext(timesGeneratorPower(c.value(), v));
  }

  /**
   * The aggregate of ciphertexts: their product mod N^2 (spec/blinding.md §2.6).
   *
   * @param ciphertexts the group's ciphertexts, possibly empty
   * @return Enc(sum of the plaintexts mod N); the empty product is 1
   */
  public PaillierCiphertext aggregate(List<PaillierCiphertext> ciphertexts) {
    BigInteger product = BigInteger.ONE;
    for (PaillierCiphertext c : ciphertexts) {
      product = product.multiply(c.value()).mod(nSquared);
    }
    return new PaillierCiphertext(product);
  }

  // (1 + mN) x mod N^2 = (x + N (m x mod N)) mod N^2 (§2.4 step 2).
  private BigInteger timesGeneratorPower(BigInteger x, BigInteger m) {
    BigInteger t = x.mod(n).multiply(m).mod(n);
    BigInteger c = x.add(n.multiply(t));
    return c.compareTo(nSquared) >= 0 ? c.subtract(nSquared) : c;
  }

  private void checkPlaintext(BigInteger m) {
    Objects.requireNonNull(m, "m");
    if (m.signum() < 0 || m.compareTo(n) >= 0) {
      throw new IllegalArgumentException("plaintext must be in [0, N)");
    }
  }

  @Override
  public String toString() {
    return "PaillierPublicKey[" + n.bitLength() + " bits]";
  }
}
