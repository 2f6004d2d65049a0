// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032, pure) through Bouncy Castle, for the roster signature of spec/ddh.md §2.3.
 */
public final class Ed25519Signatures {
  /** The length of a seed and of a public key, in bytes. */
  public static final int KEY_LENGTH = 32;

  /** The length of a signature, in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519Signatures() {}

  /**
   * Computes the public key of a seed.
   *
   * @param seed the 32-byte private key
   * @return the 32-byte public key
   */
  public static byte[] publicKey(SecretBytes seed) {
    byte[] sk = seed.toByteArray(SecretAccess.grant());
    try {
      byte[] pk = new byte[KEY_LENGTH];
      Ed25519.generatePublicKey(sk, 0, pk, 0);
      return pk;
    } finally {
      Wipe.bytes(sk);
    }
  }

  /**
   * Signs a message (deterministic, RFC 8032 §5.1.6).
   *
   * @param seed the 32-byte private key
   * @param message the message
   * @return the 64-byte signature
   */
  public static byte[] sign(SecretBytes seed, byte[] message) {
    byte[] sk = seed.toByteArray(SecretAccess.grant());
    try {
      byte[] sig = new byte[SIGNATURE_LENGTH];
      Ed25519.sign(sk, 0, message, 0, message.length, sig, 0);
      return sig;
    } finally {
      Wipe.bytes(sk);
    }
  }

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
