// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.blinding.internal.Primes;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.secret.SecretAccess;
import java.math.BigInteger;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The supplier's Paillier private key: the primes p and q with the CRT precomputation of
 * spec/blinding.md §2.5 (Paillier 1999 §7).
 *
 * <p>Secret: no equals or hashCode over the primes, a redacted {@link #toString()}, and the primes
 * leave only through {@link #p(SecretAccess)} and {@link #q(SecretAccess)}. java.math.BigInteger
 * cannot be wiped; the key lives as long as the supplier's state.
 */
public final class PaillierPrivateKey {
  /** Fixed Miller–Rabin bases used to check primes received from the TTP. */
  private static final int RECEIVED_PRIME_BASES = 4;

  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger n;
  private final BigInteger pSquared;
  private final BigInteger qSquared;
  private final BigInteger pMinusOne;
  private final BigInteger qMinusOne;
  private final BigInteger hp;
  private final BigInteger hq;
  private final BigInteger pInverseModQ;

  private PaillierPrivateKey(BigInteger p, BigInteger q) {
    this.p = p;
    this.q = q;
    this.n = p.multiply(q);
    this.pSquared = p.multiply(p);
    this.qSquared = q.multiply(q);
    this.pMinusOne = p.subtract(BigInteger.ONE);
    this.qMinusOne = q.subtract(BigInteger.ONE);
    BigInteger g = n.add(BigInteger.ONE);
    this.hp = lFunction(g.modPow(pMinusOne, pSquared), p).modInverse(p);
    this.hq = lFunction(g.modPow(qMinusOne, qSquared), q).modInverse(q);
    this.pInverseModQ = p.modInverse(q);
  }

  /**
   * Builds the private key from its primes (spec/blinding.md §2.1, §2.5), checking them.
   *
   * @param p the first prime
   * @param q the second prime
   * @return the key
   * @throws IllegalParameterException BLND-P-01 if N is not 2048 or 3072 bits, BLND-P-03 unless p
   *     and q are probable primes of k/2 bits with |p - q| &gt; 2^(k/2 - 100)
   */
  public static PaillierPrivateKey fromPrimes(BigInteger p, BigInteger q) {
    String problem = problemWith(p, q);
    if (problem != null) {
      throw new IllegalParameterException(
          problem.startsWith("size") ? BlindingChecks.BLND_P_01 : BlindingChecks.BLND_P_03,
          problem);
    }
    return new PaillierPrivateKey(p, q);
  }

  /**
   * Builds a private key from primes received in a key delivery (spec/blinding.md §4.4).
   *
   * @param p the first prime
   * @param q the second prime
   * @return the key
   * @throws BlindingViolationException BLND-V-08 if the primes fail the checks of
   *     {@link #fromPrimes}
   */
  static PaillierPrivateKey received(BigInteger p, BigInteger q) throws BlindingViolationException {
    String problem = problemWith(p, q);
    if (problem != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_08, problem);
    }
    return new PaillierPrivateKey(p, q);
  }

  /**
   * Builds a toy key without size checks, for the exhaustive leakage checks only (spec/blinding.md
   * §1.3); not reachable through the public API.
   *
   * @param p an odd prime
   * @param q another odd prime with gcd(pq, (p-1)(q-1)) = 1
   * @return the key
   */
  static PaillierPrivateKey toy(BigInteger p, BigInteger q) {
    if (p.equals(q)
        || !p.multiply(q).gcd(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)))
            .equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("toy primes must be distinct with gcd(pq, phi) = 1");
    }
    return new PaillierPrivateKey(p, q);
  }

  private static @Nullable String problemWith(BigInteger p, BigInteger q) {
    Objects.requireNonNull(p, "p");
    Objects.requireNonNull(q, "q");
    BigInteger n = p.multiply(q);
    if (KeySize.ofBits(n.bitLength()).isEmpty() || p.signum() <= 0 || q.signum() <= 0) {
      return "size: N must be 2048 or 3072 bits";
    }
    int half = n.bitLength() / 2;
    if (p.bitLength() != half || q.bitLength() != half) {
      return "primes must have k/2 bits each";
    }
    if (p.subtract(q).abs().bitLength() <= half - 100) {
      return "primes must be distinct with |p - q| > 2^(k/2 - 100)";
    }
    if (!Primes.probablePrimeFixedBases(p, RECEIVED_PRIME_BASES)
        || !Primes.probablePrimeFixedBases(q, RECEIVED_PRIME_BASES)) {
      return "p and q must be prime";
    }
    return null;
  }

  /**
   * Returns N = pq (public).
   *
   * @return the modulus
   */
  public BigInteger n() {
    return n;
  }

  /**
   * Returns k = bitlength(N) (public).
   *
   * @return the key size in bits
   */
  public int bits() {
    return n.bitLength();
  }

  /**
   * Returns the prime p.
   *
   * @param access the access token, {@code SecretAccess.grant()}
   * @return p
   */
  public BigInteger p(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return p;
  }

  /**
   * Returns the prime q.
   *
   * @param access the access token, {@code SecretAccess.grant()}
   * @return q
   */
  public BigInteger q(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return q;
  }

  /**
   * Dec(c), full CRT decryption (spec/blinding.md §2.5).
   *
   * @param c a ciphertext in Z*_{N^2} under this key
   * @return m in [0, N)
   * @throws IllegalArgumentException if c is not below N^2
   */
  public BigInteger decrypt(PaillierCiphertext c) {
    BigInteger v = checked(c);
    BigInteger mp = half(v, p, pSquared, pMinusOne, hp);
    BigInteger mq = half(v, q, qSquared, qMinusOne, hq);
    // §2.5 step 2: m = m_p + p ((m_q - m_p) p^-1 mod q).
    return mp.add(p.multiply(mq.subtract(mp).multiply(pInverseModQ).mod(q)));
  }

  /**
   * DecB(c), the bounded decryption of spec/blinding.md §2.5: m mod p, which determines m exactly
   * when m &lt; p (or, read in (-p/2, p/2), when m is within p/2 of 0 mod N). Half the cost of
   * {@link #decrypt}.
   *
   * @param c a ciphertext in Z*_{N^2} under this key
   * @return m_p = m mod p, in [0, p)
   * @throws IllegalArgumentException if c is not below N^2
   */
  public BigInteger decryptBounded(PaillierCiphertext c) {
    return half(checked(c), p, pSquared, pMinusOne, hp);
  }

  /**
   * Reads DecB(c) as a signed integer (spec/blinding.md §2.5, §4.4 step 3).
   *
   * @param c a ciphertext in Z*_{N^2} under this key
   * @param signed whether to return the representative in (-p/2, p/2)
   * @return m_p, or its signed representative
   */
  public BigInteger decryptBounded(PaillierCiphertext c, boolean signed) {
    BigInteger mp = decryptBounded(c);
    if (signed && mp.shiftLeft(1).compareTo(p) > 0) {
      return mp.subtract(p);
    }
    return mp;
  }

  private BigInteger checked(PaillierCiphertext c) {
    Objects.requireNonNull(c, "c");
    if (c.value().compareTo(n.multiply(n)) >= 0) {
      throw new IllegalArgumentException("ciphertext must be below N^2");
    }
    return c.value();
  }

  // §2.5 step 1: m_p = L_p((c mod p^2)^(p-1) mod p^2) h_p mod p.
  private static BigInteger half(
      BigInteger c, BigInteger prime, BigInteger square, BigInteger exponent, BigInteger h) {
    BigInteger u = c.mod(square).modPow(exponent, square);
    return lFunction(u, prime).multiply(h).mod(prime);
  }

  private static BigInteger lFunction(BigInteger u, BigInteger prime) {
    return u.subtract(BigInteger.ONE).divide(prime);
  }

  @Override
  public String toString() {
    return "PaillierPrivateKey[redacted, " + n.bitLength() + " bits]";
  }
}
