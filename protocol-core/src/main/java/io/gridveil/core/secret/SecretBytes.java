// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

import io.gridveil.core.random.RandomSource;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Immutable secret key material (spec/core.md §4).
 *
 * <p>Copies in and out; no equals or hashCode over the bytes (identity semantics), a
 * constant-time {@link #equalsConstantTime}, a redacted {@link #toString()}, and one greppable
 * door to the bytes: {@link #toByteArray(SecretAccess)}.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies the given bytes into a new secret; the caller may then wipe its array.
   *
   * @param bytes the key material
   * @return the secret
   */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /**
   * Draws a fresh secret from the random source.
   *
   * @param length the number of bytes, at least 1
   * @param random the injected random source
   * @return the secret
   * @throws IllegalArgumentException if length &lt; 1
   */
  public static SecretBytes random(int length, RandomSource random) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1");
    }
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  /**
   * Returns a copy of the secret bytes; wipe it with {@link Wipe#bytes} when done.
   *
   * @param access the access token, {@code SecretAccess.grant()}
   * @return a fresh copy
   */
  public byte[] toByteArray(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return bytes.clone();
  }

  /**
   * Returns the number of bytes (not secret).
   *
   * @return the length
   */
  public int length() {
    return bytes.length;
  }

  /**
   * Compares two secrets in time that depends only on their lengths.
   *
   * @param other the other secret
   * @return true if both hold the same bytes
   */
  public boolean equalsConstantTime(SecretBytes other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return "SecretBytes[redacted, " + bytes.length + " bytes]";
  }
}
