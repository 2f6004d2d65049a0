// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * A reading lies outside the range or unit of the group's parameters (spec/core.md §2.4).
 */
public final class InvalidReadingException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId CORE-R-01, CORE-R-02 or CORE-R-03
   * @param detail the rule broken, never the value
   */
  public InvalidReadingException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
