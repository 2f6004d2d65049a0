// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** spec/core.md §3: the derived draws are in range, unbiased and follow the stated algorithms. */
class RandomSourceTest {
  /** A source that replays fixed 64-bit words, to test rejection sampling step by step. */
  private static final class Replay implements RandomSource {
    private final long[] words;
    private int next;

    Replay(long... words) {
      this.words = words;
    }

    @Override
    public void nextBytes(byte[] out) {
      throw new UnsupportedOperationException("word source");
    }

    @Override
    public long nextLong() {
      return words[next++];
    }
  }

  @Test
  void uniformLong_rejectsValuesAtOrAboveBound() {
    // bound 5 needs 3 bits: top 3 bits 0b111 = 7 and 0b101 = 5 are rejected, 0b011 = 3 kept.
    Replay r = new Replay(0xE000000000000000L, 0xA000000000000000L, 0x6000000000000000L);
    assertEquals(3, r.uniformLong(5));
    assertEquals(3, r.next, "two rejections, one acceptance");
  }

  @Test
  void uniformLong_isUnbiasedOnANonPowerOfTwo() {
    // Chi-square with 2 degrees of freedom; 13.82 is the 0.999 quantile.
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(11);
    long[] counts = new long[3];
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      counts[(int) r.uniformLong(3)]++;
    }
    double chi = 0;
    for (long c : counts) {
      double d = c - n / 3.0;
      chi += d * d / (n / 3.0);
    }
    assertTrue(chi < 13.82, "chi-square " + chi + " counts " + Arrays.toString(counts));
  }

  @Test
  void uniformBigInteger_staysBelowBound_andReachesBothEnds() {
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(3);
    BigInteger bound = BigInteger.valueOf(257);
    boolean sawZero = false;
    boolean sawTop = false;
    for (int i = 0; i < 20_000; i++) {
      BigInteger v = r.uniform(bound);
      assertTrue(v.signum() >= 0 && v.compareTo(bound) < 0);
      sawZero |= v.signum() == 0;
      sawTop |= v.intValue() == 256;
    }
    assertTrue(sawZero && sawTop);
    assertEquals(BigInteger.ZERO, r.uniform(BigInteger.ONE));
    assertThrows(IllegalArgumentException.class, () -> r.uniform(BigInteger.ZERO));
    assertThrows(IllegalArgumentException.class, () -> r.uniformLong(0));
    assertThrows(IllegalArgumentException.class, () -> r.uniformBits(65));
  }

  @Test
  void gaussian_hasUnitMomentsAndBoundedTails() {
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(5);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    double max = 0;
    for (int i = 0; i < n; i++) {
      double z = r.nextGaussian();
      sum += z;
      sq += z * z;
      max = Math.max(max, Math.abs(z));
    }
    double mean = sum / n;
    double var = sq / n - mean * mean;
    // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance.
    assertEquals(0, mean, 0.012);
    assertEquals(1, var, 0.016);
    assertTrue(max <= 8.58, "Box-Muller with 53-bit u1 cannot exceed sqrt(-2 ln 2^-53)");
  }

  @Test
  void drbg_producesDistinctStreamsPerInstance() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    DrbgRandomSource.create().nextBytes(a);
    DrbgRandomSource.create().nextBytes(b);
    assertFalse(Arrays.equals(a, b));
    assertFalse(Arrays.equals(a, new byte[32]));
  }
}
