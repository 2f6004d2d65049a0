// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;

/**
 * A caller configured a value that the specification forbids (a caller bug, not hostile input);
 * carries the ID of the check that refused it (spec/core.md §7).
 */
public final class IllegalParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The ID of the check that failed (kept as its string so the exception stays serializable). */
  private final String checkId;

  /**
   * Creates an exception for a refused parameter.
   *
   * @param checkId the check that failed
   * @param detail the precondition that does not hold
   */
  public IllegalParameterException(CheckId checkId, String detail) {
    super(Objects.requireNonNull(checkId, "checkId") + ": " + Objects.requireNonNull(detail, "detail"));
    this.checkId = checkId.value();
  }

  /**
   * Returns the ID of the check that failed.
   *
   * @return the check ID
   */
  public CheckId checkId() {
    return CheckId.of(checkId);
  }
}
