// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Bins;
import io.gridveil.leakage.internal.Require;
import java.math.BigInteger;

/**
 * Reusable ciphertext checks for real parameters (spec/leakage.md §3.5): uniformity of a meter's
 * ciphertexts over Z_M, and independence of its successive ciphertexts.
 *
 * <p>A scheme's test draws its keys from a fixed seed, encrypts a fixed reading (or a reading
 * sequence) many times, and asserts that neither test rejects at its stated alpha.
 */
public final class CiphertextTests {
  private CiphertextTests() {}

  /**
   * Chi-square uniformity of values in Z_M, read as unsigned 64-bit integers, over k bins
   * (spec/leakage.md §3.5.1): goodness of fit against the exact probabilities of the bins
   * floor(v k / M).
   *
   * @param ciphertexts the sample, each in [0, M)
   * @param modulus M, from k to 2^64
   * @param bins k, at least 2
   * @param alpha the significance level
   * @return the result; rejected means the ciphertexts appear not uniform
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06 or LEAK-P-07
   */
  public static TestResult uniformity(long[] ciphertexts, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    long[] counts = ChiSquareTest.counts(Bins.ofUnsigned(ciphertexts, modulus, bins), bins);
    return ChiSquareTest.goodnessOfFit(counts, Bins.uniformProbabilities(modulus, bins), alpha);
  }

  /**
   * Chi-square uniformity of values in Z_M over k bins (spec/leakage.md §3.5.1).
   *
   * @param ciphertexts the sample, each in [0, M)
   * @param modulus M, at least k
   * @param bins k, at least 2
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06 or LEAK-P-07
   */
  public static TestResult uniformity(
      BigInteger[] ciphertexts, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    long[] counts = ChiSquareTest.counts(Bins.of(ciphertexts, modulus, bins), bins);
    return ChiSquareTest.goodnessOfFit(counts, Bins.uniformProbabilities(modulus, bins), alpha);
  }

  /**
   * Independence of successive ciphertexts of one meter (spec/leakage.md §3.5.2): the
   * non-overlapping pairs (c_0, c_1), (c_2, c_3), ... binned into a k x k contingency table and
   * tested with the chi-square test of independence.
   *
   * @param ciphertexts successive ciphertexts, each in [0, M), unsigned
   * @param modulus M, from k to 2^64
   * @param bins k per coordinate, at least 2
   * @param alpha the significance level
   * @return the result; rejected means successive ciphertexts appear dependent
   * @throws IllegalParameterException LEAK-P-05; LEAK-P-06 if fewer than 5 k^2 pairs; LEAK-P-07
   */
  public static TestResult independence(
      long[] ciphertexts, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    return pairs(Bins.ofUnsigned(ciphertexts, modulus, bins), bins, alpha);
  }

  /**
   * Independence of successive ciphertexts of one meter (spec/leakage.md §3.5.2).
   *
   * @param ciphertexts successive ciphertexts, each in [0, M)
   * @param modulus M, at least k
   * @param bins k per coordinate, at least 2
   * @param alpha the significance level
   * @return the result
   * @throws IllegalParameterException LEAK-P-05, LEAK-P-06 or LEAK-P-07
   */
  public static TestResult independence(
      BigInteger[] ciphertexts, BigInteger modulus, int bins, double alpha) {
    Require.alpha(alpha);
    return pairs(Bins.of(ciphertexts, modulus, bins), bins, alpha);
  }

  private static TestResult pairs(int[] bin, int k, double alpha) {
    long pairs = bin.length / 2;
    Require.that(
        pairs >= ChiSquareTest.MIN_EXPECTED * k * k,
        LeakageChecks.LEAK_P_06,
        "independence needs at least 5 k^2 pairs");
    long[][] table = new long[k][k];
    for (int t = 0; t + 1 < bin.length; t += 2) {
      table[bin[t]][bin[t + 1]]++;
    }
    return ChiSquareTest.independence(table, alpha);
  }
}
