// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.ddh.internal.Curve25519;
import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A validated X25519 public key X = x * 9 (spec/ddh.md §2.2): canonical, on the curve, not of
 * small order. Public, so equality is over the bytes.
 */
public final class X25519PublicKey {
  /** The encoded length in bytes. */
  public static final int LENGTH = Curve25519.LENGTH;

  private final byte[] u;

  private X25519PublicKey(byte[] u) {
    this.u = u;
  }

  /**
   * Decodes and validates a public key from outside (spec/ddh.md §2.2).
   *
   * @param u the 32-byte little-endian u-coordinate
   * @return the key
   * @throws DdhViolationException DDH-E-01 non-canonical, DDH-V-01 on the twist, DDH-V-02 of small
   *     order
   */
  public static X25519PublicKey fromBytes(byte[] u) throws DdhViolationException {
    byte[] copy = u.clone();
    Curve25519.validatePublicKey(copy);
    return new X25519PublicKey(copy);
  }

  static X25519PublicKey trusted(byte[] u) {
    return new X25519PublicKey(u.clone());
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh copy of the 32 bytes
   */
  public byte[] toBytes() {
    return u.clone();
  }

  // The nullness annotation is compile-time only (requires static); callers need not see it.
  @SuppressWarnings("exports")
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof X25519PublicKey k && Arrays.equals(u, k.u);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(u);
  }

  @Override
  public String toString() {
    return "X25519PublicKey[" + HexFormat.of().formatHex(u, 0, 4) + "...]";
  }
}
