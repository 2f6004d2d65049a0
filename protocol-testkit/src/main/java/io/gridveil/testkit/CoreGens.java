// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Token;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import java.math.BigInteger;

/**
 * Generators for core values that reach the edges: n = 2 and n_max, readings 0 and t_max, the
 * modulus boundary n_max * t_max = M - 1.
 */
public final class CoreGens {
  private CoreGens() {}

  /**
   * Unsigned parameters over M = 2^b, b in [2, 64], with n_max in [2, 64]: one sample in four is
   * the smallest group (n_max = 2, t_max = 1, M = 4); of the others, half sit exactly on the
   * boundary n_max * t_max = M - 1 or its largest admissible t_max.
   *
   * @return the generator
   */
  public static Gen<AggregationParameters> unsignedPowerOfTwoParameters() {
    Gen<AggregationParameters> any =
        Gens.zip(
            Gens.integers(2, 64),
            Gens.integers(2, 64),
            Gens.doubles(0, 1),
            Gens.booleans(),
            (bits, nMax, fraction, edge) -> {
              int b = Math.max(bits, 33 - Integer.numberOfLeadingZeros(nMax));
              BigInteger m = BigInteger.ONE.shiftLeft(b);
              BigInteger cap = m.subtract(BigInteger.ONE).divide(BigInteger.valueOf(nMax));
              cap = cap.min(BigInteger.valueOf(Long.MAX_VALUE / nMax));
              long tMax =
                  edge
                      ? cap.longValue()
                      : Math.min(
                          cap.longValue(), Math.max(1, (long) (cap.doubleValue() * fraction)));
              return new AggregationParameters(
                  nMax, tMax, new Modulus(m), false, ReadingUnit.WATT_HOUR);
            });
    return Gens.withEdges(any, AggregationParameters.unsignedPowerOfTwo(2, 1, 2));
  }

  /**
   * Uniform tokens.
   *
   * @return the generator
   */
  public static Gen<Token> tokens() {
    return Gens.longs().zip(Gens.longs(), Token::new);
  }
}
