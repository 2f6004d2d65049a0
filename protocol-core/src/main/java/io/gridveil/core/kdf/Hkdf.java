// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) and GridVeil's labelled derivation (spec/core.md §5.1), through the JDK's
 * HmacSHA256.
 */
public final class Hkdf {
  /** The output length of SHA-256 in bytes. */
  public static final int HASH_LENGTH = 32;

  /** The largest HKDF output, 255 * HashLen bytes. */
  public static final int MAX_OUTPUT = 255 * HASH_LENGTH;

  /** The largest context accepted by {@link #derive}. */
  public static final int MAX_CONTEXT = 65535;

  private Hkdf() {}

  /**
   * HKDF-Extract (RFC 5869 §2.2).
   *
   * @param salt the salt; empty means HashLen zero bytes
   * @param ikm the input keying material
   * @return PRK
   */
  public static SecretBytes extract(byte[] salt, SecretBytes ikm) {
    byte[] s = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
    byte[] raw = ikm.toByteArray(SecretAccess.grant());
    try {
      Mac mac = hmac(s);
      byte[] prk = mac.doFinal(raw);
      try {
        return SecretBytes.copyOf(prk);
      } finally {
        Wipe.bytes(prk);
      }
    } finally {
      Wipe.bytes(raw);
    }
  }

  /**
   * HKDF-Expand (RFC 5869 §2.3).
   *
   * @param prk the pseudorandom key, at least HashLen bytes
   * @param info the context and application-specific information
   * @param length L, from 1 to 255 * HashLen
   * @return OKM
   * @throws IllegalArgumentException if length is out of range or PRK is too short
   */
  public static SecretBytes expand(SecretBytes prk, byte[] info, int length) {
    if (length < 1 || length > MAX_OUTPUT) {
      throw new IllegalArgumentException("HKDF output length must be in [1, 8160]");
    }
    if (prk.length() < HASH_LENGTH) {
      throw new IllegalArgumentException("PRK must be at least 32 bytes");
    }
    byte[] key = prk.toByteArray(SecretAccess.grant());
    byte[] okm = new byte[length];
    byte[] t = new byte[0];
    try {
      Mac mac = hmac(key);
      int done = 0;
      for (int i = 1; done < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        Wipe.bytes(t);
        t = mac.doFinal();
        int n = Math.min(t.length, length - done);
        System.arraycopy(t, 0, okm, done, n);
        done += n;
      }
      return SecretBytes.copyOf(okm);
    } finally {
      Wipe.bytes(key);
      Wipe.bytes(okm);
      Wipe.bytes(t);
    }
  }

  /**
   * GridVeil's labelled derivation (spec/core.md §5.1): HKDF-Expand(HKDF-Extract("", ikm), info, L)
   * with info = u16(len(label)) || label || u16(len(context)) || context.
   *
   * @param ikm the input keying material (a master secret or a DH shared secret)
   * @param label the domain-separation label from the table of spec/core.md §5.2
   * @param context the canonical encoding of what the key is bound to (group, epoch, parties)
   * @param length the number of bytes
   * @return the derived key
   * @throws IllegalArgumentException if the context exceeds 65535 bytes or length is out of range
   */
  public static SecretBytes derive(SecretBytes ikm, Label label, byte[] context, int length) {
    Objects.requireNonNull(label, "label");
    if (context.length > MAX_CONTEXT) {
      throw new IllegalArgumentException("context must be at most 65535 bytes");
    }
    byte[] l = label.bytes();
    byte[] info = new byte[2 + l.length + 2 + context.length];
    info[0] = (byte) (l.length >>> 8);
    info[1] = (byte) l.length;
    System.arraycopy(l, 0, info, 2, l.length);
    info[2 + l.length] = (byte) (context.length >>> 8);
    info[3 + l.length] = (byte) context.length;
    System.arraycopy(context, 0, info, 4 + l.length, context.length);
    return expand(extract(new byte[0], ikm), info, length);
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("HMAC key rejected", e);
    } catch (GeneralSecurityException e) {
      throw new ProtocolBugException("HmacSHA256 is required of every Java platform", e);
    }
  }
}
