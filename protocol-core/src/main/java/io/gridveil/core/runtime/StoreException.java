// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A store could not load or commit (spec/runtime.md §6): stored bytes broke a check (RT-S-01 to
 * RT-S-05, with its ID), the medium failed (an {@link IOException} cause), or the store is in use.
 * A handle whose commit throws is failed until reopened (spec/runtime.md §3.5 item 3). The
 * message names the check and the field, never a secret.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The failed check's ID, or null for a medium failure (kept as a string: serializable). */
  private final @Nullable String checkId;

  /**
   * Creates the exception for a failed check of stored bytes.
   *
   * @param checkId the check that failed (spec/checks.md §9)
   * @param detail what failed, naming fields and rules only
   */
  public StoreException(CheckId checkId, String detail) {
    super(Objects.requireNonNull(checkId, "checkId") + ": " + Objects.requireNonNull(detail, "detail"));
    this.checkId = checkId.value();
  }

  /**
   * Creates the exception for a failure of the medium.
   *
   * @param detail what was being done
   * @param cause the I/O failure
   */
  public StoreException(String detail, IOException cause) {
    super(detail, cause);
    this.checkId = null;
  }

  /**
   * Creates the exception for a store that cannot be used (a second opener of a directory).
   *
   * @param detail why
   */
  public StoreException(String detail) {
    super(detail);
    this.checkId = null;
  }

  /**
   * Returns the ID of the check that failed, if a check failed.
   *
   * @return the check ID, empty for a medium failure
   */
  public Optional<CheckId> checkId() {
    return Optional.ofNullable(checkId).map(CheckId::of);
  }
}
