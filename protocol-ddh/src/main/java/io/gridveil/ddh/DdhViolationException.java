// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * Input from outside broke a rule of spec/ddh.md; the party's state is unchanged.
 */
public final class DdhViolationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId the check that failed (spec/checks.md)
   * @param detail what failed, naming fields and rules only, never secrets or readings
   */
  public DdhViolationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
