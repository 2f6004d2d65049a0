// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The roles a handle can play, for routing and for the stored-state header (spec/runtime.md
 * §3.4, §6.4). Each role has a fixed code written as the header's u8 role.
 */
public enum Role {
  /** A meter of any scheme (the CMT local concentrator is internal to it). */
  METER(1),
  /** The supplier (control centre). */
  SUPPLIER(2),
  /** The aggregator. */
  AGGREGATOR(3),
  /** The trusted third party. */
  TRUSTED_THIRD_PARTY(4),
  /** The distortion scheme's collector. */
  COLLECTOR(5),
  /** The distortion scheme's utility. */
  UTILITY(6);

  private final int code;

  Role(int code) {
    this.code = code;
  }

  /**
   * Returns the role's code in stored headers.
   *
   * @return the code, 1 to 6
   */
  public int code() {
    return code;
  }

  /**
   * Returns the role with a code.
   *
   * @param code the code
   * @return the role, or null if the code is unknown
   */
  static @Nullable Role ofCode(int code) {
    for (Role r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
