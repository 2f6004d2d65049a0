// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

/**
 * A command line the program cannot run: the message is one line that names the problem, and the
 * program exits with code 2 (spec/sim.md §6.2).
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
