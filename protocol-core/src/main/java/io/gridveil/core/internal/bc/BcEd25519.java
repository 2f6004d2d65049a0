// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.bc;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 (RFC 8032, pure) through Bouncy Castle's stateless static functions (spec/runtime.md §9.2). */
public final class BcEd25519 {
  /** The length of a public key, in bytes. */
  public static final int PUBLIC_KEY_LENGTH = 32;
  /** The length of a signature, in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private BcEd25519() {}

  /**
   * Verifies a signature (RFC 8032 §5.1.7; Bouncy Castle rejects non-canonical encodings and
   * small-order keys).
   *
   * @param publicKey the 32-byte public key
   * @param message the signed bytes
   * @param signature the signature
   * @return true if the signature is valid; false for wrong lengths
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }
}
