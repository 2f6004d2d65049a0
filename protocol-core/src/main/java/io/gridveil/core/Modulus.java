// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The modulus M of an additive aggregation (spec/core.md §2.3): a power of two 2^b for the CMT and
 * DDH schemes, or a Paillier modulus N for blinding.
 *
 * @param value M, at least 2
 */
public record Modulus(BigInteger value) {
  /**
   * Validates M &gt;= 2 (CORE-P-03).
   *
   * @param value M, at least 2
   * @throws IllegalParameterException CORE-P-03 if M &lt; 2
   */
  public Modulus {
    Objects.requireNonNull(value, "value");
    if (value.compareTo(BigInteger.TWO) < 0) {
      throw new IllegalParameterException(CoreChecks.CORE_P_03, "modulus must be at least 2");
    }
  }

  /**
   * Returns M = 2^b.
   *
   * @param bits b, from 1 to 4096
   * @return the modulus
   * @throws IllegalArgumentException if b is out of range
   */
  public static Modulus powerOfTwo(int bits) {
    if (bits < 1 || bits > 4096) {
      throw new IllegalArgumentException("bits must be in [1, 4096]");
    }
    return new Modulus(BigInteger.ONE.shiftLeft(bits));
  }

  /**
   * Tells whether M is a power of two.
   *
   * @return true if M = 2^b
   */
  public boolean isPowerOfTwo() {
    return value.bitCount() == 1;
  }

  /**
   * Returns the bit length of M - 1, which is b when M = 2^b.
   *
   * @return the number of bits of a residue
   */
  public int bits() {
    return value.subtract(BigInteger.ONE).bitLength();
  }

  /**
   * Returns the mask 2^b - 1 for M = 2^b with b &lt;= 64, for arithmetic in a Java long.
   *
   * @return the mask
   * @throws IllegalStateException if M is not a power of two of at most 64 bits
   */
  public long mask() {
    if (!isPowerOfTwo() || bits() > 64) {
      throw new IllegalStateException("mask needs M = 2^b with b <= 64");
    }
    return bits() == 64 ? -1L : (1L << bits()) - 1;
  }

  @Override
  public String toString() {
    return isPowerOfTwo() ? "Modulus[2^" + bits() + "]" : "Modulus[" + value.bitLength() + " bits]";
  }
}
