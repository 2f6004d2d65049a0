// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Deterministic key material for tests of scheme parties (spec/auth.md): one Ed25519 key per role
 * (supplier, TTP, aggregator, local concentrator), a licence per meter, and a way to pass an
 * envelope through the real sealing and verification so a test can hand a party the {@link
 * VerifiedEnvelope} its step function requires. Mutable (sequence numbers); one per test.
 */
public final class TestPki {
  private static final List<Address> ROLES =
      List.of(
          Address.SUPPLIER,
          Address.TRUSTED_THIRD_PARTY,
          Address.AGGREGATOR,
          Address.LOCAL_CONCENTRATOR);

  private final RandomSource random;
  private final Map<Address, Ed25519SigningKey> roleKeys = new HashMap<>();
  private final Map<MeterId, Ed25519SigningKey> meterKeys = new HashMap<>();
  private final Map<MeterId, SignedLicence> licences = new HashMap<>();
  private final Map<Token, MeterId> tokens = new HashMap<>();
  private TrustAnchors anchors = TrustAnchors.empty();
  private long sequence;

  /**
   * Creates the role keys.
   *
   * @param random the test's seeded source
   */
  public TestPki(RandomSource random) {
    this.random = Objects.requireNonNull(random, "random");
    for (Address role : ROLES) {
      Ed25519SigningKey k = Ed25519SigningKey.generate(random);
      roleKeys.put(role, k);
      anchors = anchors.with(Anchor.of(role, k.publicKey()));
    }
  }

  /**
   * Returns the trust anchors of every role key.
   *
   * @return the anchors
   */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Returns a role's signing key.
   *
   * @param role SUPPLIER, TRUSTED_THIRD_PARTY, AGGREGATOR or LOCAL_CONCENTRATOR
   * @return the key
   */
  public Ed25519SigningKey key(Address role) {
    Ed25519SigningKey k = roleKeys.get(role);
    if (k == null) {
      throw new IllegalArgumentException("no key for " + role);
    }
    return k;
  }

  /**
   * Returns a meter's licence for a group, issuing it (serial = issue order, valid from round 0
   * for ever) on first use.
   *
   * @param meter the meter
   * @param group its group
   * @return the supplier-signed licence
   */
  public SignedLicence licence(MeterId meter, GroupId group) {
    SignedLicence l = licences.get(meter);
    if (l == null) {
      Ed25519SigningKey k = meterKey(meter);
      l =
          SignedLicence.issue(
              new Licence(
                  licences.size() + 1L,
                  meter,
                  k.publicKey(),
                  group,
                  Round.FIRST,
                  Anchor.FOREVER),
              key(Address.SUPPLIER));
      licences.put(meter, l);
    }
    return l;
  }

  /**
   * Returns a meter's licence key.
   *
   * @param meter the meter
   * @return its Ed25519 key
   */
  public Ed25519SigningKey meterKey(MeterId meter) {
    return meterKeys.computeIfAbsent(meter, m -> Ed25519SigningKey.generate(random));
  }

  /**
   * Records that a token address is used by a meter, so {@link #verified} signs its frames under
   * that meter's licence.
   *
   * @param token the token
   * @param meter the meter behind it
   */
  public void bind(Token token, MeterId meter) {
    tokens.put(token, meter);
  }

  /**
   * Seals an envelope as its sender would (a role key, or the licence of the meter behind an
   * identified or bound token address) and verifies it for a receiver at the envelope's round.
   *
   * @param <M> the scheme's message type
   * @param e the envelope
   * @param codec the scheme's codec
   * @param receiver the receiving party's policy (usually the party itself)
   * @return the verified envelope
   * @throws ProtocolViolationException if the receiver's policy refuses it (AUTH-V-06, -07, -13)
   */
  public <M> VerifiedEnvelope<M> verified(
      Envelope<M> e, EnvelopeCodec<M> codec, ReceiverPolicy receiver)
      throws ProtocolViolationException {
    byte[] frame = codec.encode(e);
    byte[] sealed;
    long seq = sequence++;
    MeterId meter = meterOf(e.sender());
    if (meter == null) {
      sealed = AuthCodec.sign(frame, seq, key(e.sender()));
    } else {
      sealed = AuthCodec.signLicensed(frame, seq, licence(meter, e.group()), meterKey(meter));
    }
    return EnvelopeVerifier.of(codec, receiver, e.group(), anchors).verify(sealed, e.round(), receiver);
  }

  private @Nullable MeterId meterOf(Address sender) {
    if (sender instanceof Address.Identified i) {
      return i.id();
    }
    if (sender instanceof Address.Meter m) {
      MeterId id = tokens.get(m.token());
      if (id == null) {
        throw new IllegalArgumentException("token not bound to a meter: call bind first");
      }
      return id;
    }
    return null;
  }
}
