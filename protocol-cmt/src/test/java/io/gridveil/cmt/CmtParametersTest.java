// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The parameter checks of spec/cmt.md §1.2. */
class CmtParametersTest {
  private static final AggregationParameters AGG =
      AggregationParameters.unsignedPowerOfTwo(10, 100, 64);

  @Test
  void defaults_areTheSpecsDefaults() {
    CmtParameters p = CmtParameters.defaults(AGG);
    assertEquals(5, p.minGroupSize());
    assertEquals(3, p.discoveryAttempts());
    assertEquals(false, p.secureSum());
    assertEquals(64, p.bits());
    assertEquals(-1L, p.mask());
  }

  @Test
  void modulusNotPowerOfTwo_isRefused() {
    AggregationParameters odd = new AggregationParameters(2, 10, new Modulus(BigInteger.valueOf(
        1000)), false, ReadingUnit.WATT_HOUR);
    assertRefused("CMT-P-01", () -> CmtParameters.defaults(odd));
    AggregationParameters wide = AggregationParameters.unsignedPowerOfTwo(2, 10, 65);
    assertRefused("CMT-P-01", () -> CmtParameters.defaults(wide));
  }

  @Test
  void minGroupSize_outOfRange_isRefused() {
    assertRefused("CMT-P-02", () -> new CmtParameters(AGG, 1, 3, false, 4));
    assertRefused("CMT-P-02", () -> new CmtParameters(AGG, 11, 3, false, 4));
  }

  @Test
  void attemptsAndWindow_atLeastOne() {
    assertRefused("CMT-P-03", () -> new CmtParameters(AGG, 2, 0, false, 4));
    assertRefused("CMT-P-04", () -> new CmtParameters(AGG, 2, 1, false, 0));
  }

  @Test
  void masterSecret_mustBe32Bytes() {
    assertRefused("CMT-P-05", () -> MeterSecret.of(SecretBytes.copyOf(new byte[16])));
    assertEquals("MeterSecret[redacted]", MeterSecret.of(SecretBytes.copyOf(new byte[32]))
        .toString());
  }
}
