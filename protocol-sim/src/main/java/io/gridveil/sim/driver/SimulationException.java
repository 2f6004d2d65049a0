// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

/**
 * A simulation that cannot go on: a party failed in a way the protocol does not provide for, or a
 * scheme refused its configuration. The message names the scheme, the group and the round, never a
 * reading or a secret.
 */
public final class SimulationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and where
   */
  public SimulationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed and where
   * @param cause the underlying failure
   */
  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
