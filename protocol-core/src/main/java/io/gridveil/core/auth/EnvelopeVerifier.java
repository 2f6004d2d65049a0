// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.secret.SecretBytes;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns bytes from the transport into a {@link VerifiedEnvelope} for one receiving party, or fails
 * with the check that failed (spec/auth.md §3.3, §6.3). Stateless apart from its immutable key
 * material; the receiver applies its {@link ReplayWindow} to the verified sequence number.
 *
 * @param <M> the scheme's message type
 */
public final class EnvelopeVerifier<M> {
  private final EnvelopeCodec<M> codec;
  private final Address self;
  private final GroupId group;
  private final TrustAnchors anchors;
  private final @Nullable ReadingKeyring keyring;

  private EnvelopeVerifier(
      EnvelopeCodec<M> codec,
      Address self,
      GroupId group,
      TrustAnchors anchors,
      @Nullable ReadingKeyring keyring) {
    this.codec = codec;
    this.self = self;
    this.group = group;
    this.anchors = anchors;
    this.keyring = keyring;
  }

  /**
   * Creates a verifier of control frames for a party.
   *
   * @param <M> the scheme's message type
   * @param codec the scheme's frame codec
   * @param self the receiving party's address
   * @param group the receiver's group
   * @param anchors the keys the receiver trusts
   * @return the verifier
   */
  public static <M> EnvelopeVerifier<M> of(
      EnvelopeCodec<M> codec, Address self, GroupId group, TrustAnchors anchors) {
    return new EnvelopeVerifier<>(
        Objects.requireNonNull(codec, "codec"),
        Objects.requireNonNull(self, "self"),
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(anchors, "anchors"),
        null);
  }

  /**
   * Returns a verifier that also accepts MACed reading frames of the keyring's tokens.
   *
   * @param readingKeys the supplier's keyring
   * @return the new verifier
   */
  public EnvelopeVerifier<M> withKeyring(ReadingKeyring readingKeys) {
    return new EnvelopeVerifier<>(codec, self, group, anchors, readingKeys);
  }

  /**
   * Returns a verifier with another set of trust anchors (after a rotation or a new licence).
   *
   * @param trusted the new anchors
   * @return the new verifier
   */
  public EnvelopeVerifier<M> withAnchors(TrustAnchors trusted) {
    return new EnvelopeVerifier<>(codec, self, group, trusted, keyring);
  }

  /**
   * Verifies and decodes one authenticated frame.
   *
   * @param bytes the bytes received from the transport
   * @param now the receiver's current round, for key rotation
   * @return the verified envelope
   * @throws ProtocolViolationException a MalformedMessageException (CORE-E-xx, AUTH-E-01) or an
   *     AuthenticationException (AUTH-V-01 to AUTH-V-07, AUTH-V-13)
   */
  public VerifiedEnvelope<M> verify(byte[] bytes, Round now) throws ProtocolViolationException {
    AuthCodec.Wrapped w = AuthCodec.decode(bytes);
    if (w instanceof AuthCodec.Signed s) {
      return verifySigned(s, now);
    }
    return verifyMaced((AuthCodec.Maced) w);
  }

  private VerifiedEnvelope<M> verifySigned(AuthCodec.Signed s, Round now)
      throws ProtocolViolationException {
    Optional<Anchor> found = anchors.find(s.keyId);
    if (found.isEmpty()) {
      throw new AuthenticationException(AuthChecks.AUTH_V_02, "unknown signing key");
    }
    Anchor a = found.get();
    if (!a.acceptsAt(now)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_03, "signing key not accepted now");
    }
    if (!a.key().verify(AuthCodec.signedInput(s.keyId, s.sequence, s.frame), s.signature)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_01, "signature does not verify");
    }
    return accept(codec.decode(s.frame), a.principal(), s.sequence);
  }

  private VerifiedEnvelope<M> verifyMaced(AuthCodec.Maced m) throws ProtocolViolationException {
    Optional<SecretBytes> key =
        keyring == null ? Optional.empty() : keyring.find(m.token);
    if (key.isEmpty()) {
      throw new AuthenticationException(AuthChecks.AUTH_V_05, "token not registered");
    }
    byte[] expected = AuthCodec.readingTag(key.get(), m.token, m.sequence, m.frame);
    if (!MessageDigest.isEqual(expected, m.tag)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_04, "MAC does not verify");
    }
    return accept(codec.decode(m.frame), Address.meter(m.token), m.sequence);
  }

  private VerifiedEnvelope<M> accept(Envelope<M> e, Address principal, long sequence)
      throws AuthenticationException {
    if (!e.sender().equals(principal)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_06, "sender is not the authenticated principal");
    }
    if (!e.group().equals(group)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_07, "envelope for another group");
    }
    if (!e.recipient().equals(self) && !e.recipient().equals(Address.GROUP_BROADCAST)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_13, "envelope for another party");
    }
    return new VerifiedEnvelope<>(e, principal, sequence);
  }
}
