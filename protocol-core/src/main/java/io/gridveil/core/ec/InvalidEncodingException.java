// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import java.util.Objects;

/**
 * An encoded public key or point from outside is refused (spec/runtime.md §9.1). It carries no
 * check ID: each scheme names the check a reason breaks (for X25519 keys spec/ddh.md §2.2, for
 * P-256 points spec/ddh.md §7.5) and throws its own exception with that ID; the bytes are never in
 * the message.
 */
public final class InvalidEncodingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an encoding is refused, in the order the checks run. */
  public enum Reason {
    /** Wrong length, or (P-256) a prefix other than 02 or 03. */
    MALFORMED,
    /** A coordinate is not below the field prime p. */
    NOT_CANONICAL,
    /** Not a point of the curve (X25519: a point of the twist). */
    NOT_ON_CURVE,
    /** An X25519 point of small order (0, 1 and the order-8 points). */
    SMALL_ORDER,
    /** The P-256 identity, written as all-zero bytes (spec/ddh.md §7.5). */
    IDENTITY
  }

  /** Why the encoding is refused. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the encoding is refused
   * @param detail what was refused, never the bytes
   */
  public InvalidEncodingException(Reason reason, String detail) {
    super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(detail, "detail"));
    this.reason = reason;
  }

  /**
   * Returns why the encoding is refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
