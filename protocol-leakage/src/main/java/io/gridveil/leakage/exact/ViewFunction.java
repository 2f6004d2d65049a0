// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import io.gridveil.core.random.RandomSource;

/**
 * One run of a protocol at toy parameters, returning a coalition's view (spec/leakage.md §2.3).
 *
 * <p>The function must be deterministic given its input and tape: it takes every random draw
 * from {@code tape}, keeps no state between calls, and reads no clock. Secret randomness (keys,
 * deltas, pads, blinding) must come from the tape's {@code uniform*} methods, which the checker
 * enumerates.
 *
 * @param <I> the input type, typically a matrix of readings per meter per round
 */
@FunctionalInterface
public interface ViewFunction<I> {
  /**
   * Runs the protocol once.
   *
   * @param input the input, for example the readings e_ij
   * @param tape the only source of randomness
   * @return the coalition's view of this run
   * @throws Exception if the protocol fails; the checker rethrows it wrapped
   */
  View run(I input, RandomSource tape) throws Exception;
}
