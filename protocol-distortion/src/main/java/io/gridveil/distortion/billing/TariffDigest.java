// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 digest that names a public tariff (spec/distortion.md §2.2): what a billing query
 * carries so that a meter refuses to bill under any other tariff.
 *
 * @param hex the 32-byte digest as 64 lower-case hexadecimal characters
 */
public record TariffDigest(String hex) {
  /** The digest length in bytes. */
  public static final int LENGTH = 32;

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the format.
   *
   * @param hex the 32-byte digest as 64 lower-case hexadecimal characters
   * @throws IllegalArgumentException if the string is not 64 lower-case hex characters
   */
  public TariffDigest {
    Objects.requireNonNull(hex, "hex");
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException("a tariff digest is 64 lower-case hex characters");
    }
  }

  /**
   * Returns the digest for 32 raw bytes.
   *
   * @param bytes the digest bytes
   * @return the digest
   * @throws IllegalArgumentException if the length is not 32
   */
  public static TariffDigest of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a tariff digest is 32 bytes");
    }
    return new TariffDigest(HexFormat.of().formatHex(bytes));
  }

  /**
   * Returns the raw 32 bytes.
   *
   * @return a new array
   */
  public byte[] toBytes() {
    return HexFormat.of().parseHex(hex);
  }
}
