// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.CheckAssertions;
import io.gridveil.testkit.CoreGens;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AggregationParametersProperties {
  /** spec/core.md §2.3: every sum of admissible readings decodes exactly from its residue. */
  @Test
  void sumOfAdmissibleReadings_decodesExactly() {
    Pbt.property()
        .forAll(CoreGens.unsignedPowerOfTwoParameters(), Gens.integers(0, 64),
            Gens.longs(0, Long.MAX_VALUE))
        .check(AggregationParametersProperties::decodesExactly);
  }

  private static void decodesExactly(AggregationParameters p, int count, long seed) {
    int n = Math.min(count, p.nMax());
    long sum = 0;
    long residue = 0;
    long x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      long e = i == 0 ? p.tMax() : Long.remainderUnsigned(x, p.tMax() + 1);
      sum += e;
      residue += e;
    }
    assertEquals(OptionalLong.of(sum), p.decodeSum(residue, n));
    BigInteger m = p.modulus().value();
    assertEquals(OptionalLong.of(sum), p.decodeSum(BigInteger.valueOf(sum).mod(m), n));
  }

  /** spec/core.md §2.3: the boundary n_max * t_max = M - 1 is admissible, M is not. */
  @Test
  void boundary_isExactlyMMinusOne() {
    Pbt.property().forAll(Gens.integers(2, 62), Gens.integers(2, 64))
        .check(AggregationParametersProperties::boundaryIsExactlyMMinusOne);
  }

  private static void boundaryIsExactlyMMinusOne(int bits, int n) {
    long m = 1L << bits;
    long t = (m - 1) / n;
    if (t < 1) {
      return;
    }
    new AggregationParameters(n, t, Modulus.powerOfTwo(bits), false, ReadingUnit.WATT_HOUR);
    // floor((M - 1) / n) is the largest t_max: one more reaches M.
    CheckAssertions.assertRefused(
        "CORE-P-04",
        () ->
            new AggregationParameters(
                n, t + 1, Modulus.powerOfTwo(bits), false, ReadingUnit.WATT_HOUR));
  }
}
