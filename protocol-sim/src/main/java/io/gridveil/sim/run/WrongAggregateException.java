// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

/**
 * A round whose exact aggregate differs from the plaintext sum of its contributors (spec/sim.md
 * §4.5). It must never happen: the run stops at once and the program exits with code 3. The
 * message names the scheme, group and round, never a reading.
 */
public final class WrongAggregateException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the scheme, group and round, and what differs
   */
  public WrongAggregateException(String message) {
    super(message);
  }
}
