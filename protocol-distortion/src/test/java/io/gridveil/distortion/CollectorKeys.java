// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.TestPki;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The collectors' role keys of spec/distortion.md §13.2 for tests: one Ed25519 key per group,
 * anchored under the collector identity {@code Identified(c_g)}, and the real sealing and
 * verification of a frame signed with it. Mutable (keys on first use, sequence numbers).
 */
final class CollectorKeys {
  static final EnvelopeCodec<DistortionMessage> CODEC = EnvelopeCodec.of(DistortionCodec.INSTANCE);

  private final RandomSource random;
  private final TrustAnchors base;
  private final Map<GroupId, Ed25519SigningKey> keys = new HashMap<>();
  private long sequence;

  /**
   * Creates the key set.
   *
   * @param random the source of the keys
   * @param base the anchors the utility trusts besides the collectors (the supplier's)
   */
  CollectorKeys(RandomSource random, TrustAnchors base) {
    this.random = random;
    this.base = base;
  }

  /** The collector identity c_g of a group. */
  static MeterId identity(GroupId group) {
    return new MeterId("collector." + group.value());
  }

  /** The role key of group g's collector, generated on first use. */
  Ed25519SigningKey key(GroupId group) {
    return keys.computeIfAbsent(group, g -> Ed25519SigningKey.generate(random));
  }

  /** The base anchors with one anchor (Identified(c_g), key) per collector of {@code groups}. */
  TrustAnchors anchors(Set<GroupId> groups) {
    TrustAnchors a = base;
    for (GroupId g : groups) {
      a = a.with(Anchor.of(Address.identified(identity(g)), key(g).publicKey()));
    }
    return a;
  }

  /**
   * Seals an envelope with the key of {@code signer}'s collector and verifies it for a receiver
   * that trusts the collectors of {@code groups}.
   */
  VerifiedEnvelope<DistortionMessage> verified(
      GroupId signer, Envelope<DistortionMessage> e, ReceiverPolicy receiver, Set<GroupId> groups)
      throws ProtocolViolationException {
    byte[] sealed = AuthCodec.sign(CODEC.encode(e), sequence++, key(signer));
    return EnvelopeVerifier.of(CODEC, receiver, groups, anchors(groups)).verify(sealed, e.round());
  }

  /** Seals an envelope as a licensed frame of {@code meter} (a licence of the envelope's group). */
  static VerifiedEnvelope<DistortionMessage> licensed(
      TestPki pki,
      MeterId meter,
      Envelope<DistortionMessage> e,
      ReceiverPolicy receiver,
      Set<GroupId> groups)
      throws ProtocolViolationException {
    byte[] sealed =
        AuthCodec.signLicensed(
            CODEC.encode(e), 0, pki.licence(meter, e.group()), pki.meterKey(meter));
    return EnvelopeVerifier.of(CODEC, receiver, groups, pki.anchors()).verify(sealed, e.round());
  }
}
