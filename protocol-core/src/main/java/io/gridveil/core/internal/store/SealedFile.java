// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed file format of spec/runtime.md §6.4 item 1: magic, u8 format, u8 role, ascii8
 * group, ascii8 principal, u32 keyGeneration, u64 sequence, a 12-byte nonce, then bytes32 of the
 * AES-256-GCM ciphertext of the body with every preceding header byte as associated data, under
 * Derive(StorageKey, label, u8 role || ascii8 group || ascii8 principal || u32 keyGeneration, 32).
 */
final class SealedFile {
  /** The data key label of a state file (spec/runtime.md §15). */
  static final Label STORE = Label.of("gridveil-v1 runtime store");
  /** The data key label of a vault file (spec/runtime.md §15). */
  static final Label VAULT = Label.of("gridveil-v1 runtime vault");

  /** The magic of a state file. */
  static final byte[] STATE_MAGIC = "GVRS".getBytes(StandardCharsets.US_ASCII);
  /** The magic of a vault file. */
  static final byte[] VAULT_MAGIC = "GVRV".getBytes(StandardCharsets.US_ASCII);

  /** The format this release writes and reads. */
  static final int FORMAT = 1;

  static final int NONCE = 12;
  static final int TAG_BITS = 128;
  static final int MAX_CIPHERTEXT = (1 << 30);

  private SealedFile() {}

  /** An opened file: its sequence number and plaintext body. */
  static final class Opened {
    private final long sequence;
    private final byte[] body;

    Opened(long sequence, byte[] body) {
      this.sequence = sequence;
      this.body = body;
    }

    long sequence() {
      return sequence;
    }

    byte[] body() {
      return body;
    }
  }

  /** keyGeneration increases by one every 2^31 commits (spec/runtime.md §6.4). */
  static int keyGeneration(long sequence) {
    return (int) (sequence >>> 31);
  }

  static byte[] seal(
      byte[] magic, Label label, RoleAddress owner, long sequence, byte[] body, StorageKey key,
      RandomSource nonces) {
    int generation = keyGeneration(sequence);
    byte[] nonce = new byte[NONCE];
    nonces.nextBytes(nonce);
    byte[] header =
        new CanonicalWriter()
            .fixed(magic)
            .u8(FORMAT)
            .u8(owner.role().code())
            .ascii8(owner.group().value())
            .ascii8(owner.principal())
            .u32(generation)
            .u64(sequence)
            .fixed(nonce)
            .toByteArray();
    byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, label, owner, generation, nonce, header, body);
    return new CanonicalWriter().fixed(header).bytes32(ciphertext).toByteArray();
  }

  static Opened open(
      byte[] file, byte[] magic, Label label, RoleAddress owner, List<StorageKey> keys)
      throws StoreException {
    CanonicalReader r = CanonicalReader.of(file);
    try {
      if (!Arrays.equals(r.fixed("magic", magic.length), magic)) {
        throw new StoreException(RuntimeChecks.RT_S_02, "unknown magic");
      }
      int format = r.u8("format");
      if (format != FORMAT) {
        throw new StoreException(RuntimeChecks.RT_S_02, "format " + format + " is not read here");
      }
      int role = r.u8("role");
      String group = r.ascii8("group", 64);
      String principal = r.ascii8("principal", 64);
      if (role != owner.role().code() || !group.equals(owner.group().value())
          || !principal.equals(owner.principal())) {
        throw new StoreException(
            RuntimeChecks.RT_S_03, "the stored role, group or principal is not the opener's");
      }
      int generation = r.u32("keyGeneration");
      long sequence = r.u64("sequence");
      byte[] nonce = r.fixed("nonce", NONCE);
      int headerLength = file.length - r.remaining();
      byte[] header = Arrays.copyOf(file, headerLength);
      byte[] ciphertext = r.bytes32("ciphertext", MAX_CIPHERTEXT);
      r.requireEnd("file");
      if (generation != keyGeneration(sequence)) {
        throw new StoreException(RuntimeChecks.RT_S_05, "keyGeneration does not match sequence");
      }
      for (StorageKey k : keys) {
        try {
          byte[] body =
              crypt(Cipher.DECRYPT_MODE, k, label, owner, generation, nonce, header, ciphertext);
          return new Opened(sequence, body);
        } catch (TagMismatch e) {
          // try the next (previous) storage key
        }
      }
      throw new StoreException(
          RuntimeChecks.RT_S_01, "the file does not authenticate under any given storage key");
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_01, "truncated or malformed header: " + e.field());
    }
  }

  /** A tag that did not verify under one key. */
  private static final class TagMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TagMismatch() {
      super("tag mismatch", null, false, false);
    }
  }

  private static byte[] crypt(
      int mode, StorageKey key, Label label, RoleAddress owner, int generation, byte[] nonce,
      byte[] header, byte[] input) {
    byte[] context =
        new CanonicalWriter()
            .u8(owner.role().code())
            .ascii8(owner.group().value())
            .ascii8(owner.principal())
            .u32(generation)
            .toByteArray();
    SecretBytes dataKey = Hkdf.derive(key.secret(), label, context, 32);
    byte[] raw = dataKey.toByteArray(SecretAccess.grant());
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(header);
      return c.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new TagMismatch();
    } catch (GeneralSecurityException e) {
      throw new ProtocolBugException("AES-256-GCM is required of every Java platform", e);
    } finally {
      Wipe.bytes(raw);
    }
  }
}
