// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

/**
 * The one door to raw secret bytes (spec/core.md §4): every read of key material passes
 * {@code SecretAccess.grant()}, so a reviewer finds every such read with one grep.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /**
   * Grants access to raw secret bytes. Call it only where the bytes must leave the secret type
   * (to key a primitive or to encode a message for the party entitled to them).
   *
   * @return the access token
   */
  public static SecretAccess grant() {
    return INSTANCE;
  }
}
