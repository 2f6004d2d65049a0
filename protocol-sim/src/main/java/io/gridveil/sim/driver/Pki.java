// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The key material of one simulated group (spec/sim.md §4.2, spec/auth.md): an Ed25519 key per
 * role (supplier, TTP, aggregator, collector), and a licence per meter issued by the supplier,
 * valid for the whole run. Keys are drawn from the group's seeded source, so a run is
 * reproducible. Every party runs behind an {@link Endpoint} built here.
 */
public final class Pki {
  /** The roles that hold a key of their own. */
  // Address is a sealed interface of records with immutable components; Error Prone cannot see it.
  @SuppressWarnings("ImmutableEnumChecker")
  public enum RoleKey {
    /** The supplier, {@link Address#SUPPLIER}. */
    SUPPLIER(Address.SUPPLIER),
    /** The trusted third party, {@link Address#TRUSTED_THIRD_PARTY}. */
    TTP(Address.TRUSTED_THIRD_PARTY),
    /** The aggregator, {@link Address#AGGREGATOR}. */
    AGGREGATOR(Address.AGGREGATOR),
    /** A collector in the local concentrator role, {@link Address#LOCAL_CONCENTRATOR}. */
    COLLECTOR(Address.LOCAL_CONCENTRATOR);

    private final Address address;

    RoleKey(Address address) {
      this.address = address;
    }

    /**
     * Returns the address the role signs as.
     *
     * @return the principal of its anchor
     */
    public Address address() {
      return address;
    }
  }

  private final GroupId group;
  private final RandomSource random;
  private final Map<RoleKey, Ed25519SigningKey> roles = new EnumMap<>(RoleKey.class);
  private final Map<MeterId, Ed25519SigningKey> meterKeys = new HashMap<>();
  private final Map<MeterId, SignedLicence> licences = new HashMap<>();
  private final TrustAnchors anchors;

  /**
   * Draws the role keys of a group.
   *
   * @param group the group
   * @param random the group's seeded source
   */
  public Pki(GroupId group, RandomSource random) {
    this.group = Objects.requireNonNull(group, "group");
    this.random = Objects.requireNonNull(random, "random");
    TrustAnchors a = TrustAnchors.empty();
    for (RoleKey r : RoleKey.values()) {
      Ed25519SigningKey k = Ed25519SigningKey.generate(random);
      roles.put(r, k);
      a = a.with(Anchor.of(r.address(), k.publicKey()));
    }
    this.anchors = a;
  }

  /**
   * Returns the anchors every party of the group trusts: the role keys.
   *
   * @return the anchors
   */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Returns a role's signing key.
   *
   * @param role the role
   * @return the key
   */
  public Ed25519SigningKey key(RoleKey role) {
    Ed25519SigningKey k = roles.get(role);
    if (k == null) {
      throw new IllegalStateException("every role has a key");
    }
    return k;
  }

  /**
   * Returns a meter's licence key, drawing it on first use.
   *
   * @param meter the meter
   * @return its Ed25519 key
   */
  public Ed25519SigningKey meterKey(MeterId meter) {
    return meterKeys.computeIfAbsent(meter, m -> Ed25519SigningKey.generate(random));
  }

  /**
   * Returns a meter's licence for the group, issuing it on first use (serial in issue order,
   * valid from round 0 for the whole run).
   *
   * @param meter the meter
   * @return the supplier-signed licence
   */
  public SignedLicence licence(MeterId meter) {
    SignedLicence l = licences.get(meter);
    if (l == null) {
      l =
          SignedLicence.issue(
              new Licence(
                  licences.size() + 1L,
                  meter,
                  meterKey(meter).publicKey(),
                  group,
                  Round.FIRST,
                  Anchor.FOREVER),
              key(RoleKey.SUPPLIER));
      licences.put(meter, l);
    }
    return l;
  }

  /**
   * Builds the endpoint of a role party.
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param party the party
   * @param role its role key
   * @param codec the scheme's codec
   * @param inbound wraps a verified envelope as the party's input
   * @param sequenceBase the first sequence number of each signed or licensed stream (MACed
   *     streams start at 0, spec/auth.md §7)
   * @return the endpoint
   */
  public <S extends AuthenticatedParty<S, I>, I, M> Endpoint<S, I, M> role(
      S party,
      RoleKey role,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      long sequenceBase) {
    return Endpoint.signing(
        party,
        codec,
        inbound,
        EnvelopeVerifier.of(codec, party, group, anchors),
        key(role),
        sequenceBase);
  }

  /**
   * Builds the endpoint of a licensed meter.
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param party the party
   * @param meter the meter's identity
   * @param codec the scheme's codec
   * @param inbound wraps a verified envelope as the party's input
   * @param sequenceBase the first sequence number of each signed or licensed stream (MACed
   *     streams start at 0, spec/auth.md §7)
   * @return the endpoint
   */
  public <S extends AuthenticatedParty<S, I>, I, M> Endpoint<S, I, M> meter(
      S party,
      MeterId meter,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      long sequenceBase) {
    return Endpoint.licensed(
        party,
        codec,
        inbound,
        EnvelopeVerifier.of(codec, party, group, anchors),
        licence(meter),
        meterKey(meter),
        sequenceBase);
  }
}
