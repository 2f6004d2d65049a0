// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

/** The program's exit codes (spec/sim.md §6.2). */
public final class ExitCodes {
  /** The run completed and every aggregate was checked exact. */
  public static final int OK = 0;

  /** An unexpected internal failure; the message names it. */
  public static final int INTERNAL = 1;

  /** A bad option or a malformed data file. */
  public static final int USAGE = 2;

  /** An aggregate or bill differed from the plaintext truth: must never happen. */
  public static final int WRONG_AGGREGATE = 3;

  private ExitCodes() {}
}
