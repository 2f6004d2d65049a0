// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.IllegalParameterException;
import java.util.Objects;

/**
 * A CMT group's parameters (spec/cmt.md §1.2).
 *
 * @param aggregation n_max, t_max, M = 2^b (2 &lt;= b &lt;= 64), signedness and unit
 * @param minGroupSize m_min, the smallest group the LC keys and the supplier accepts
 * @param discoveryAttempts A, unanswered discovery broadcasts before self-election
 * @param secureSum whether K is computed by the ring secure sum (spec/cmt.md §3.5)
 * @param roundWindow W, how many rounds ahead a meter buffers early deltas and readings
 */
public record CmtParameters(
    AggregationParameters aggregation,
    int minGroupSize,
    int discoveryAttempts,
    boolean secureSum,
    int roundWindow) {

  /** The default minimum group size (spec/cmt.md §3.12). */
  public static final int DEFAULT_MIN_GROUP_SIZE = 5;
  /** The default number of discovery attempts (spec/cmt.md §1.2). */
  public static final int DEFAULT_DISCOVERY_ATTEMPTS = 3;
  /** The default round window (spec/cmt.md §1.2). */
  public static final int DEFAULT_ROUND_WINDOW = 4;

  /**
   * Validates the parameters (CMT-P-01 to CMT-P-04).
   *
   * @param aggregation n_max, t_max, M = 2^b (2 &lt;= b &lt;= 64), signedness and unit
   * @param minGroupSize m_min, the smallest group the LC keys and the supplier accepts
   * @param discoveryAttempts A, unanswered discovery broadcasts before self-election
   * @param secureSum whether K is computed by the ring secure sum (spec/cmt.md §3.5)
   * @param roundWindow W, how many rounds ahead a meter buffers early deltas and readings
   * @throws IllegalParameterException with the ID of the first check that fails
   */
  public CmtParameters {
    Objects.requireNonNull(aggregation, "aggregation");
    if (!aggregation.modulus().isPowerOfTwo()
        || aggregation.modulus().bits() < 2
        || aggregation.modulus().bits() > 64) {
      throw new IllegalParameterException(CmtChecks.CMT_P_01, "M must be 2^b with 2 <= b <= 64");
    }
    if (minGroupSize < 2 || minGroupSize > aggregation.nMax()) {
      throw new IllegalParameterException(CmtChecks.CMT_P_02, "m_min must be in [2, n_max]");
    }
    if (discoveryAttempts < 1) {
      throw new IllegalParameterException(CmtChecks.CMT_P_03, "discovery attempts must be >= 1");
    }
    if (roundWindow < 1) {
      throw new IllegalParameterException(CmtChecks.CMT_P_04, "round window must be >= 1");
    }
  }

  /**
   * Returns parameters with the defaults of spec/cmt.md §1.2 (m_min = min(5, n_max), A = 3, no
   * secure sum, W = 4).
   *
   * @param aggregation n_max, t_max, M and unit
   * @return the parameters
   */
  public static CmtParameters defaults(AggregationParameters aggregation) {
    return new CmtParameters(
        aggregation,
        Math.min(DEFAULT_MIN_GROUP_SIZE, aggregation.nMax()),
        DEFAULT_DISCOVERY_ATTEMPTS,
        false,
        DEFAULT_ROUND_WINDOW);
  }

  /**
   * Returns a copy with another minimum group size.
   *
   * @param m m_min
   * @return the parameters
   */
  public CmtParameters withMinGroupSize(int m) {
    return new CmtParameters(aggregation, m, discoveryAttempts, secureSum, roundWindow);
  }

  /**
   * Returns a copy with the secure-sum option set.
   *
   * @param on whether K is computed by the ring secure sum
   * @return the parameters
   */
  public CmtParameters withSecureSum(boolean on) {
    return new CmtParameters(aggregation, minGroupSize, discoveryAttempts, on, roundWindow);
  }

  /**
   * Returns a copy with another number of discovery attempts.
   *
   * @param attempts A
   * @return the parameters
   */
  public CmtParameters withDiscoveryAttempts(int attempts) {
    return new CmtParameters(aggregation, minGroupSize, attempts, secureSum, roundWindow);
  }

  /**
   * Returns b, the number of bits of M.
   *
   * @return b
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
}
