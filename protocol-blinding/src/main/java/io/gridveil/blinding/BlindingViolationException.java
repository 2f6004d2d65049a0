// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * Input from outside a blinding party broke a rule of spec/blinding.md; the party's state is
 * unchanged (spec/core.md §7). The message names the check and the rule, never a secret or a
 * reading.
 */
public final class BlindingViolationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId a BLND check of spec/blinding.md §6
   * @param detail the rule broken
   */
  public BlindingViolationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
