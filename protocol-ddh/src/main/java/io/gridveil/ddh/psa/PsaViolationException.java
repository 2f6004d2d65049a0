// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * Input from outside broke a PSA rule of spec/ddh.md §7; the party's state is unchanged.
 */
public final class PsaViolationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId the check that failed (spec/checks.md)
   * @param detail what failed, never a secret or a reading
   */
  public PsaViolationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
