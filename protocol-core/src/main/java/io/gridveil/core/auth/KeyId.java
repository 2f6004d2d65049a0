// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import java.util.Locale;

/**
 * The identifier of an Ed25519 public key: the first 8 bytes, big-endian, of
 * SHA-256("gridveil-v1 auth key-id" || public key) (spec/auth.md §2.1).
 *
 * @param value the 64-bit identifier
 */
public record KeyId(long value) {
  @Override
  public String toString() {
    return "KeyId[" + String.format(Locale.ROOT, "%016x", value) + "]";
  }
}
