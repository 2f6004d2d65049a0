// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.keys;

import io.gridveil.core.auth.Ed25519PublicKey;

/**
 * The use of an Ed25519 private key (spec/runtime.md §5.2 item 2): sign, and tell the public
 * half. Implemented by the software key and, later, by a token object found by alias.
 */
public interface SigningKeyHandle {
  /**
   * Returns the public half.
   *
   * @return the public key
   */
  Ed25519PublicKey publicKey();

  /**
   * Signs a message (RFC 8032 §5.1.6, deterministic).
   *
   * @param message the bytes to sign
   * @return the 64-byte signature
   */
  byte[] sign(byte[] message);
}
