// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.random;

import java.math.BigInteger;

/**
 * The only source of randomness in GridVeil (spec/core.md §3): every random draw of every party
 * goes through one of these, injected by the caller.
 *
 * <p>Production code uses {@link DrbgRandomSource}; tests and test vectors use
 * {@link DeterministicRandomSource}; the exhaustive leakage checker substitutes an enumerable tape
 * by overriding the uniform draws. The derived operations are specified exactly (spec/core.md
 * §3.2 to §3.4) so that a deterministic source gives the same values in every implementation.
 *
 * <p>Implementations need not be thread-safe unless they say so.
 */
public interface RandomSource {
  /**
   * Fills the array with random bytes (spec/core.md §3.1).
   *
   * @param out the array to fill
   */
  void nextBytes(byte[] out);

  /**
   * Returns 64 random bits: the next 8 bytes, big-endian (spec/core.md §3.2).
   *
   * @return a uniform long
   */
  default long nextLong() {
    byte[] b = new byte[8];
    nextBytes(b);
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  /**
   * Returns a uniform value in [0, 2^bits) (spec/core.md §3.2): the top {@code bits} bits of
   * {@link #nextLong()}.
   *
   * @param bits from 1 to 64
   * @return a uniform value; for 64 bits, any long
   * @throws IllegalArgumentException if bits is out of range
   */
  default long uniformBits(int bits) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [1, 64]");
    }
    return nextLong() >>> (64 - bits);
  }

  /**
   * Returns a uniform value in [0, bound) by rejection sampling (spec/core.md §3.3): draw
   * b = bitlength(bound - 1) bits with {@link #uniformBits(int)} until the value is below bound.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return a uniform value, unbiased
   * @throws IllegalArgumentException if bound &lt; 1
   */
  default long uniformLong(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be at least 1");
    }
    if (bound == 1) {
      return 0;
    }
    int bits = 64 - Long.numberOfLeadingZeros(bound - 1);
    while (true) {
      long v = uniformBits(bits);
      if (v < bound) {
        return v;
      }
    }
  }

  /**
   * Returns a uniform value in [0, bound) by rejection sampling (spec/core.md §3.3): draw
   * ceil(b/8) bytes for b = bitlength(bound - 1), read them big-endian, keep the low b bits, and
   * repeat until the value is below bound.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return a uniform value, unbiased
   * @throws IllegalArgumentException if bound &lt; 1
   */
  default BigInteger uniform(BigInteger bound) {
    if (bound.signum() <= 0) {
      throw new IllegalArgumentException("bound must be at least 1");
    }
    if (bound.equals(BigInteger.ONE)) {
      return BigInteger.ZERO;
    }
    int bits = bound.subtract(BigInteger.ONE).bitLength();
    byte[] buf = new byte[(bits + 7) / 8];
    int excess = buf.length * 8 - bits;
    while (true) {
      nextBytes(buf);
      buf[0] &= (byte) (0xff >>> excess);
      BigInteger v = new BigInteger(1, buf);
      if (v.compareTo(bound) < 0) {
        java.util.Arrays.fill(buf, (byte) 0);
        return v;
      }
    }
  }

  /**
   * Returns a uniform double in [0, 1) with 53 bits of precision (spec/core.md §3.4):
   * (nextLong() &gt;&gt;&gt; 11) * 2^-53.
   *
   * @return the double
   */
  default double nextUnitDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Returns a standard normal sample by the Box-Muller transform (spec/core.md §3.4):
   * u1 = ((nextLong() &gt;&gt;&gt; 11) + 1) * 2^-53 in (0, 1], u2 = nextUnitDouble(),
   * z = sqrt(-2 ln u1) * cos(2 pi u2).
   *
   * @return z ~ N(0, 1), truncated at |z| &lt;= 8.58 by the 53-bit resolution of u1
   */
  default double nextGaussian() {
    double u1 = ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    double u2 = nextUnitDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
