// SPDX-License-Identifier: Apache-2.0
/**
 * Statistical leakage checks for real parameters (spec/leakage.md §3): the two-sample chi-square
 * and Kolmogorov-Smirnov tests with exact-as-possible p-values, and the ciphertext uniformity and
 * independence tests built on them.
 *
 * <p>Every test takes a stated significance level alpha and returns a {@link
 * io.gridveil.leakage.stat.TestResult}; with samples drawn from a fixed seed each test is
 * reproducible, and under the null hypothesis it rejects with probability at most about alpha
 * (measured in the module's tests, spec/leakage.md §3.5).
 */
package io.gridveil.leakage.stat;
