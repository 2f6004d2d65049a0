// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.random.RandomSource;

/**
 * The sans-I/O party contract (spec/core.md §8): a party is an immutable state; feeding it one
 * input returns the next state, the envelopes to send and the events observed.
 *
 * <p>A party opens no socket, reads no clock, keeps no thread and draws randomness only from the
 * source passed to {@link #step}. A rejected input throws and leaves the state unchanged: the
 * caller keeps using the same state object, since states are immutable.
 *
 * @param <S> the party's own state type
 * @param <I> the party's input type (inbound envelopes, timer ticks, local readings)
 */
public interface Party<S extends Party<S, I>, I> {
  /**
   * Consumes one input.
   *
   * @param input the input
   * @param random the injected random source for any draw this step makes
   * @return the next state, the envelopes to send and the events observed
   * @throws ProtocolViolationException if the input breaks a check; the state is unchanged
   */
  Step<S> step(I input, RandomSource random) throws ProtocolViolationException;
}
