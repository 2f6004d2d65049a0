// SPDX-License-Identifier: Apache-2.0
/**
 * The exact view checker (spec/leakage.md §2): a protocol run at toy parameters draws all its
 * secret randomness from an enumerable {@link io.gridveil.leakage.exact.TapeRandomSource}; the
 * {@link io.gridveil.leakage.exact.ExactViewChecker} runs it on every tape and counts, exactly,
 * how often each coalition {@link io.gridveil.leakage.exact.View} occurs.
 *
 * <p>Usage: write a {@link io.gridveil.leakage.exact.ViewFunction} that runs the protocol once on
 * an input matrix with every random draw taken from the given source and returns the coalition's
 * view; then {@code ExactViewChecker.assertIndistinguishable(f, inputA, inputB)} for two inputs
 * with the same permitted output, or {@code assertDistinguishable} where the spec says the
 * coalition breaks privacy. Keep the tape small: the cost is one execution per tape, the product
 * of the bounds of all draws (spec/leakage.md §2.5).
 */
package io.gridveil.leakage.exact;
