// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import org.junit.jupiter.api.Test;

class PrfProperties {
  /** spec/core.md §6.2: the batched form equals the single form at every position. */
  @Test
  void batched_equalsOneByOne() {
    Pbt.property(50)
        .forAll(Gens.bytes(16, 16), Gens.longs(), Gens.integers(1, 64), Gens.integers(0, 2100))
        .check(PrfProperties::batchedEqualsOneByOne);
  }

  private static void batchedEqualsOneByOne(byte[] key, long x0, int bits, int count) {
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
  @Test
  void ontoModulus_isInRange() {
    Pbt.property(100)
        .forAll(Gens.bytes(16, 16), Gens.longs(), Gens.integers(1, 3100), Gens.integers(-1, 1))
        .check(PrfProperties::ontoModulusIsInRange);
  }

  private static void ontoModulusIsInRange(byte[] key, long x, int bits, int offset) {
    BigInteger n = BigInteger.ONE.shiftLeft(bits).add(BigInteger.valueOf(offset)).max(BigInteger.TWO);
    BigInteger v = Prf.of(SecretBytes.copyOf(key)).evaluateMod(x, n);
    assertTrue(v.signum() >= 0 && v.compareTo(n) < 0);
  }
}
