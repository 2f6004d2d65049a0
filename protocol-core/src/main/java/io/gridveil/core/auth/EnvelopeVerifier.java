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
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns bytes from the transport into a {@link VerifiedEnvelope} for one receiving party, or fails
 * with the check that failed (spec/auth.md §3.3, §3.4, §6.3). Immutable; the receiver applies its
 * {@link ReplayWindow} to the verified sequence number ({@link Endpoint} does both).
 *
 * @param <M> the scheme's message type
 */
public final class EnvelopeVerifier<M> {
  private final EnvelopeCodec<M> codec;
  private final ReceiverPolicy self;
  private final Set<GroupId> groups;
  private final TrustAnchors anchors;
  private final RevocationList revocations;
  private final @Nullable ReadingKeyring keyring;

  private EnvelopeVerifier(
      EnvelopeCodec<M> codec,
      ReceiverPolicy self,
      Set<GroupId> groups,
      TrustAnchors anchors,
      RevocationList revocations,
      @Nullable ReadingKeyring keyring) {
    this.codec = codec;
    this.self = self;
    this.groups = groups;
    this.anchors = anchors;
    this.revocations = revocations;
    this.keyring = keyring;
  }

  /**
   * Creates a verifier for a party with one fixed address ({@link ReceiverPolicy#of}).
   *
   * @param <M> the scheme's message type
   * @param codec the scheme's frame codec
   * @param self the receiving party's address
   * @param group the receiver's group
   * @param anchors the keys the receiver trusts
   * @return the verifier, with no revocation ({@link RevocationList#NONE}) and no keyring
   */
  public static <M> EnvelopeVerifier<M> of(
      EnvelopeCodec<M> codec, Address self, GroupId group, TrustAnchors anchors) {
    return of(codec, ReceiverPolicy.of(self), group, anchors);
  }

  /**
   * Creates a verifier for a party whose accepted addresses follow a policy.
   *
   * @param <M> the scheme's message type
   * @param codec the scheme's frame codec
   * @param policy which recipients and sender claims the receiver accepts
   * @param group the receiver's group
   * @param anchors the keys the receiver trusts
   * @return the verifier, with no revocation ({@link RevocationList#NONE}) and no keyring
   */
  public static <M> EnvelopeVerifier<M> of(
      EnvelopeCodec<M> codec, ReceiverPolicy policy, GroupId group, TrustAnchors anchors) {
    return of(codec, policy, Set.of(Objects.requireNonNull(group, "group")), anchors);
  }

