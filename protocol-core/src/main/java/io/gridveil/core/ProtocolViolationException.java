// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;

/**
 * Input from outside the party (the wire, a peer, stored state, a sensor) broke a rule of the
 * specification; the party's state is unchanged (spec/core.md §7).
 *
 * <p>The message names the check and the field or rule, never a secret or a reading.
 */
public class ProtocolViolationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The ID of the check that failed (kept as its string so the exception stays serializable). */
  private final String checkId;

  /**
   * Creates an exception for a failed check.
   *
   * @param checkId the check that failed (spec/checks.md)
   * @param detail what failed, naming fields and rules only, never secret values or readings
   */
  public ProtocolViolationException(CheckId checkId, String detail) {
    super(Objects.requireNonNull(checkId, "checkId") + ": " + Objects.requireNonNull(detail, "detail"));
    this.checkId = checkId.value();
  }

  /**
   * Returns the ID of the check that failed.
   *
   * @return the check ID
   */
  public final CheckId checkId() {
    return CheckId.of(checkId);
  }
}
