// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a validation check listed in spec/checks.md, for example {@code CORE-E-04}.
 *
 * <p>Every checked failure carries the ID of the check that failed so that a reviewer can find the
 * rule, the spec section that states it, the code that enforces it and the test that asserts it.
 *
 * @param value the ID: a scheme prefix, a category letter and a two-digit number
 */
public record CheckId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Z]{2,6}-[A-Z]-[0-9]{2}");

  /**
   * Validates the format.
   *
   * @param value the ID: a scheme prefix, a category letter and a two-digit number
   * @throws IllegalArgumentException if the value is not of the form {@code PREFIX-C-NN}
   */
  public CheckId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("check id must match PREFIX-C-NN");
    }
  }

  /**
   * Returns the check ID with the given value.
   *
   * @param value the ID, for example {@code "CORE-E-04"}
   * @return the check ID
   */
  public static CheckId of(String value) {
    return new CheckId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
