// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/** An X25519 public key (RFC 7748), 32 bytes (spec/auth.md §2.2). */
public final class X25519PublicKey {
  /** The encoded length. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private X25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps an encoded public key (any 32 bytes; small-order keys are refused at agreement time).
   *
   * @param encoded 32 bytes
   * @return the key
   * @throws IllegalArgumentException if the length is not 32
   */
  public static X25519PublicKey of(byte[] encoded) {
    if (encoded.length != LENGTH) {
      throw new IllegalArgumentException("X25519 public key must be 32 bytes");
    }
    return new X25519PublicKey(encoded.clone());
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh 32-byte array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof X25519PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "X25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
