// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.CheckAssertions;
import io.gridveil.testkit.CoreArbitraries;
import java.math.BigInteger;
import java.util.OptionalLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class AggregationParametersProperties {
  @Provide
  Arbitrary<AggregationParameters> parameters() {
    return CoreArbitraries.unsignedPowerOfTwoParameters();
  }

  /** spec/core.md §2.3: every sum of admissible readings decodes exactly from its residue. */
  @Property
  void sumOfAdmissibleReadings_decodesExactly(
      @ForAll("parameters") AggregationParameters p,
      @ForAll @IntRange(min = 0, max = 64) int count,
      @ForAll @LongRange(min = 0) long seed) {
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
  @Property
  void boundary_isExactlyMMinusOne(
      @ForAll @IntRange(min = 2, max = 62) int bits, @ForAll @IntRange(min = 2, max = 64) int n) {
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
