// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PrfProperties {
  /** spec/core.md §6.2: the batched form equals the single form at every position. */
  @Property(tries = 50)
  void batched_equalsOneByOne(
      @ForAll @Size(16) byte[] key,
      @ForAll long x0,
      @ForAll @IntRange(min = 1, max = 64) int bits,
      @ForAll @IntRange(min = 0, max = 2100) int count) {
    Prf f = Prf.of(SecretBytes.copyOf(key));
    long[] out = new long[count];
    f.evaluateBits(x0, bits, out);
    for (int i = 0; i < count; i++) {
      assertEquals(f.evaluateBits(x0 + i, bits), out[i]);
      if (bits < 64) {
        assertEquals(0, out[i] >>> bits, "the value has at most b bits");
      }
    }
  }

  /** spec/core.md §6.3: outputs onto Z_N lie in [0, N) for every N, including 2^k and 2^k + 1. */
  @Property(tries = 100)
  void ontoModulus_isInRange(
      @ForAll @Size(16) byte[] key,
      @ForAll long x,
      @ForAll @IntRange(min = 1, max = 3100) int bits,
      @ForAll @IntRange(min = -1, max = 1) int offset) {
    BigInteger n = BigInteger.ONE.shiftLeft(bits).add(BigInteger.valueOf(offset)).max(BigInteger.TWO);
    BigInteger v = Prf.of(SecretBytes.copyOf(key)).evaluateMod(x, n);
    assertTrue(v.signum() >= 0 && v.compareTo(n) < 0);
  }
}
