// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import java.util.Optional;

/**
 * The Paillier modulus sizes GridVeil accepts (spec/blinding.md §1.3, §2.1, §2.8): |N| = 2048 bits
 * (the default) or 3072 bits, with the short-exponent length ℓ = 2λ and the Miller–Rabin round
 * count of FIPS 186-5 Table B.1 for primes of |N|/2 bits.
 */
public enum KeySize {
  /** |N| = 2048 bits, λ = 112, ℓ = 224. */
  BITS_2048(2048, 224, 5),
  /** |N| = 3072 bits, λ = 128, ℓ = 256. */
  BITS_3072(3072, 256, 4);

  private final int bits;
  private final int exponentBits;
  private final int millerRabinRounds;

  KeySize(int bits, int exponentBits, int millerRabinRounds) {
    this.bits = bits;
    this.exponentBits = exponentBits;
    this.millerRabinRounds = millerRabinRounds;
  }

  /**
   * Returns k = |N|.
   *
   * @return the modulus length in bits
   */
  public int bits() {
    return bits;
  }

  /**
   * Returns ℓ, the length of the encryption exponent a (spec/blinding.md §2.8).
   *
   * @return ℓ in bits
   */
  public int exponentBits() {
    return exponentBits;
  }

  /**
   * Returns R, the Miller–Rabin rounds per prime candidate (spec/blinding.md §2.2).
   *
   * @return the round count
   */
  public int millerRabinRounds() {
    return millerRabinRounds;
  }

  /**
   * Returns the length of an encoded Z_N element, k/8 bytes (spec/blinding.md §5.1).
   *
   * @return the byte length
   */
  public int residueLength() {
    return bits / 8;
  }

  /**
   * Returns the length of an encoded Z_{N^2} element, k/4 bytes (spec/blinding.md §5.1).
   *
   * @return the byte length
   */
  public int ciphertextLength() {
    return bits / 4;
  }

  /**
   * Returns the length of an encoded prime, k/16 bytes (spec/blinding.md §5.1).
   *
   * @return the byte length
   */
  public int primeLength() {
    return bits / 16;
  }

  /**
   * Finds the key size with the given modulus length.
   *
   * @param bits k
   * @return the key size, or empty if GridVeil does not accept k (BLND-P-01, BLND-E-01)
   */
  public static Optional<KeySize> ofBits(int bits) {
    for (KeySize s : values()) {
      if (s.bits == bits) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
