// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import org.checkerframework.checker.nullness.qual.Nullable;

/** The kinds of key a vault holds (spec/runtime.md §5.2 item 3), each with its stored code. */
public enum KeyKind {
  /** An Ed25519 private key (32-byte seed). */
  ED25519(1, 32),
  /** An X25519 private key (32-byte scalar). */
  X25519(2, 32),
  /** A 32-byte secret for labelled derivation (ms_i, ring seeds). */
  SECRET_32(3, 32),
  /** A Paillier private key (variable length). */
  PAILLIER_PRIVATE(4, -1),
  /** A P-256 scalar (32 bytes). */
  P256_SCALAR(5, 32),
  /** An AES-256 key (storage and future sealing keys). */
  AES_256(6, 32);

  private final int code;
  private final int length;

  KeyKind(int code, int length) {
    this.code = code;
    this.length = length;
  }

  /**
   * Returns the kind's code in the vault file.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Returns the length of the key material in bytes, or -1 if it varies.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Returns the kind with a code.
   *
   * @param code the code
   * @return the kind, or null if unknown
   */
  public static @Nullable KeyKind ofCode(int code) {
    for (KeyKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
