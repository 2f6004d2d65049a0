// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * A data file the simulator cannot use (spec/sim.md §3): the message names the check, the file and
 * the line, and never quotes a reading.
 */
public final class DataFormatException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line of the defect, or 0 when it concerns the file as a whole. */
  private final long line;

  /**
   * Creates the exception.
   *
   * @param checkId the SIM-D check that failed
   * @param source the file name as the user gave it
   * @param line the 1-based line, or 0 for the whole file
   * @param problem what is wrong, without any reading value
   */
  public DataFormatException(CheckId checkId, String source, long line, String problem) {
    super(checkId, line > 0 ? source + " line " + line + ": " + problem : source + ": " + problem);
    this.line = line;
  }

  /**
   * Returns the line of the defect.
   *
   * @return the 1-based line, or 0 when the defect concerns the whole file
   */
  public long line() {
    return line;
  }
}
