// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Token;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for core values that reach the edges: n = 2 and n_max, readings 0 and t_max,
 * the modulus boundary n_max * t_max = M - 1.
 */
public final class CoreArbitraries {
  private CoreArbitraries() {}

  /**
   * Unsigned parameters over M = 2^b, b in [2, 64], with n_max in [2, 64]; a quarter of the
   * samples sit exactly on the boundary n_max * t_max = M - 1 or its largest admissible t_max.
   *
   * @return the arbitrary
   */
  public static Arbitrary<AggregationParameters> unsignedPowerOfTwoParameters() {
    return Combinators.combine(
            Arbitraries.integers().between(2, 64),
            Arbitraries.integers().between(2, 64),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.of(true, false))
        .as(
            (bits, nMax, fraction, edge) -> {
              int b = Math.max(bits, 33 - Integer.numberOfLeadingZeros(nMax));
              BigInteger m = BigInteger.ONE.shiftLeft(b);
              BigInteger cap = m.subtract(BigInteger.ONE).divide(BigInteger.valueOf(nMax));
              cap = cap.min(BigInteger.valueOf(Long.MAX_VALUE / nMax));
              long tMax =
                  edge
                      ? cap.longValue()
                      : Math.min(cap.longValue(), Math.max(1, (long) (cap.doubleValue() * fraction)));
              return new AggregationParameters(
                  nMax, tMax, new Modulus(m), false, ReadingUnit.WATT_HOUR);
            })
        .edgeCases(c -> c.add(AggregationParameters.unsignedPowerOfTwo(2, 1, 2)));
  }

  /**
   * Uniform tokens.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Token> tokens() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Token::new);
  }
}
