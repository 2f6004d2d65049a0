// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** spec/core.md §6.2 and §6.3 against spec/vectors/core/prf-bits.json and prf-mod.json. */
class PrfKnownAnswerTest {
  @Test
  void ontoPowerOfTwo_matchesVectors() {
    for (Vector v : Vectors.load("core/prf-bits.json")) {
      Prf f = Prf.of(SecretBytes.copyOf(v.hex("key")));
      int bits = v.integer("bits").intValueExact();
      long expected = v.longValue("value");
      assertEquals(expected, f.evaluateBits(v.longValue("x"), bits));
      long[] one = new long[1];
      f.evaluateBits(v.longValue("x"), bits, one);
      assertEquals(expected, one[0], "batched form");
    }
  }

  @Test
  void ontoModulus_matchesVectors() {
    for (Vector v : Vectors.load("core/prf-mod.json")) {
      Prf f = Prf.of(SecretBytes.copyOf(v.hex("key")));
      BigInteger n = v.integer("n");
      assertEquals(v.integer("value"), f.evaluateMod(v.longValue("x"), n));
    }
  }

  @Test
  void preconditions_areEnforced() {
    assertThrows(IllegalArgumentException.class, () -> Prf.of(SecretBytes.copyOf(new byte[32])));
    Prf f = Prf.of(SecretBytes.copyOf(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> f.evaluateBits(0, 0));
    assertThrows(IllegalArgumentException.class, () -> f.evaluateBits(0, 65));
    assertThrows(IllegalArgumentException.class, () -> f.evaluateMod(0, BigInteger.ONE));
  }
}