  /**
   * Creates a verifier for a party that serves several groups (a supplier with many collectors).
   *
   * @param <M> the scheme's message type
   * @param codec the scheme's frame codec
   * @param policy which recipients and sender claims the receiver accepts
   * @param groups the groups the receiver serves, at least one
   * @param anchors the keys the receiver trusts
   * @return the verifier, with no revocation ({@link RevocationList#NONE}) and no keyring
   * @throws IllegalArgumentException if {@code groups} is empty
   */
  public static <M> EnvelopeVerifier<M> of(
      EnvelopeCodec<M> codec, ReceiverPolicy policy, Set<GroupId> groups, TrustAnchors anchors) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a verifier serves at least one group");
    }
    return new EnvelopeVerifier<>(
        Objects.requireNonNull(codec, "codec"),
        Objects.requireNonNull(policy, "policy"),
        Set.copyOf(groups),
        Objects.requireNonNull(anchors, "anchors"),
        RevocationList.NONE,
        null);
  }

  /**
   * Returns the groups the receiver serves.
   *
   * @return the groups, at least one
   */
  public Set<GroupId> groups() {
    return groups;
  }

  /**
   * Returns a verifier that also accepts MACed reading frames of the keyring's tokens.
   *
   * @param readingKeys the supplier's keyring
   * @return the new verifier
   */
  public EnvelopeVerifier<M> withKeyring(ReadingKeyring readingKeys) {
    return new EnvelopeVerifier<>(
        codec, self, groups, anchors, revocations, Objects.requireNonNull(readingKeys, "keyring"));
  }

  /**
   * Returns a verifier with another set of trust anchors (after a rotation).
   *
   * @param trusted the new anchors
   * @return the new verifier
   */
  public EnvelopeVerifier<M> withAnchors(TrustAnchors trusted) {
    return new EnvelopeVerifier<>(
        codec, self, groups, Objects.requireNonNull(trusted, "anchors"), revocations, keyring);
  }

  /**
   * Returns a verifier that refuses licences revoked by {@code list} (spec/auth.md §5.3); obtain
   * the list from {@link Licences#update}, which checks it is newer and supplier-signed.
   *
   * @param list the revocation list now held
   * @return the new verifier
   */
  public EnvelopeVerifier<M> withRevocations(RevocationList list) {
    return new EnvelopeVerifier<>(
        codec, self, groups, anchors, Objects.requireNonNull(list, "revocations"), keyring);
  }

  /**
   * Returns the trust anchors.
   *
   * @return the anchors
   */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Returns the revocation list held.
   *
   * @return the list
   */
  public RevocationList revocations() {
    return revocations;
  }

  /**
   * Verifies and decodes one authenticated frame under the verifier's own receiver policy.
   *
   * @param bytes the bytes received from the transport
   * @param now the receiver's current round, for key rotation and licence validity
   * @return the verified envelope
   * @throws ProtocolViolationException a MalformedMessageException (CORE-E-xx, AUTH-E-01) or an
   *     AuthenticationException (AUTH-V-01 to AUTH-V-07, AUTH-V-10, AUTH-V-11, AUTH-V-13)
   */
  public VerifiedEnvelope<M> verify(byte[] bytes, Round now) throws ProtocolViolationException {
    return verify(bytes, now, self, null, null);
  }

  /**
   * Verifies and decodes one authenticated frame for a receiver whose accepted addresses follow
   * {@code policy} (a scheme party's current state).
   *
   * @param bytes the bytes received from the transport
   * @param now the receiver's current round, for key rotation and licence validity
   * @param policy which recipients and sender claims the receiver accepts now
   * @return the verified envelope
   * @throws ProtocolViolationException as {@link #verify(byte[], Round)}
   */
  public VerifiedEnvelope<M> verify(byte[] bytes, Round now, ReceiverPolicy policy)
      throws ProtocolViolationException {
    return verify(bytes, now, Objects.requireNonNull(policy, "policy"), null, null);
  }

  VerifiedEnvelope<M> verify(
      byte[] bytes,
      Round now,
      ReceiverPolicy policy,
      @Nullable ReadingKeyring readingKeys,
      @Nullable LicenceCache cache)
      throws ProtocolViolationException {
    Objects.requireNonNull(now, "now");
    AuthCodec.Wrapped w = AuthCodec.decode(bytes);
    if (w instanceof AuthCodec.Signed s) {
      return verifySigned(s, now, policy);
    }
    if (w instanceof AuthCodec.Licensed l) {
      return verifyLicensed(l, now, policy, cache);
    }
    return verifyMaced((AuthCodec.Maced) w, policy, readingKeys != null ? readingKeys : keyring);
  }

  private VerifiedEnvelope<M> verifySigned(AuthCodec.Signed s, Round now, ReceiverPolicy policy)
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
    Envelope<M> e = codec.decode(s.frame);
    return accept(e, a.principal(), s.sequence, policy, null, s.keyId);
  }

  private VerifiedEnvelope<M> verifyLicensed(
      AuthCodec.Licensed w, Round now, ReceiverPolicy policy, @Nullable LicenceCache cache)
      throws ProtocolViolationException {
    Licence l = cache == null ? null : cache.find(w.licence, anchors, now);
    if (l == null) {
      SignedLicence signed = SignedLicence.decode(w.licence);
      l = Licences.checkSignature(signed, anchors, now);
      if (cache != null) {
        cache.put(w.licence, signed);
      }
    }
    Ed25519PublicKey key = l.meterKey();
    if (!key.verify(AuthCodec.licensedInput(key.keyId(), w.sequence, w.frame), w.signature)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_01, "signature does not verify");
    }
    Envelope<M> e = codec.decode(w.frame);
    Licences.checkValidity(l, revocations, e.group(), now);
    return accept(e, Address.identified(l.meter()), w.sequence, policy, l, key.keyId());
  }

  private VerifiedEnvelope<M> verifyMaced(
      AuthCodec.Maced m, ReceiverPolicy policy, @Nullable ReadingKeyring readingKeys)
      throws ProtocolViolationException {
    Optional<SecretBytes> key = readingKeys == null ? Optional.empty() : readingKeys.find(m.token);
    if (key.isEmpty()) {
      throw new AuthenticationException(AuthChecks.AUTH_V_05, "token not registered");
    }
    byte[] expected = AuthCodec.readingTag(key.get(), m.token, m.sequence, m.frame);
    if (!MessageDigest.isEqual(expected, m.tag)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_04, "MAC does not verify");
    }
    return accept(codec.decode(m.frame), Address.meter(m.token), m.sequence, policy, null, null);
  }

  private VerifiedEnvelope<M> accept(
      Envelope<M> e,
      Address principal,
      long sequence,
      ReceiverPolicy policy,
      @Nullable Licence licence,
      @Nullable KeyId signer)
      throws AuthenticationException {
    if (!policy.mayClaim(e.sender(), principal)) {
      throw new AuthenticationException(
          AuthChecks.AUTH_V_06, "sender is not the authenticated principal");
    }
    if (!groups.contains(e.group())) {
      throw new AuthenticationException(AuthChecks.AUTH_V_07, "envelope for another group");
    }
    if (!policy.isAddressedTo(e.recipient())) {
      throw new AuthenticationException(AuthChecks.AUTH_V_13, "envelope for another party");
    }
    return new VerifiedEnvelope<>(e, principal, sequence, licence, signer);
  }
}
