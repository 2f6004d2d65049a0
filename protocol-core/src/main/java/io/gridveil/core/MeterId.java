// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;

/**
 * The real identity of a smart meter (its serial or licence subject), spec/core.md §2.1.
 *
 * <p>Only the supplier's licensing and the local concentrator learn it; reading-plane messages
 * carry a {@link Token} instead.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
 */
public record MeterId(String value) {
  /** The largest number of characters in a meter ID. */
  public static final int MAX_LENGTH = 64;

  /**
   * Validates the identity.
   *
   * @param value 1 to 64 characters from {@code [A-Za-z0-9._:-]}
   * @throws IllegalArgumentException if the value is empty, too long or has other characters
   */
  public MeterId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("meter id must be 1..64 characters of [A-Za-z0-9._:-]");
    }
  }

  /**
   * Tells whether a string is a valid meter ID.
   *
   * @param value the candidate
   * @return true if {@code new MeterId(value)} would succeed
   */
  public static boolean isValid(String value) {
    return Identifiers.isValid(value, MAX_LENGTH);
  }
}
