// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.internal.bc.BcEd25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/** An Ed25519 public key (RFC 8032), 32 bytes; public, so it has value equality (spec/auth.md §2.1). */
public final class Ed25519PublicKey {
  /** The encoded length. */
  public static final int LENGTH = 32;

  private static final byte[] KEY_ID_LABEL =
      "gridveil-v1 auth key-id".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;
  private final KeyId keyId;

  private Ed25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.keyId = computeKeyId(bytes);
  }

  /**
   * Wraps an encoded public key.
   *
   * @param encoded 32 bytes
   * @return the key
   * @throws IllegalArgumentException if the length is not 32
   */
  public static Ed25519PublicKey of(byte[] encoded) {
    if (encoded.length != LENGTH) {
      throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
    }
    return new Ed25519PublicKey(encoded.clone());
  }

  /**
   * Returns the encoding.
   *
   * @return a fresh 32-byte array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Returns the key's identifier (spec/auth.md §2.1).
   *
   * @return the key ID
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * Verifies a signature over a message (RFC 8032 §5.1.7, pure Ed25519, as implemented by Bouncy
   * Castle, which rejects non-canonical encodings and small-order keys). Public since
   * spec/runtime.md §9.1, so that schemes verify through core rather than wrapping Bouncy Castle.
   *
   * @param message the signed bytes
   * @param signature the signature (anything but 64 bytes does not verify)
   * @return true if the signature is valid
   */
  public boolean verify(byte[] message, byte[] signature) {
    return BcEd25519.verify(bytes, message, signature);
  }

  private static KeyId computeKeyId(byte[] key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(KEY_ID_LABEL);
      byte[] h = d.digest(key);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return new KeyId(v);
    } catch (NoSuchAlgorithmException e) {
      throw new ProtocolBugException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
