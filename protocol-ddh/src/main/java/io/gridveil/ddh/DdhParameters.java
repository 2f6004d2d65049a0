// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import java.util.Objects;

/**
 * The parameters of an EDAT group (spec/ddh.md §1.3): the aggregation parameters over M = 2^b
 * (b &lt;= 64) and the smallest number of contributors for which the supplier decrypts a round.
 *
 * @param aggregation n_max, t_max, M, signedness and unit
 * @param minContributors k_min, at least 2 and at most n_max
 */
public record DdhParameters(AggregationParameters aggregation, int minContributors) {
  /** The default k_min. */
  public static final int DEFAULT_MIN_CONTRIBUTORS = 3;

  /**
   * Validates the parameters.
   *
   * @param aggregation n_max, t_max, M, signedness and unit
   * @param minContributors k_min, at least 2 and at most n_max
   * @throws IllegalParameterException DDH-P-01 unless M = 2^b with b &lt;= 64, DDH-P-02 if
   *     n_max &lt; 3, DDH-P-03 unless 2 &lt;= k_min &lt;= n_max
   */
  public DdhParameters {
    Objects.requireNonNull(aggregation, "aggregation");
    Modulus m = aggregation.modulus();
    if (!m.isPowerOfTwo() || m.bits() > 64) {
      throw new IllegalParameterException(DdhChecks.DDH_P_01, "M must be 2^b with b <= 64");
    }
    if (aggregation.nMax() < 3) {
      throw new IllegalParameterException(DdhChecks.DDH_P_02, "n_max must be at least 3");
    }
    if (minContributors < 2 || minContributors > aggregation.nMax()) {
      throw new IllegalParameterException(DdhChecks.DDH_P_03, "k_min must be in [2, n_max]");
    }
  }

  /**
   * Returns parameters with M = 2^b, unsigned Wh readings and k_min = min(3, n_max).
   *
   * @param nMax n_max
   * @param tMax t_max
   * @param bits b
   * @return the parameters
   */
  public static DdhParameters of(int nMax, long tMax, int bits) {
    return new DdhParameters(
        new AggregationParameters(nMax, tMax, Modulus.powerOfTwo(bits), false, ReadingUnit.WATT_HOUR),
        Math.min(DEFAULT_MIN_CONTRIBUTORS, Math.max(2, nMax)));
  }

  /**
   * Returns b for M = 2^b.
   *
   * @return the number of bits of a residue
   */
  public int bits() {
    return aggregation.modulus().bits();
  }

  /**
   * Returns the mask 2^b - 1.
   *
   * @return the mask
   */
  public long mask() {
    return aggregation.modulus().mask();
  }

  /**
   * Returns n_max.
   *
   * @return the largest group size
   */
  public int nMax() {
    return aggregation.nMax();
  }
}
