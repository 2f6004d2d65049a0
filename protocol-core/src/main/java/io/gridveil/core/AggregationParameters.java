// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A group's aggregation parameters (spec/core.md §2.3): at most n_max meters, readings at most
 * t_max in absolute value, modulus M, and whether readings may be negative (net metering).
 *
 * <p>Overflow is impossible by construction: the constructor refuses any setting where the largest
 * possible sum could reach M (unsigned: n_max * t_max &lt; M), or where its absolute value could
 * reach M/2 (signed: 2 * n_max * t_max &lt; M), so every decoded sum is exact.
 *
 * @param nMax n_max, the largest group size, at least 2
 * @param tMax t_max, the largest absolute reading, at least 1
 * @param modulus M
 * @param signed whether readings may be negative
 * @param unit the unit every reading of the group is counted in
 */
public record AggregationParameters(
    int nMax, long tMax, Modulus modulus, boolean signed, ReadingUnit unit) {

  /**
   * Validates the parameters (CORE-P-01, CORE-P-02, CORE-P-04, CORE-P-05, CORE-P-06).
   *
   * @param nMax n_max, the largest group size, at least 2
   * @param tMax t_max, the largest absolute reading, at least 1
   * @param modulus M
   * @param signed whether readings may be negative
   * @param unit the unit every reading of the group is counted in
   * @throws IllegalParameterException with the ID of the first check that fails
   */
  public AggregationParameters {
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(unit, "unit");
    if (nMax < 2) {
      throw new IllegalParameterException(CoreChecks.CORE_P_01, "n_max must be at least 2");
    }
    if (tMax < 1) {
      throw new IllegalParameterException(CoreChecks.CORE_P_02, "t_max must be at least 1");
    }
    BigInteger largest = BigInteger.valueOf(nMax).multiply(BigInteger.valueOf(tMax));
    if (largest.bitLength() > 63) {
      throw new IllegalParameterException(CoreChecks.CORE_P_06, "n_max * t_max must be below 2^63");
    }
    if (signed) {
      if (largest.shiftLeft(1).compareTo(modulus.value()) >= 0) {
        throw new IllegalParameterException(
            CoreChecks.CORE_P_05, "signed readings need 2 * n_max * t_max < M");
      }
    } else if (largest.compareTo(modulus.value()) >= 0) {
      throw new IllegalParameterException(CoreChecks.CORE_P_04, "n_max * t_max must be below M");
    }
  }

  /**
   * Returns unsigned Wh parameters over M = 2^b.
   *
   * @param nMax n_max
   * @param tMax t_max
   * @param bits b
   * @return the parameters
   */
  public static AggregationParameters unsignedPowerOfTwo(int nMax, long tMax, int bits) {
    return new AggregationParameters(
        nMax, tMax, Modulus.powerOfTwo(bits), false, ReadingUnit.WATT_HOUR);
  }

  /**
   * Checks that a reading is admissible in this group (spec/core.md §2.4).
   *
   * @param reading e_ij
   * @return the same reading
   * @throws InvalidReadingException CORE-R-03 for another unit, CORE-R-02 for a negative reading
   *     under unsigned parameters, CORE-R-01 when |e_ij| &gt; t_max
   */
  public Reading check(Reading reading) throws InvalidReadingException {
    Objects.requireNonNull(reading, "reading");
    if (reading.unit() != unit) {
      throw new InvalidReadingException(CoreChecks.CORE_R_03, "reading unit differs from the group's");
    }
    long v = reading.value();
    if (v < 0 && !signed) {
      throw new InvalidReadingException(CoreChecks.CORE_R_02, "negative reading in an unsigned group");
    }
    if (v > tMax || v < -tMax) {
      throw new InvalidReadingException(CoreChecks.CORE_R_01, "reading magnitude exceeds t_max");
    }
    return reading;
  }

  /**
   * Returns the largest possible |sum| of a round, n_max * t_max.
   *
   * @return the bound, which fits in a long by CORE-P-06
   */
  public long maxSum() {
    return nMax * tMax;
  }

  /**
   * Decodes a sum residue modulo M = 2^b (b &lt;= 64) into the integer sum of {@code contributors}
   * readings (spec/core.md §2.3).
   *
   * <p>Unsigned: the residue itself. Signed: the representative in [-M/2, M/2). The result is
   * empty when that integer is not a possible sum of {@code contributors} admissible readings
   * (negative while unsigned, or beyond contributors * t_max in absolute value): such a residue can
   * only come from a wrong computation or a tampered contribution, and the round must be void.
   *
   * @param residue the sum mod M, in the low b bits
   * @param contributors the number of readings summed, from 0 to n_max
   * @return the exact sum, or empty if no admissible readings give this residue
   * @throws IllegalArgumentException if contributors is outside [0, n_max]
   */
  public OptionalLong decodeSum(long residue, int contributors) {
    long mask = modulus.mask();
    long r = residue & mask;
    int b = modulus.bits();
    long sum = r;
    if (signed && b < 64 && (r >>> (b - 1)) != 0) {
      sum = r - (1L << b);
    }
    return admissible(sum, contributors);
  }

  /**
   * Decodes a sum residue modulo any M into the integer sum of {@code contributors} readings
   * (spec/core.md §2.3), with the same emptiness rule as {@link #decodeSum(long, int)}.
   *
   * @param residue the sum mod M, in [0, M)
   * @param contributors the number of readings summed, from 0 to n_max
   * @return the exact sum, or empty if no admissible readings give this residue
   * @throws IllegalArgumentException if the residue is outside [0, M) or contributors outside
   *     [0, n_max]
   */
  public OptionalLong decodeSum(BigInteger residue, int contributors) {
    BigInteger m = modulus.value();
    if (residue.signum() < 0 || residue.compareTo(m) >= 0) {
      throw new IllegalArgumentException("residue must be in [0, M)");
    }
    BigInteger sum = residue;
    if (signed && residue.shiftLeft(1).compareTo(m) >= 0) {
      sum = residue.subtract(m);
    }
    if (sum.bitLength() > 63) {
      checkContributors(contributors);
      return OptionalLong.empty();
    }
    return admissible(sum.longValue(), contributors);
  }

  private OptionalLong admissible(long sum, int contributors) {
    checkContributors(contributors);
    long bound = contributors * tMax;
    if ((!signed && sum < 0) || sum > bound || sum < -bound) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(sum);
  }

  private void checkContributors(int contributors) {
    if (contributors < 0 || contributors > nMax) {
      throw new IllegalArgumentException("contributors must be in [0, n_max]");
    }
  }
}
