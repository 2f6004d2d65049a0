// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.keys;

import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.secret.SecretBytes;

/**
 * The use of an X25519 private key (spec/runtime.md §5.2 item 2): agree with a peer's public key,
 * and tell the public half.
 */
public interface AgreementKeyHandle {
  /**
   * Returns the 32-byte public key (RFC 7748 u-coordinate).
   *
   * @return a fresh copy
   */
  byte[] publicKeyBytes();

  /**
   * Computes the X25519 shared secret with a peer (RFC 7748 §5).
   *
   * @param peerPublicKey the peer's 32-byte public key
   * @return the shared secret
   * @throws AuthenticationException AUTH-V-14 if the agreement is all zero
   */
  SecretBytes agree(byte[] peerPublicKey) throws AuthenticationException;
}
