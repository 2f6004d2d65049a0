// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;

/**
 * The authentication wrapper of spec/auth.md §3.1 around a canonical frame: a signed control frame
 * (kind 1), a MACed reading frame (kind 2) or a licensed control frame (kind 3).
 */
public final class AuthCodec {
  /** Kind byte of a signed control frame. */
  static final int SIGNED = 1;
  /** Kind byte of a MACed reading frame. */
  static final int MACED = 2;
  /** Kind byte of a licensed control frame. */
  static final int LICENSED = 3;
  /** The largest signed-licence encoding a wrapper may carry. */
  static final int MAX_LICENCE = 512;
  /** The Ed25519 signature length. */
  static final int SIGNATURE_LENGTH = 64;
  /** The HMAC-SHA256 tag length. */
  static final int TAG_LENGTH = 32;

  static final byte[] CONTROL_LABEL = "gridveil-v1 auth control".getBytes(StandardCharsets.US_ASCII);
  static final byte[] READING_LABEL = "gridveil-v1 auth reading".getBytes(StandardCharsets.US_ASCII);

  /** bytes16(READING_LABEL) || u8(MACED): the constant start of every MAC input. */
  private static final byte[] READING_PREFIX =
      new CanonicalWriter().bytes16(READING_LABEL).u8(MACED).toByteArray();

  /** A decoded, not yet verified, wrapper (spec/auth.md §3.1). */
  sealed interface Wrapped {}

  /** Kind 1: key ID, sequence number, frame, signature. */
  static final class Signed implements Wrapped {
    final KeyId keyId;
    final long sequence;
    final byte[] frame;
    final byte[] signature;

    Signed(KeyId keyId, long sequence, byte[] frame, byte[] signature) {
      this.keyId = keyId;
      this.sequence = sequence;
      this.frame = frame;
      this.signature = signature;
    }
  }

  /** Kind 3: the signer's signed licence, sequence number, frame, signature by the licence key. */
  static final class Licensed implements Wrapped {
    final byte[] licence;
    final long sequence;
    final byte[] frame;
    final byte[] signature;

    Licensed(byte[] licence, long sequence, byte[] frame, byte[] signature) {
      this.licence = licence;
      this.sequence = sequence;
      this.frame = frame;
      this.signature = signature;
    }
  }

  /** Kind 2: token, sequence number, frame, tag. */
  static final class Maced implements Wrapped {
    final Token token;
    final long sequence;
    final byte[] frame;
    final byte[] tag;

    Maced(Token token, long sequence, byte[] frame, byte[] tag) {
      this.token = token;
      this.sequence = sequence;
      this.frame = frame;
      this.tag = tag;
    }
  }

  private AuthCodec() {}

  /**
   * Signs a canonical frame for the control plane (spec/auth.md §3.2).
   *
   * @param frame the canonical frame (EnvelopeCodec output)
   * @param sequence the sender's sequence number, in [0, 2^63)
   * @param key the sender's signing key
   * @return the wrapped frame
   */
  public static byte[] sign(byte[] frame, long sequence, Ed25519SigningKey key) {
    checkSequence(sequence);
    KeyId id = key.publicKey().keyId();
    byte[] sig = key.sign(signedInput(id, sequence, frame));
    return new CanonicalWriter()
        .u8(SIGNED)
        .u64(id.value())
        .u64(sequence)
        .bytes32(frame)
        .fixed(sig)
        .toByteArray();
  }

  /**
   * Signs a canonical frame with a licensed meter's key and attaches its licence (spec/auth.md
   * §3.4).
   *
   * @param frame the canonical frame (EnvelopeCodec output)
   * @param sequence the sender's sequence number, in [0, 2^63)
   * @param licence the sender's signed licence
   * @param key the private key of the licence's meter key
   * @return the wrapped frame
   * @throws IllegalArgumentException if the key is not the licence's key
   */
  public static byte[] signLicensed(
      byte[] frame, long sequence, SignedLicence licence, Ed25519SigningKey key) {
    checkSequence(sequence);
    if (!licence.licence().meterKey().equals(key.publicKey())) {
      throw new IllegalArgumentException("the signing key is not the licence's meter key");
    }
    byte[] sig = key.sign(licensedInput(key.publicKey().keyId(), sequence, frame));
    return new CanonicalWriter()
        .u8(LICENSED)
        .bytes16(licence.encode())
        .u64(sequence)
        .bytes32(frame)
        .fixed(sig)
        .toByteArray();
  }

