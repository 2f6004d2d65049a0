// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.codec;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;
import java.util.Objects;

/**
 * Bytes from outside are not a canonical encoding (spec/encoding.md §5); names the field.
 */
public final class MalformedMessageException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /** The field where decoding stopped. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param checkId the encoding check that failed (CORE-E-01 to CORE-E-08)
   * @param field the name of the field being decoded, as in spec/encoding.md
   * @param detail what was wrong, never a secret
   */
  public MalformedMessageException(CheckId checkId, String field, String detail) {
    super(checkId, "field '" + Objects.requireNonNull(field, "field") + "': " + detail);
    this.field = field;
  }

  /**
   * Returns the name of the field where decoding stopped.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }
}
