// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.stat;

/**
 * The outcome of a statistical test (spec/leakage.md §3.2): the statistic, its p-value under the
 * null hypothesis, and the significance level it is judged at.
 *
 * @param test the test's name, for example {@code "chi-square two-sample"}
 * @param statistic the test statistic (X^2, or D for Kolmogorov-Smirnov)
 * @param degreesOfFreedom the chi-square degrees of freedom; 0 for Kolmogorov-Smirnov
 * @param pValue the probability, under the null hypothesis, of a statistic at least as extreme
 * @param alpha the significance level
 */
public record TestResult(
    String test, double statistic, int degreesOfFreedom, double pValue, double alpha) {
  /**
   * Validates the fields.
   *
   * @param test the test's name, for example {@code "chi-square two-sample"}
   * @param statistic the test statistic (X^2, or D for Kolmogorov-Smirnov)
   * @param degreesOfFreedom the chi-square degrees of freedom; 0 for Kolmogorov-Smirnov
   * @param pValue the probability, under the null hypothesis, of a statistic at least as extreme
   * @param alpha the significance level
   * @throws IllegalArgumentException if the p-value is not in [0, 1] or alpha not in (0, 1)
   */
  public TestResult {
    java.util.Objects.requireNonNull(test, "test");
    if (!(pValue >= 0 && pValue <= 1) || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("pValue must be in [0, 1] and alpha in (0, 1)");
    }
  }

  /**
   * Returns whether the null hypothesis is rejected: p &lt; alpha.
   *
   * @return true if rejected
   */
  public boolean rejected() {
    return pValue < alpha;
  }

  /**
   * Throws an {@link AssertionError} if the null hypothesis (for example "the ciphertexts are
   * uniform") is rejected; for use in tests.
   *
   * @param what what the null hypothesis states, for the message
   * @throws AssertionError if rejected
   */
  public void assertNotRejected(String what) {
    if (rejected()) {
      throw new AssertionError(what + ": rejected by " + this);
    }
  }

  /**
   * Throws an {@link AssertionError} unless the null hypothesis is rejected; for tests that show
   * a leak.
   *
   * @param what what the null hypothesis states, for the message
   * @throws AssertionError if not rejected
   */
  public void assertRejected(String what) {
    if (!rejected()) {
      throw new AssertionError(what + ": not rejected by " + this);
    }
  }
}