  /**
   * Returns the canonical frame inside a wrapper, verifying nothing: for a handle that reads only
   * the header of a frame to ignore one not addressed to it (spec/runtime.md §3.5 item 1).
   *
   * @param bytes the wrapped frame from the transport
   * @return the canonical frame it carries, unauthenticated
   * @throws MalformedMessageException if the wrapper does not decode
   */
  public static byte[] unverifiedFrame(byte[] bytes) throws MalformedMessageException {
    Wrapped w = decode(bytes);
    if (w instanceof Signed s) {
      return s.frame.clone();
    } else if (w instanceof Licensed l) {
      return l.frame.clone();
    }
    return ((Maced) w).frame.clone();
  }

  /**
   * MACs a canonical frame for the reading plane (spec/auth.md §6.3).
   *
   * @param frame the canonical frame (EnvelopeCodec output)
   * @param sequence the token's sequence number, in [0, 2^63)
   * @param key the meter's reading key for its token
   * @return the wrapped frame
   */
  public static byte[] mac(byte[] frame, long sequence, ReadingKey key) {
    checkSequence(sequence);
    byte[] tag = readingTag(key.macKey(), key.token(), sequence, frame);
    return new CanonicalWriter()
        .u8(MACED)
        .fixed(key.token().toBytes())
        .u64(sequence)
        .bytes32(frame)
        .fixed(tag)
        .toByteArray();
  }

  static Wrapped decode(byte[] bytes) throws MalformedMessageException {
    if (bytes.length > EnvelopeCodec.MAX_FRAME + 128) {
      throw new MalformedMessageException(CoreChecks.CORE_E_08, "auth", "wrapper above 1 MiB");
    }
    CanonicalReader r = CanonicalReader.of(bytes);
    int kind = r.u8("auth.kind");
    Wrapped w;
    if (kind == SIGNED) {
      KeyId id = new KeyId(r.u64("auth.keyId"));
      long seq = sequence(r);
      byte[] frame = r.bytes32("auth.frame", EnvelopeCodec.MAX_FRAME);
      w = new Signed(id, seq, frame, r.fixed("auth.signature", SIGNATURE_LENGTH));
    } else if (kind == MACED) {
      Token t = Token.fromBytes(r.fixed("auth.token", Token.LENGTH));
      long seq = sequence(r);
      byte[] frame = r.bytes32("auth.frame", EnvelopeCodec.MAX_FRAME);
      w = new Maced(t, seq, frame, r.fixed("auth.tag", TAG_LENGTH));
    } else if (kind == LICENSED) {
      byte[] licence = r.bytes16("auth.licence", MAX_LICENCE);
      long seq = sequence(r);
      byte[] frame = r.bytes32("auth.frame", EnvelopeCodec.MAX_FRAME);
      w = new Licensed(licence, seq, frame, r.fixed("auth.signature", SIGNATURE_LENGTH));
    } else {
      throw new MalformedMessageException(AuthChecks.AUTH_E_01, "auth.kind", "unknown kind");
    }
    r.requireEnd("auth");
    return w;
  }

  static byte[] signedInput(KeyId id, long sequence, byte[] frame) {
    return new CanonicalWriter()
        .bytes16(CONTROL_LABEL)
        .u8(SIGNED)
        .u64(id.value())
        .u64(sequence)
        .fixed(frame)
        .toByteArray();
  }

  static byte[] licensedInput(KeyId id, long sequence, byte[] frame) {
    return new CanonicalWriter()
        .bytes16(CONTROL_LABEL)
        .u8(LICENSED)
        .u64(id.value())
        .u64(sequence)
        .fixed(frame)
        .toByteArray();
  }

  /**
   * The reading tag of spec/auth.md §6.3: HMAC-SHA256(K_mac, bytes16(label) || u8(2) || T_i ||
   * u64(seq) || frame).
   */
  static byte[] readingTag(SecretBytes macKey, Token token, long sequence, byte[] frame) {
    byte[] header = new CanonicalWriter().fixed(token.toBytes()).u64(sequence).toByteArray();
    return Hmac.tag(macKey, READING_PREFIX, header, frame);
  }

  private static long sequence(CanonicalReader r) throws MalformedMessageException {
    long seq = r.u64("auth.sequence");
    if (seq < 0) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "auth.sequence", "above 2^63 - 1");
    }
    return seq;
  }

  private static void checkSequence(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence numbers are non-negative");
    }
  }
}
