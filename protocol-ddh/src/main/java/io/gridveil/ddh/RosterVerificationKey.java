// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The supplier's Ed25519 public key (spec/ddh.md §2.3), provisioned into every meter and the
 * aggregator as their trust anchor for rosters.
 */
public final class RosterVerificationKey {
  /** The encoded length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] key;

  private RosterVerificationKey(byte[] key) {
    this.key = key;
  }

  /**
   * Wraps a provisioned Ed25519 public key.
   *
   * @param key 32 bytes (RFC 8032 §5.1.5 encoding)
   * @return the key
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static RosterVerificationKey fromBytes(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
    }
    return new RosterVerificationKey(key.clone());
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh copy of the 32 bytes
   */
  public byte[] toBytes() {
    return key.clone();
  }

  // The nullness annotation is compile-time only (requires static); callers need not see it.
  @SuppressWarnings("exports")
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RosterVerificationKey k && Arrays.equals(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "RosterVerificationKey[" + HexFormat.of().formatHex(key, 0, 4) + "...]";
  }
}
