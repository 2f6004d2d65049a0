// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding.internal;

import io.gridveil.core.random.RandomSource;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Probable-prime generation and Miller–Rabin testing with bases from the injected random source
 * (spec/blinding.md §2.2). Draws only from the injected RandomSource (BigInteger.probablePrime would need a JDK generator).
 */
public final class Primes {
  /** The odd primes below 2000, for trial division (spec/blinding.md §2.2 step 2). */
  private static final int[] SMALL_PRIMES = smallPrimes(2000);

  private static final BigInteger TWO = BigInteger.TWO;

  private Primes() {}

  /**
   * GenPrime(b) of spec/blinding.md §2.2.
   *
   * @param bits b, at least 16
   * @param rounds R, the number of Miller–Rabin rounds
   * @param random the injected random source
   * @return a probable prime of exactly b bits with its top two bits set
   */
  public static BigInteger generate(int bits, int rounds, RandomSource random) {
    Objects.requireNonNull(random, "random");
    if (bits < 16 || rounds < 1) {
      throw new IllegalArgumentException("bits must be at least 16 and rounds at least 1");
    }
    byte[] buf = new byte[(bits + 7) / 8];
    int excess = buf.length * 8 - bits;
    while (true) {
      // §2.2 step 1: low b bits of ceil(b/8) bytes, top two bits and lowest bit set.
      random.nextBytes(buf);
      buf[0] &= (byte) (0xff >>> excess);
      BigInteger w = new BigInteger(1, buf).setBit(bits - 1).setBit(bits - 2).setBit(0);
      if (hasSmallFactor(w)) {
        continue;
      }
      if (millerRabin(w, rounds, random)) {
        java.util.Arrays.fill(buf, (byte) 0);
        return w;
      }
    }
  }

  /**
   * Tells whether w has an odd prime factor below 2000 other than itself (spec/blinding.md §2.2
   * step 2).
   *
   * @param w an odd integer
   * @return true if trial division finds a factor
   */
  public static boolean hasSmallFactor(BigInteger w) {
    for (int p : SMALL_PRIMES) {
      BigInteger bp = BigInteger.valueOf(p);
      if (w.equals(bp)) {
        return false;
      }
      if (w.mod(bp).signum() == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Miller–Rabin with R bases drawn uniformly from [2, w - 2] (spec/blinding.md §2.2 step 3).
   *
   * @param w the odd candidate, at least 5
   * @param rounds R
   * @param random the source of the bases
   * @return false if w is composite; true if it passed every round
   */
  public static boolean millerRabin(BigInteger w, int rounds, RandomSource random) {
    for (int i = 0; i < rounds; i++) {
      BigInteger a = random.uniform(w.subtract(BigInteger.valueOf(3))).add(TWO);
      if (!passes(w, a)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Miller–Rabin with fixed bases: the first {@code count} primes. Used to check primes received
   * from the trusted third party (spec/blinding.md §4.4), where the input is not adversarial.
   *
   * @param w the candidate
   * @param count the number of prime bases, at most 300
   * @return false if w is composite or even or below 5; true if it passed every base
   */
  public static boolean probablePrimeFixedBases(BigInteger w, int count) {
    if (w.compareTo(BigInteger.valueOf(5)) < 0 || !w.testBit(0)) {
      return w.equals(TWO) || w.equals(BigInteger.valueOf(3));
    }
    if (hasSmallFactor(w)) {
      return false;
    }
    for (int i = 0; i < count && i < SMALL_PRIMES.length; i++) {
      BigInteger a = BigInteger.valueOf(SMALL_PRIMES[i]);
      if (a.compareTo(w.subtract(TWO)) > 0) {
        break;
      }
      if (!passes(w, a)) {
        return false;
      }
    }
    return true;
  }

  private static boolean passes(BigInteger w, BigInteger a) {
    BigInteger wm1 = w.subtract(BigInteger.ONE);
    int s = wm1.getLowestSetBit();
    BigInteger d = wm1.shiftRight(s);
    BigInteger z = a.modPow(d, w);
    if (z.equals(BigInteger.ONE) || z.equals(wm1)) {
      return true;
    }
    for (int r = 1; r < s; r++) {
      z = z.multiply(z).mod(w);
      if (z.equals(wm1)) {
        return true;
      }
      if (z.equals(BigInteger.ONE)) {
        return false;
      }
    }
    return false;
  }

  private static int[] smallPrimes(int bound) {
    boolean[] composite = new boolean[bound];
    int count = 0;
    for (int i = 3; i < bound; i += 2) {
      if (!composite[i]) {
        count++;
        for (int k = i * i; k < bound; k += 2 * i) {
          composite[k] = true;
        }
      }
    }
    int[] out = new int[count];
    int j = 0;
    for (int i = 3; i < bound; i += 2) {
      if (!composite[i]) {
        out[j++] = i;
      }
    }
    return out;
  }
}
