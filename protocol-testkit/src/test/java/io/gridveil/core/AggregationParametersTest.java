// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AggregationParametersTest {
  private static AggregationParameters params(int n, long t, int bits, boolean signed) {
    return new AggregationParameters(n, t, Modulus.powerOfTwo(bits), signed, ReadingUnit.WATT_HOUR);
  }

  @Test
  void construction_refusesEveryOverflowingSetting() {
    assertRefused("CORE-P-01", () -> params(1, 1, 8, false));
    assertRefused("CORE-P-02", () -> params(2, 0, 8, false));
    assertRefused("CORE-P-03", () -> new Modulus(BigInteger.ONE));
    // 2^3 = 8: n * t = 8 reaches M, refused; n * t = 7 is the largest admissible.
    assertRefused("CORE-P-04", () -> params(2, 4, 3, false));
    assertEquals(7, params(7, 1, 3, false).maxSum());
    // Signed: 2 * n * t must stay below M.
    assertRefused("CORE-P-05", () -> params(2, 2, 3, true));
    assertEquals(3, params(3, 1, 3, true).maxSum());
    assertRefused("CORE-P-06", () -> params(4, Long.MAX_VALUE / 2, 64, false));
    assertEquals(Long.MAX_VALUE - 1, params(2, Long.MAX_VALUE / 2, 64, false).maxSum());
  }

  @Test
  void check_refusesReadingsOutsideTheGroupRange() throws Exception {
    AggregationParameters unsigned = params(4, 100, 16, false);
    AggregationParameters signed = params(4, 100, 16, true);
    assertViolation("CORE-R-01", () -> unsigned.check(Reading.ofWattHours(101)));
    assertViolation("CORE-R-01", () -> signed.check(Reading.ofWattHours(-101)));
    assertViolation("CORE-R-02", () -> unsigned.check(Reading.ofWattHours(-1)));
    assertViolation(
        "CORE-R-03", () -> unsigned.check(new Reading(5, ReadingUnit.MILLIWATT_HOUR)));
    assertEquals(100, unsigned.check(Reading.ofWattHours(100)).value());
    assertEquals(-100, signed.check(Reading.ofWattHours(-100)).value());
    assertEquals(0, unsigned.check(Reading.ofWattHours(0)).value());
  }

  @Test
  void decodeSum_signedResidueMapsToNegativeSum() {
    AggregationParameters signed = params(4, 100, 16, true);
    assertEquals(OptionalLong.of(-5), signed.decodeSum(65536 - 5, 4));
    assertEquals(OptionalLong.of(-5), signed.decodeSum(BigInteger.valueOf(65536 - 5), 4));
    AggregationParameters full = params(4, 100, 64, true);
    assertEquals(OptionalLong.of(-400), full.decodeSum(-400L, 4));
  }

  @Test
  void decodeSum_inadmissibleResidueIsEmpty() {
    AggregationParameters p = params(4, 100, 16, false);
    assertTrue(p.decodeSum(401, 4).isEmpty(), "above contributors * t_max");
    assertTrue(p.decodeSum(101, 1).isEmpty(), "one contributor cannot exceed t_max");
    assertEquals(OptionalLong.of(400), p.decodeSum(400, 4));
    AggregationParameters s = params(4, 100, 16, true);
    assertTrue(s.decodeSum(65536 - 401, 4).isEmpty(), "below -contributors * t_max");
    AggregationParameters big =
        new AggregationParameters(
            4, 100, new Modulus(BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE)), false,
            ReadingUnit.WATT_HOUR);
    assertTrue(big.decodeSum(BigInteger.ONE.shiftLeft(100), 4).isEmpty(), "beyond a long");
  }
}
