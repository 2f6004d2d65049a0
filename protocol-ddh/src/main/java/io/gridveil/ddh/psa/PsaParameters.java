// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.IllegalParameterException;
import java.util.Objects;

/**
 * The parameters of a PSA group (spec/ddh.md §7.1): n_max, t_max, signedness and unit; the
 * modulus of the aggregation parameters is not used (sums live in the exponent of P-256).
 *
 * @param aggregation n_max, t_max, signedness and unit
 */
public record PsaParameters(AggregationParameters aggregation) {
  /** The largest discrete-log search width. */
  public static final long MAX_WIDTH = 1L << 40;

  /**
   * Validates the search width.
   *
   * @param aggregation n_max, t_max, signedness and unit
   * @throws IllegalParameterException PSA-P-01 if the width of spec/ddh.md §7.4 exceeds 2^40
   */
  public PsaParameters {
    Objects.requireNonNull(aggregation, "aggregation");
    long b = aggregation.maxSum();
    if (b >= MAX_WIDTH || width(b, aggregation.signed()) > MAX_WIDTH) {
      throw new IllegalParameterException(PsaChecks.PSA_P_01, "discrete-log width must be at most 2^40");
    }
  }

  private static long width(long b, boolean signed) {
    return signed ? 2 * b + 1 : b + 1;
  }

  /**
   * Returns the search width W: n_max * t_max + 1, or 2 * n_max * t_max + 1 for signed readings.
   *
   * @return W
   */
  public long width() {
    return width(aggregation.maxSum(), aggregation.signed());
  }

  /**
   * Returns the offset added before the search: n_max * t_max when signed, else 0.
   *
   * @return the offset
   */
  public long offset() {
    return aggregation.signed() ? aggregation.maxSum() : 0;
  }
}
