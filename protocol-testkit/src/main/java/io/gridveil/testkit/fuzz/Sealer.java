// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.fuzz;

import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;

/**
 * Wraps a canonical frame as one sender would (spec/auth.md §3.2, §6.3), so that a fuzz target
 * can put fuzzer-chosen bodies behind a valid signature, licence or MAC and reach the checks
 * that come after authentication.
 */
@FunctionalInterface
public interface Sealer {
  /**
   * Wraps a frame.
   *
   * @param frame the canonical frame
   * @param sequence the sender's sequence number, in [0, 2^63)
   * @return the wire bytes
   */
  byte[] seal(byte[] frame, long sequence);

  /**
   * Returns a sealer that signs under a role key (kind 1).
   *
   * @param key the role's signing key
   * @return the sealer
   */
  static Sealer signed(Ed25519SigningKey key) {
    return (frame, sequence) -> AuthCodec.sign(frame, sequence, key);
  }

  /**
   * Returns a sealer that signs under a meter's licence (kind 3).
   *
   * @param licence the meter's supplier-signed licence
   * @param key the licence's meter key
   * @return the sealer
   */
  static Sealer licensed(SignedLicence licence, Ed25519SigningKey key) {
    return (frame, sequence) -> AuthCodec.signLicensed(frame, sequence, licence, key);
  }

  /**
   * Returns a sealer that MACs under a token's reading key (kind 2).
   *
   * @param key the token's reading key
   * @return the sealer
   */
  static Sealer maced(ReadingKey key) {
    return (frame, sequence) -> AuthCodec.mac(frame, sequence, key);
  }

  /**
   * Returns the sealer that sends the fuzzer's bytes as they are: the body is the whole wire frame.
   *
   * @return the sealer
   */
  static Sealer raw() {
    return (frame, sequence) -> frame;
  }
}
