// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/** The identifier alphabet shared by {@link MeterId} and {@link GroupId} (spec/core.md §2.1). */
final class Identifiers {
  private Identifiers() {}

  /**
   * Tells whether a string is 1 to {@code max} characters of {@code [A-Za-z0-9._:-]}; a loop
   * rather than a regular expression because every decoded frame checks its group.
   */
  static boolean isValid(String value, int max) {
    int n = value.length();
    if (n < 1 || n > max) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
