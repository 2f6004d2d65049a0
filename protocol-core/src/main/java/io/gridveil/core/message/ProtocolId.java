// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import java.util.Optional;

/**
 * The protocol byte of a frame (spec/encoding.md §2.2): which module's message codec reads the body.
 */
public enum ProtocolId {
  /** Core control messages: authentication and licensing (spec/auth.md). */
  CORE(0),
  /** CMT ring (spec/cmt.md). */
  CMT(1),
  /** Paillier blinding (spec/blinding.md). */
  BLINDING(2),
  /** DDH noise aggregation (spec/ddh.md). */
  DDH(3),
  /** Shi et al. private stream aggregation (spec/ddh.md). */
  PSA(4),
  /** Distortion and on-meter billing (spec/distortion.md). */
  DISTORTION(5);

  private final int code;

  ProtocolId(int code) {
    this.code = code;
  }

  /**
   * Returns the wire code.
   *
   * @return the byte value
   */
  public int code() {
    return code;
  }

  /**
   * Finds the protocol for a wire code.
   *
   * @param code the byte read from the wire
   * @return the protocol, or empty if the code is not assigned
   */
  public static Optional<ProtocolId> fromCode(int code) {
    for (ProtocolId p : values()) {
      if (p.code == code) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
