// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/** An envelope, licence or revocation list failed authentication (spec/auth.md §9). */
public final class AuthenticationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId the AUTH check that failed
   * @param detail the rule broken, never key material
   */
  public AuthenticationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
