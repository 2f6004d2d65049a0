// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import io.gridveil.core.CheckId;
import java.util.Objects;

/**
 * An exact enumeration was refused or aborted (spec/leakage.md §2.5): a draw's bound or the
 * number of executions exceeds its limit, or the view function is not deterministic given its tape.
 * It is a caller bug (the toy check is too large or not reproducible), so it is unchecked.
 */
public final class EnumerationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The ID of the check that failed. */
  private final CheckId checkId;

  /**
   * Creates the exception.
   *
   * @param checkId the check that failed
   * @param detail the limit that does not hold
   */
  public EnumerationException(CheckId checkId, String detail) {
    super(Objects.requireNonNull(checkId, "checkId") + ": " + Objects.requireNonNull(detail, "detail"));
    this.checkId = checkId;
  }

  /**
   * Returns the ID of the check that failed.
   *
   * @return the check ID
   */
  public CheckId checkId() {
    return checkId;
  }
}
