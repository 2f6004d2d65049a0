// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;

/**
 * The identifier of an aggregation group (a neighbourhood behind one local concentrator or
 * aggregator), spec/core.md §2.1.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
 */
public record GroupId(String value) {
  /** The largest number of characters in a group ID. */
  public static final int MAX_LENGTH = 64;

  /**
   * Validates the identifier.
   *
   * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
   * @throws IllegalArgumentException if the value is empty, too long or has other characters
   */
  public GroupId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("group id must be 1..64 characters of [A-Za-z0-9._:-]");
    }
  }

  /**
   * Tells whether a string is a valid group ID.
   *
   * @param value the candidate
   * @return true if {@code new GroupId(value)} would succeed
   */
  public static boolean isValid(String value) {
    return Identifiers.isValid(value, MAX_LENGTH);
  }
}
