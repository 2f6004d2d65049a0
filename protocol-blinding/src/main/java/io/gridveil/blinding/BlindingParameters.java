// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A blinding group's configuration (spec/blinding.md §1.3).
 *
 * @param nMax n_max, the largest group size, at least 2
 * @param tMax t_max, the largest absolute reading, at least 1
 * @param unit the unit of every reading
 * @param signed whether readings may be negative
 * @param keySize k, the Paillier modulus size
 * @param recovery whether TTP-assisted recovery of missing meters is on (§4.5)
 */
public record BlindingParameters(
    int nMax, long tMax, ReadingUnit unit, boolean signed, KeySize keySize, boolean recovery) {
  /**
   * Validates the parameters against the smallest modulus of the key size.
   *
   * @param nMax n_max, the largest group size, at least 2
   * @param tMax t_max, the largest absolute reading, at least 1
   * @param unit the unit of every reading
   * @param signed whether readings may be negative
   * @param keySize k, the Paillier modulus size
   * @param recovery whether TTP-assisted recovery of missing meters is on (§4.5)
   * @throws io.gridveil.core.IllegalParameterException CORE-P-01, CORE-P-02, CORE-P-04, CORE-P-05
   *     or CORE-P-06 as for {@link AggregationParameters}
   */
  public BlindingParameters {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(keySize, "keySize");
    new AggregationParameters(
        nMax, tMax, new Modulus(BigInteger.ONE.shiftLeft(keySize.bits() - 1)), signed, unit);
  }

  /**
   * Unsigned Wh parameters at 2048 bits.
   *
   * @param nMax n_max
   * @param tMax t_max
   * @param recovery whether recovery is on
   * @return the parameters
   */
  public static BlindingParameters of(int nMax, long tMax, boolean recovery) {
    return new BlindingParameters(nMax, tMax, ReadingUnit.WATT_HOUR, false, KeySize.BITS_2048, recovery);
  }

  /**
   * Returns the core aggregation parameters over M = N (spec/blinding.md §1.3), which enforce
   * n_max * t_max &lt; N.
   *
   * @param n N
   * @return the parameters
   */
  public AggregationParameters aggregation(BigInteger n) {
    return new AggregationParameters(nMax, tMax, new Modulus(n), signed, unit);
  }
}
