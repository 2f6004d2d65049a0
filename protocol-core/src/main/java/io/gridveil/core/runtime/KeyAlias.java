// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a key in a role's vault (spec/runtime.md §5.2 item 1): 1 to 64 characters of
 * {@code [A-Za-z0-9._:-]}, e.g. {@code cmt.meter.device}. A malformed alias from a caller is a
 * caller bug (IllegalArgumentException); one read from a stored file is RT-S-05.
 *
 * @param value the alias
 */
public record KeyAlias(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * Validates the syntax.
   *
   * @param value the alias
   * @throws IllegalArgumentException if the alias is malformed
   */
  public KeyAlias {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("key alias must match [A-Za-z0-9._:-]{1,64}");
    }
  }

  /**
   * Returns the alias with the given name.
   *
   * @param value the alias
   * @return the alias
   */
  public static KeyAlias of(String value) {
    return new KeyAlias(value);
  }

  /**
   * Tells whether a string is a well-formed alias.
   *
   * @param value the candidate
   * @return true if it matches the syntax of spec/runtime.md §5.2 item 1
   */
  public static boolean isValid(String value) {
    return FORMAT.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
