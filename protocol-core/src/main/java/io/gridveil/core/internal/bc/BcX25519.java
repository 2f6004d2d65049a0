// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.bc;

import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 (RFC 7748) through Bouncy Castle's stateless static functions (spec/runtime.md §9.2). */
public final class BcX25519 {
  /** The length of a scalar and of a u-coordinate, in bytes. */
  public static final int LENGTH = 32;

  private BcX25519() {}

  /**
   * Computes k * 9 (RFC 7748 §6.1), clamping k.
   *
   * @param k the 32-byte scalar
   * @return the 32-byte u-coordinate
   */
  public static byte[] publicKey(byte[] k) {
    byte[] u = new byte[LENGTH];
    X25519.scalarMultBase(k, 0, u, 0);
    return u;
  }

  /**
   * Computes X25519(k, u) into out (RFC 7748 §5), clamping k.
   *
   * @param k the 32-byte scalar
   * @param u the 32-byte u-coordinate
   * @param out 32 bytes receiving the result
   * @return false if the result is all zero
   */
  public static boolean agree(byte[] k, byte[] u, byte[] out) {
    return X25519.calculateAgreement(k, 0, u, 0, out, 0);
  }
}
