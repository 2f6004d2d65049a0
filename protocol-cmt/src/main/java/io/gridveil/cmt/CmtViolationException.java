// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * A CMT message or input broke a check of spec/cmt.md §6; the party's state is unchanged.
 */
public final class CmtViolationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId the failed check, one of {@link CmtChecks}
   * @param detail the rule or field, never a secret or a reading
   */
  public CmtViolationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
