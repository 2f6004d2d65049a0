// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A domain-separation label of the key schedule (spec/core.md §5.2). Every label starts with the
 * spec version, {@code "gridveil-v1 "}, and appears in the label table of spec/core.md §5.2.
 *
 * @param value the label, printable ASCII, at most 96 characters
 */
public record Label(String value) {
  /** The prefix every label carries: the specification's major version. */
  public static final String VERSION_PREFIX = "gridveil-v1 ";

  private static final Pattern FORMAT = Pattern.compile("gridveil-v1 [a-z0-9_ .-]{1,84}");
  // FORMAT precedes the label constants: static initialisers run in textual order.

  /** The deterministic random source's key (spec/core.md §3.5). */
  public static final Label CORE_DETERMINISTIC_RANDOM =
      new Label("gridveil-v1 core deterministic-random");

  /**
   * Validates the label.
   *
   * @param value the label, printable ASCII, at most 96 characters
   * @throws IllegalArgumentException if the label lacks the version prefix or is malformed
   */
  public Label {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("label must match 'gridveil-v1 [a-z0-9_ .-]{1,84}'");
    }
  }

  /**
   * Returns the label with the given value.
   *
   * @param value the label string
   * @return the label
   */
  public static Label of(String value) {
    return new Label(value);
  }

  /**
   * Returns the label's ASCII bytes.
   *
   * @return a fresh array
   */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.US_ASCII);
  }
}
