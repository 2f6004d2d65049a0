// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 verification (RFC 8032, pure) through Bouncy Castle, for the roster signature of
 * spec/ddh.md §2.3: core's {@code Ed25519SigningKey} signs, and core keeps its verification
 * package-private.
 */
public final class Ed25519Signatures {
  /** The length of a public key, in bytes. */
  public static final int KEY_LENGTH = 32;

  /** The length of a signature, in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519Signatures() {}

  /**
   * Verifies a signature (RFC 8032 §5.1.7).
   *
   * @param publicKey the 32-byte public key
   * @param message the message
   * @param signature the signature
   * @return true if it verifies
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }
}
