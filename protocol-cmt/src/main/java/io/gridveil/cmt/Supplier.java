// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.cmt.CmtInput.Inbound;
import io.gridveil.cmt.CmtInput.RequestRound;
import io.gridveil.cmt.CmtInput.Timer;
import io.gridveil.cmt.CmtInput.TimerKind;
import io.gridveil.cmt.CmtMessage.EncryptedReading;
import io.gridveil.cmt.CmtMessage.GroupKey;
import io.gridveil.cmt.CmtMessage.LicenceGrant;
import io.gridveil.cmt.CmtMessage.LicenceRequest;
import io.gridveil.cmt.CmtMessage.ReadingRequest;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.ReadingKeyring;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The electricity supplier of a CMT group (spec/cmt.md §5.3): licenses enrolled meters, holds the
 * group key K and decrypts only the sum of each complete round. Immutable and sans-I/O.
 *
 * <p>Authentication (spec/cmt.md §11): the supplier runs behind {@code Endpoint.signing(supplier,
 * codec, CmtInput.Inbound::new, verifier, licenceKey, base)}, whose verifier trusts the
 * supplier's own key and one {@code Anchor.of(Address.identified(id), deviceKey)} per enrolled
 * meter. It accepts a licence request signed by the meter's device key (kind 1), frames under
 * {@code LOCAL_CONCENTRATOR} from any meter it licensed (kind 3), and ciphertexts MACed under a
 * reading token of the current epoch's group key (kind 2, {@link #readingKeyring()}).
 *
 * <p>Security: the supplier learns the identities it licenses and which of them holds the LC
 * role, the reading tokens of each epoch (fresh per epoch, registered without identities), n, K
 * and every c_ij; by spec/cmt.md §7.1 its view of a round is uniform among the ciphertext vectors
 * with the round's sum, so it learns the sums and nothing else, as long as no ring neighbours of a
 * meter collude with it (§7.3). It never outputs a partial or inadmissible sum: a round is exact
 * over all n members or void.
 */
public final class Supplier implements AuthenticatedParty<Supplier, CmtInput> {
  /**
   * E_jump (spec/cmt.md §3.4 step 5): a group key's epoch is at most this far above the epoch
   * floor, so no single frame can push the epoch out of the group's reach.
   */
  public static final long MAX_EPOCH_STEP = 1L << 16;

  private final CmtParameters params;
  private final GroupId group;
  private final Ed25519SigningKey licenceKey;
  /** The empty keyring of the supplier's reading key pair, the start of every epoch's. */
  private final ReadingKeyring blank;
  private final Map<MeterId, Ed25519PublicKey> enrolled;
  /** The current licence of each identity (spec/cmt.md §3.13): re-sent, never re-issued. */
  private final Map<MeterId, SignedLicence> licences;
  private final Set<MeterId> revokedIds;
  private final Set<Ed25519PublicKey> revokedKeys;
  private final RevocationList revocations;
  private final long nextSerial;
  private final long licenceRounds;
  private final ReadingKeyring keyring;
  private final @Nullable Key key;
  /** The greatest epoch each identity keyed (spec/cmt.md §3.4 step 5, the epoch floor). */
  private final Map<MeterId, Long> keyedMax;
  private final long lastRequested;
  private final Map<Round, Open> open;

  /**
   * The group key of an epoch and the identity that keyed it (K is not secret from the supplier,
   * but redact it anyway).
   */
  private static final class Key {
    final long epoch;
    final long groupKey;
    final Set<Token> members;
    final MeterId keyedBy;
    /** The members' token keys, from which the reading keyring is re-derived (runtime.md §6.2). */
    final List<X25519PublicKey> tokenKeys;

    Key(long epoch, long groupKey, Set<Token> members, MeterId keyedBy,
        List<X25519PublicKey> tokenKeys) {
      this.epoch = epoch;
      this.groupKey = groupKey;
      this.members = Set.copyOf(members);
      this.keyedBy = keyedBy;
      this.tokenKeys = List.copyOf(tokenKeys);
    }

    @Override
    public String toString() {
      return "Key[epoch=" + epoch + ", redacted]";
    }
  }

  /** An open round: its epoch and the ciphertexts so far. */
  private record Open(long epoch, Map<Token, Long> ciphertexts) {
    Open {
      ciphertexts = Map.copyOf(ciphertexts);
    }
  }

  /** The mutable copy of a supplier's fields from which the next state is built. */
  private static final class B {
    final CmtParameters params;
    final GroupId group;
    final Ed25519SigningKey licenceKey;
    final ReadingKeyring blank;
    Map<MeterId, Ed25519PublicKey> enrolled;
    Map<MeterId, SignedLicence> licences;
    Set<MeterId> revokedIds;
    Set<Ed25519PublicKey> revokedKeys;
    RevocationList revocations;
    long nextSerial;
    long licenceRounds;
    ReadingKeyring keyring;
    @Nullable Key key;
    Map<MeterId, Long> keyedMax;
    long lastRequested;
    Map<Round, Open> open;

    B(Supplier s) {
      params = s.params;
      group = s.group;
      licenceKey = s.licenceKey;
      blank = s.blank;
      enrolled = s.enrolled;
      licences = s.licences;
      revokedIds = s.revokedIds;
      revokedKeys = s.revokedKeys;
      revocations = s.revocations;
      nextSerial = s.nextSerial;
      licenceRounds = s.licenceRounds;
      keyring = s.keyring;
      key = s.key;
      keyedMax = s.keyedMax;
      lastRequested = s.lastRequested;
      open = s.open;
    }

    B(CmtParameters params, GroupId group, Ed25519SigningKey licenceKey, ReadingKeyring blank) {
      this.params = params;
      this.group = group;
      this.licenceKey = licenceKey;
      this.blank = blank;
      enrolled = Map.of();
      licences = Map.of();
      revokedIds = Set.of();
      revokedKeys = Set.of();
      revocations = RevocationList.NONE;
      nextSerial = 1;
      licenceRounds = 0;
      keyring = blank;
      key = null;
      keyedMax = Map.of();
      lastRequested = 0;
      open = Map.of();
    }

    Supplier build() {
      return new Supplier(this);
    }
  }

  private Supplier(B b) {
    this.params = b.params;
    this.group = b.group;
    this.licenceKey = b.licenceKey;
    this.blank = b.blank;
    this.enrolled = Map.copyOf(b.enrolled);
    this.licences = Map.copyOf(b.licences);
    this.revokedIds = Set.copyOf(b.revokedIds);
    this.revokedKeys = Set.copyOf(b.revokedKeys);
    this.revocations = b.revocations;
    this.nextSerial = b.nextSerial;
    this.licenceRounds = b.licenceRounds;
    this.keyring = b.keyring;
    this.key = b.key;
    this.keyedMax = Map.copyOf(b.keyedMax);
    this.lastRequested = b.lastRequested;
    this.open = Map.copyOf(b.open);
  }

  /**
   * Creates the supplier of a group, with no meter enrolled yet (spec/cmt.md §3.1, §11).
   *
   * @param params the group's parameters
   * @param group the group
   * @param licenceKey the supplier's Ed25519 signing key: it signs the licences it grants, its
   *     revocation lists and, in its endpoint, its control frames
   * @param readingKeys the supplier's X25519 reading key pair (sk_S, pk_S); meters are
   *     provisioned with pk_S
   * @return the supplier; licences get serials from 1 and never expire until
   *     {@link #withLicenceTerms} says otherwise
   */
  public static Supplier create(
      CmtParameters params, GroupId group, Ed25519SigningKey licenceKey,
      X25519KeyPair readingKeys) {
    ReadingKeyring empty =
        ReadingKeyring.empty(Objects.requireNonNull(readingKeys, "readingKeys"));
    return new B(
        Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(licenceKey, "licenceKey"),
        empty).build();
  }

  /**
   * Returns a supplier that licenses the given meter with the given device key (enrolment,
   * spec/cmt.md §3.1, §3.13); behind an endpoint, feed {@link CmtInput.Enrol} instead. Its
   * endpoint must trust {@code Anchor.of(Address.identified(id), deviceKey)} too
   * ({@link #enrolmentAnchor}), which authorises that key's licence requests and nothing else.
   *
   * @param id the meter's identity
   * @param deviceKey its enrolled Ed25519 device key
   * @return the next state
   * @throws CmtViolationException CMT-V-12 if the identity or the key is revoked, CMT-S-01 if the
   *     identity is enrolled with another key (un-enrol it first); the state is unchanged
   */
  public Supplier enrol(MeterId id, Ed25519PublicKey deviceKey) throws CmtViolationException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deviceKey, "deviceKey");
    if (revokedIds.contains(id) || revokedKeys.contains(deviceKey)) {
      throw new CmtViolationException(CmtChecks.CMT_V_12, "identity or device key revoked");
    }
    Ed25519PublicKey current = enrolled.get(id);
    if (current != null) {
      if (current.equals(deviceKey)) {
        return this;
      }
      throw new CmtViolationException(CmtChecks.CMT_S_01,
          "identity enrolled with another device key");
    }
    Map<MeterId, Ed25519PublicKey> e = new HashMap<>(enrolled);
    e.put(id, deviceKey);
    B b = new B(this);
    b.enrolled = e;
    return b.build();
  }

  /**
   * Returns the trust anchor a supplier's endpoint needs for an enrolled meter's licence
   * request: the device key, speaking for the meter's identity. It authorises a
   * {@code LicenceRequest} and nothing else (spec/cmt.md §11.1); the supplier decides that, not
   * the anchor set.
   *
   * @param id the meter's identity
   * @param deviceKey its enrolled device key
   * @return the anchor
   */
  public static Anchor enrolmentAnchor(MeterId id, Ed25519PublicKey deviceKey) {
    return Anchor.of(Address.identified(id), deviceKey);
  }

  /**
   * Returns a supplier that numbers its next licence {@code firstSerial} and makes each licence
   * valid for {@code rounds} rounds from the round it is granted in (spec/cmt.md §3.1). Serials
   * are the handle of revocation: a deployment with several groups gives each supplier party a
   * disjoint serial range. The last round of validity saturates at {@code Anchor.FOREVER}.
   *
   * @param firstSerial the serial of the next licence
   * @param rounds the validity period in rounds, at least 1, or 0 for no expiry
   * @return the next state
   * @throws IllegalArgumentException if rounds is negative
   */
  public Supplier withLicenceTerms(long firstSerial, long rounds) {
    if (rounds < 0) {
      throw new IllegalArgumentException("licence validity must be >= 0 rounds");
    }
    B b = new B(this);
    b.nextSerial = firstSerial;
    b.licenceRounds = rounds;
    return b.build();
  }

  /**
   * Returns the key epoch of the current group key, or -1 before the first.
   *
   * @return ε or -1
   */
  public long epoch() {
    Key k = key;
    return k == null ? -1 : k.epoch;
  }

  /**
   * Returns the reading tokens of the current group key.
   *
   * @return the members' reading tokens (empty before the first key)
   */
  public Set<Token> members() {
    Key k = key;
    return k == null ? Set.of() : k.members;
  }

  /**
   * Returns the last round requested.
   *
   * @return j, 0 before the first
   */
  public long lastRequested() {
    return lastRequested;
  }

  /**
   * Tells whether a frame is for the supplier: only {@code SUPPLIER} (spec/cmt.md §11.2).
   *
   * @param recipient the frame's recipient
   * @return true for the supplier's address
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.SUPPLIER);
  }

  /**
   * Returns the current licence of an identity (spec/cmt.md §3.13).
   *
   * @param id the identity
   * @return the licence last issued to it, if it is licensed and not revoked
   */
  public Optional<SignedLicence> currentLicence(MeterId id) {
    return Optional.ofNullable(licences.get(id));
  }

  /**
   * Returns the supplier's revocation list (spec/cmt.md §3.13), as last issued in a
   * {@link CmtEvent.RevocationIssued} event.
   *
   * @return the list of revoked serials and its version
   */
  public RevocationList revocations() {
    return revocations;
  }

  /**
   * Tells whether a principal may send under an address (spec/cmt.md §11.2): its own address,
   * and {@code LOCAL_CONCENTRATOR} for an identity that holds a current, unrevoked licence of
   * this supplier (the supplier learns which meter is the LC, never which reading token is the
   * LC's). Whether the frame was licensed is the party's check (CMT-V-11).
   *
   * @param sender the frame's sender
   * @param principal the authenticated principal
   * @return true if allowed
   */
  @Override
  public boolean mayClaim(Address sender, Address principal) {
    if (sender.equals(principal)) {
      return true;
    }
    return sender.equals(Address.LOCAL_CONCENTRATOR)
        && principal instanceof Address.Identified who
        && licences.containsKey(who.id());
  }

  /**
   * Returns the keyring of the current epoch's reading tokens (spec/cmt.md §11.4), against which
   * the endpoint verifies MACed ciphertexts.
   *
   * @return the keyring
   */
  @Override
  public Optional<ReadingKeyring> readingKeyring() {
    return Optional.of(keyring);
  }

  /**
   * Consumes one input (spec/cmt.md §3.1, §3.4 step 5, §3.6, §3.7, §3.13).
   *
   * @param input the input
   * @param random unused: the supplier draws nothing
   * @return the next state, envelopes and events (round outcomes, revocation lists)
   * @throws ProtocolViolationException with a CMT check ID, or AUTH-V-14 for a small-order token
   *     key; the state is unchanged
   */
  @Override
  public Step<Supplier> step(CmtInput input, RandomSource random)
      throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof RequestRound r) {
      // spec/runtime.md §4.5: ROUND_DEADLINE(j) on requestRound(j).
      return requestRound(r.round()).withTimers(
          List.of(new TimerRequest.Arm(TimerId.roundDeadline(r.round()))));
    } else if (input instanceof CmtInput.Enrol en) {
      return Step.of(enrol(en.meter(), en.deviceKey()));
    } else if (input instanceof CmtInput.Revoke rv) {
      return revoke(rv.meter(), rv.scope());
    } else if (input instanceof CmtInput.RenewLicence rn) {
      return renew(rn.meter());
    } else if (input instanceof Timer t && t.kind() == TimerKind.ROUND_DEADLINE) {
      return deadline(t.round());
    } else if (input instanceof Inbound in) {
      Step<Supplier> s = inbound(in.verified());
      return s.timers().isEmpty() ? s.withTimers(disarmDecided(s.next())) : s;
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "input not accepted by the supplier");
  }

  private Step<Supplier> inbound(VerifiedEnvelope<CmtMessage> v)
      throws ProtocolViolationException {
    Envelope<CmtMessage> e = v.envelope();
    if (!e.group().equals(group)) {
      throw new CmtViolationException(CmtChecks.CMT_V_09, "envelope for another group");
    }
    CmtMessage m = e.body();
    // §11.1: a frame that carries no licence and is not MACed (an enrolment anchor's) authorises
    // a LicenceRequest and nothing else, whatever anchors the endpoint holds.
    if (m instanceof LicenceRequest r) {
      return licence(v, r);
    } else if (m instanceof GroupKey g) {
      return groupKey(licensedIdentity(v), g);
    } else if (m instanceof EncryptedReading c) {
      if (!(v.principal() instanceof Address.Meter) || !v.principal().equals(e.sender())) {
        throw new CmtViolationException(CmtChecks.CMT_V_11, "ciphertext not MACed by its token");
      }
      return ciphertext(e.sender(), e.round(), c);
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "message not for the supplier");
  }

  /**
   * The identity of a licensed frame whose licence is this supplier's current, unrevoked and
   * unexpired licence of that identity (spec/cmt.md §11.1, §3.13).
   */
  private MeterId licensedIdentity(VerifiedEnvelope<CmtMessage> v) throws CmtViolationException {
    Optional<Licence> carried = v.licence();
    if (carried.isEmpty() || !(v.principal() instanceof Address.Identified who)) {
      throw new CmtViolationException(CmtChecks.CMT_V_11, "frame without a licence");
    }
    Licence l = carried.get();
    SignedLicence current = licences.get(who.id());
    if (!l.meter().equals(who.id()) || current == null
        || current.licence().serial() != l.serial()
        || !current.licence().meterKey().equals(l.meterKey())) {
      throw new CmtViolationException(CmtChecks.CMT_V_12,
          "licence revoked, superseded or not issued by this supplier");
    }
    if (expired(l)) {
      throw new CmtViolationException(CmtChecks.CMT_V_13, "licence expired");
    }
    return who.id();
  }

  private boolean expired(Licence l) {
    return Long.compareUnsigned(lastRequested, l.validUntil().index()) > 0;
  }

  private Step<Supplier> licence(VerifiedEnvelope<CmtMessage> v, LicenceRequest r)
      throws CmtViolationException {
    Address sender = v.envelope().sender();
    if (!sender.equals(Address.identified(r.meter())) || !v.principal().equals(sender)) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "request for another identity");
    }
    if (revokedIds.contains(r.meter())) {
      throw new CmtViolationException(CmtChecks.CMT_V_12, "identity revoked");
    }
    Ed25519PublicKey deviceKey = enrolled.get(r.meter());
    if (deviceKey == null) {
      throw new CmtViolationException(CmtChecks.CMT_V_01, "identity not enrolled");
    }
    // §3.1 step 2: only the enrolled device key asks, whatever else the endpoint trusts.
    if (v.signer().isEmpty() || !v.signer().get().equals(deviceKey.keyId())) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "request not signed by the device key");
    }
    SignedLicence current = licences.get(r.meter());
    if (current != null) {
      // §3.13: an enrolled, unrevoked identity that asks again gets its current licence again;
      // after expiry only the supplier's RenewLicence input issues a new one.
      if (expired(current.licence())) {
        throw new CmtViolationException(CmtChecks.CMT_V_13, "licence expired; renewal is policy");
      }
      return new Step<>(this, List.of(grant(current)), List.of());
    }
    B b = issue(r.meter(), deviceKey);
    SignedLicence l = b.licences.get(r.meter());
    return new Step<>(b.build(), List.of(grant(present(l))), List.of());
  }

  private Envelope<CmtMessage> grant(SignedLicence l) {
    return new Envelope<>(Address.SUPPLIER, Address.identified(l.licence().meter()), group,
        new Round(lastRequested), new LicenceGrant(l));
  }

  /** §3.1 step 2: a new licence binding (serial, id, device key, group, validity). */
  private B issue(MeterId id, Ed25519PublicKey deviceKey) {
    Round from = new Round(lastRequested);
    Round until = validUntil(lastRequested, licenceRounds);
    SignedLicence l = SignedLicence.issue(
        new Licence(nextSerial, id, deviceKey, group, from, until), licenceKey);
    Map<MeterId, SignedLicence> lic = new HashMap<>(licences);
    lic.put(id, l);
    B b = new B(this);
    b.licences = lic;
    b.nextSerial = nextSerial + 1;
    return b;
  }

  /**
   * The last round of a licence granted in round {@code from} for {@code rounds} rounds
   * (spec/cmt.md §3.1): from + rounds - 1, saturating at {@code Anchor.FOREVER}; 0 rounds is
   * FOREVER.
   *
   * @param from the round of the grant
   * @param rounds the validity period, 0 for no expiry
   * @return the last round of validity
   */
  static Round validUntil(long from, long rounds) {
    long forever = Anchor.FOREVER.index();
    if (rounds == 0 || from > forever - (rounds - 1)) {
      return Anchor.FOREVER;
    }
    return new Round(from + rounds - 1);
  }

  private Step<Supplier> renew(MeterId id) throws CmtViolationException {
    if (revokedIds.contains(id)) {
      throw new CmtViolationException(CmtChecks.CMT_V_12, "identity revoked");
    }
    Ed25519PublicKey deviceKey = enrolled.get(id);
    if (deviceKey == null) {
      throw new CmtViolationException(CmtChecks.CMT_V_01, "identity not enrolled");
    }
    SignedLicence old = licences.get(id);
    B b = issue(id, deviceKey);
    List<ProtocolEvent> events = new ArrayList<>();
    if (old != null && !expired(old.licence())) {
      // §3.13: one live licence per identity; the superseded one is revoked.
      events.add(revokeSerials(b, Set.of(old.licence().serial())));
    }
    SignedLicence l = present(b.licences.get(id));
    Supplier next = b.build();
    return new Step<>(next, List.of(next.grant(l)), events);
  }

  private Step<Supplier> revoke(MeterId id, CmtInput.RevocationScope scope)
      throws CmtViolationException {
    Ed25519PublicKey deviceKey = enrolled.get(id);
    if (deviceKey == null && !licences.containsKey(id)) {
      if (scope == CmtInput.RevocationScope.IDENTITY && !revokedIds.contains(id)) {
        B b = new B(this);
        Set<MeterId> ids = new HashSet<>(revokedIds);
        ids.add(id);
        b.revokedIds = ids;
        return Step.of(b.build());
      }
      throw new CmtViolationException(CmtChecks.CMT_V_01, "identity not enrolled");
    }
    B b = new B(this);
    Map<MeterId, Ed25519PublicKey> e = new HashMap<>(enrolled);
    e.remove(id);
    b.enrolled = e;
    if (deviceKey != null) {
      Set<Ed25519PublicKey> keys = new HashSet<>(revokedKeys);
      keys.add(deviceKey);
      b.revokedKeys = keys;
    }
    if (scope == CmtInput.RevocationScope.IDENTITY) {
      Set<MeterId> ids = new HashSet<>(revokedIds);
      ids.add(id);
      b.revokedIds = ids;
    }
    List<ProtocolEvent> events = new ArrayList<>();
    SignedLicence old = licences.get(id);
    if (old != null) {
      Map<MeterId, SignedLicence> lic = new HashMap<>(licences);
      lic.remove(id);
      b.licences = lic;
      events.add(revokeSerials(b, Set.of(old.licence().serial())));
    }
    // §3.13: the epoch floor no longer counts this identity's keys; a key it made is dropped.
    Map<MeterId, Long> km = new HashMap<>(keyedMax);
    km.remove(id);
    b.keyedMax = km;
    Key k = key;
    if (k != null && k.keyedBy.equals(id)) {
      for (Round r : new java.util.TreeSet<>(open.keySet())) {
        events.add(new RoundOutcome.Voided(group, r, VoidReason.LICENCE_REVOKED));
      }
      b.key = null;
      b.keyring = blank;
      b.open = Map.of();
    }
    return new Step<>(b.build(), List.of(), events);
  }

  /** Adds serials to the list in {@code b}, bumps its version and signs it. */
  private CmtEvent.RevocationIssued revokeSerials(B b, Set<Long> serials) {
    Set<Long> all = new HashSet<>(b.revocations.revoked());
    all.addAll(serials);
    b.revocations = new RevocationList(b.revocations.version() + 1, all);
    return new CmtEvent.RevocationIssued(group,
        SignedRevocationList.issue(b.revocations, licenceKey));
  }

  /** The epoch floor: the greatest epoch keyed by an identity that is not revoked (§3.4). */
  private long epochFloor() {
    long floor = 0;
    for (long e : keyedMax.values()) {
      floor = Math.max(floor, e);
    }
    return floor;
  }

  private Step<Supplier> groupKey(MeterId lc, GroupKey g) throws ProtocolViolationException {
    Key k = key;
    Set<Token> tokens = Set.copyOf(g.readingTokens());
    if (k != null && g.epoch() == k.epoch
        && g.groupKey().equalsConstantTime(SecretLong.of(k.groupKey))
        && k.members.equals(tokens)) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "group key already applied");
    }
    long floor = epochFloor();
    if (g.epoch() <= floor || (k != null && g.epoch() <= k.epoch)) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "group key of an old epoch");
    }
    if (g.epoch() - floor > MAX_EPOCH_STEP) {
      throw new CmtViolationException(CmtChecks.CMT_S_07, "group key epoch jumps too far");
    }
    if (tokens.size() < params.minGroupSize() || tokens.size() > params.aggregation().nMax()) {
      throw new CmtViolationException(CmtChecks.CMT_V_07, "group size outside [m_min, n_max]");
    }
    if ((g.groupKey().value(SecretAccess.grant()) & ~params.mask()) != 0) {
      throw new CmtViolationException(CmtChecks.CMT_V_06, "K not below M");
    }
    // §3.4 step 5, §11.4: register every member's K_mac from sk_S and pk_T for (G, ε), together
    // with the key; AUTH-V-14 for a small-order pk_T, and then nothing changes.
    ReadingKeyring ring = blank;
    for (X25519PublicKey pk : g.tokenKeys()) {
      ring = ring.register(pk, group, g.epoch());
    }
    // §3.4 step 5: every open round of the older epoch is void.
    List<ProtocolEvent> events = new ArrayList<>();
    for (Round r : open.keySet()) {
      events.add(new RoundOutcome.Voided(group, r, VoidReason.MEMBERSHIP_CHANGED));
    }
    // §11.4: only this epoch's tokens verify from now on; the key is bound to the LC's identity.
    B b = new B(this);
    b.keyring = ring;
    b.key = new Key(g.epoch(), g.groupKey().value(SecretAccess.grant()), tokens, lc,
        g.tokenKeys());
    Map<MeterId, Long> km = new HashMap<>(keyedMax);
    km.merge(lc, g.epoch(), Math::max);
    b.keyedMax = km;
    b.open = Map.of();
    Supplier next = b.build();
    sortedEvents(events);
    events.add(new CmtEvent.GroupKeyAccepted(group, g.epoch(), tokens.size()));
    return new Step<>(next, List.of(), events).withTimers(disarmDecided(next));
  }

  private Step<Supplier> requestRound(Round round) throws CmtViolationException {
    Key k = key;
    if (k == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "no group key yet");
    }
    if (round.index() <= lastRequested) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "round not after the last requested");
    }
    Envelope<CmtMessage> out = new Envelope<>(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR,
        group, round, new ReadingRequest(k.epoch));
    Map<Round, Open> o = new HashMap<>(open);
    o.put(round, new Open(k.epoch, Map.of()));
    return new Step<>(with(k, round.index(), o), List.of(out), List.of());
  }

  private Step<Supplier> ciphertext(Address sender, Round round, EncryptedReading c)
      throws CmtViolationException {
    if (!sender.equals(Address.meter(c.token()))) {
      throw new CmtViolationException(CmtChecks.CMT_V_10, "ciphertext for another token");
    }
    Open o = open.get(round);
    if (o == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "round not open");
    }
    Key k = key;
    if (k == null) {
      throw new IllegalStateException("unreachable: an open round has a key");
    }
    if (c.epoch() != o.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "ciphertext of another epoch");
    }
    if (!k.members.contains(c.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_03, "ciphertext of an unknown token");
    }
    if ((c.ciphertext() & ~params.mask()) != 0) {
      throw new CmtViolationException(CmtChecks.CMT_V_06, "ciphertext not below M");
    }
    Long old = o.ciphertexts().get(c.token());
    if (old != null) {
      if (old == c.ciphertext()) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "ciphertext already received");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second ciphertext of a token");
    }
    Map<Token, Long> cs = new HashMap<>(o.ciphertexts());
    cs.put(c.token(), c.ciphertext());
    Map<Round, Open> next = new HashMap<>(open);
    if (cs.size() < k.members.size()) {
      next.put(round, new Open(o.epoch(), cs));
      return Step.of(with(k, lastRequested, next));
    }
    // §2.3: all n ciphertexts are in; decrypt the sum.
    next.remove(round);
    long[] values = new long[cs.size()];
    int i = 0;
    for (long v : cs.values()) {
      values[i++] = v;
    }
    long aggregate = CmtScheme.aggregate(values, 0, values.length, params.mask());
    OptionalLong sum =
        CmtScheme.decryptSum(params.aggregation(), aggregate, k.groupKey, values.length);
    RoundOutcome outcome = sum.isPresent()
        ? new RoundOutcome.Exact(group, round, sum.getAsLong(), values.length, 0)
        : new RoundOutcome.Voided(group, round, VoidReason.INADMISSIBLE_SUM);
    return new Step<>(with(k, lastRequested, next), List.of(), List.of(outcome));
  }

  private Step<Supplier> deadline(Round round) {
    if (!open.containsKey(round)) {
      return Step.of(this);
    }
    // §3.7: a missing contribution voids the round.
    Map<Round, Open> next = new HashMap<>(open);
    next.remove(round);
    return new Step<>(with(key, lastRequested, next), List.of(),
        List.of(new RoundOutcome.Voided(group, round, VoidReason.MISSING_CONTRIBUTION)));
  }

  /**
   * Disarms ROUND_DEADLINE(j) of every round open here and decided in {@code next}
   * (spec/runtime.md §4.5).
   */
  private List<TimerRequest> disarmDecided(Supplier next) {
    List<TimerRequest> out = new ArrayList<>();
    for (Round r : new TreeSet<>(open.keySet())) {
      if (!next.open.containsKey(r)) {
        out.add(new TimerRequest.Disarm(TimerId.roundDeadline(r)));
      }
    }
    return out;
  }

  private Supplier with(@Nullable Key k, long last, Map<Round, Open> o) {
    B b = new B(this);
    b.key = k;
    b.lastRequested = last;
    b.open = o;
    return b.build();
  }

  private static <T> T present(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("unreachable: value just stored");
    }
    return value;
  }

  private static List<ProtocolEvent> sortedEvents(List<ProtocolEvent> events) {
    events.sort((a, b) -> ((RoundOutcome) a).round().compareTo(((RoundOutcome) b).round()));
    return events;
  }

  // ---- durable state (spec/runtime.md §6.2, spec/cmt.md §5.3) --------------------------------

  /** The schema version of every section of the supplier's state. */
  static final int STATE_SCHEMA = 1;

  /**
   * Encodes the supplier's durable state into the sections of spec/runtime.md §6.2:
   * {@code role} (enrolments, licences, revocations and the list, next serial, licence term),
   * {@code marks} (the current group key with its identity and token keys, greatest keyed epoch
   * per identity, last requested round) and {@code round/<j>} per open round (its epoch and the
   * ciphertexts so far). The reading keyring is not stored: it is re-derived from the token keys
   * and the reading key on load.
   *
   * @return the sections by name
   */
  Map<String, byte[]> sections() {
    Map<String, byte[]> out = new TreeMap<>();
    CanonicalWriter role = new CanonicalWriter().u16(STATE_SCHEMA);
    role.u32(enrolled.size());
    for (MeterId id : sortedIds(enrolled.keySet())) {
      role.ascii8(id.value()).fixed(present(enrolled.get(id)).toBytes());
    }
    role.u32(licences.size());
    for (MeterId id : sortedIds(licences.keySet())) {
      role.ascii8(id.value()).bytes32(present(licences.get(id)).encode());
    }
    role.u32(revokedIds.size());
    for (MeterId id : sortedIds(revokedIds)) {
      role.ascii8(id.value());
    }
    List<String> keys = new ArrayList<>();
    for (Ed25519PublicKey k : revokedKeys) {
      keys.add(java.util.HexFormat.of().formatHex(k.toBytes()));
    }
    java.util.Collections.sort(keys);
    role.u32(keys.size());
    for (String k : keys) {
      role.fixed(java.util.HexFormat.of().parseHex(k));
    }
    role.u64(revocations.version()).u32(revocations.revoked().size());
    for (long serial : new TreeSet<>(revocations.revoked())) {
      role.u64(serial);
    }
    role.u64(nextSerial).u64(licenceRounds);
    out.put("role", role.toByteArray());
    CanonicalWriter marks = new CanonicalWriter().u16(STATE_SCHEMA);
    Key k = key;
    if (k == null) {
      marks.u8(0);
    } else {
      marks.u8(1).u64(k.epoch).u64(k.groupKey).ascii8(k.keyedBy.value()).u32(k.tokenKeys.size());
      for (X25519PublicKey pk : k.tokenKeys) {
        marks.fixed(pk.toBytes());
      }
    }
    marks.u32(keyedMax.size());
    for (MeterId id : sortedIds(keyedMax.keySet())) {
      marks.ascii8(id.value()).u64(present(keyedMax.get(id)));
    }
    marks.u64(lastRequested);
    out.put("marks", marks.toByteArray());
    for (Map.Entry<Round, Open> e : open.entrySet()) {
      CanonicalWriter w = new CanonicalWriter().u16(STATE_SCHEMA).u64(e.getValue().epoch())
          .u32(e.getValue().ciphertexts().size());
      for (Token t : new TreeSet<>(e.getValue().ciphertexts().keySet())) {
        w.fixed(t.toBytes()).u64(present(e.getValue().ciphertexts().get(t)));
      }
      out.put("round/" + e.getKey().index(), w.toByteArray());
    }
    return out;
  }

  private static List<MeterId> sortedIds(java.util.Collection<? extends MeterId> ids) {
    List<MeterId> out = new ArrayList<>(ids);
    out.sort(java.util.Comparator.comparing(MeterId::value));
    return out;
  }

  /**
   * Rebuilds a supplier from the sections of {@link #sections()} (spec/runtime.md §6.2),
   * strictly: every section of its schema, no trailing bytes, and the invariants of a state the
   * supplier could have reached (the key's members are its token keys' reading tokens, every open
   * round is of the key's epoch, holds only members' ciphertexts below M and is at or below the
   * last requested round).
   *
   * @param params the group's parameters
   * @param group the group
   * @param licenceKey the supplier's licence key
   * @param readingKeys the supplier's reading key pair
   * @param sections the stored sections
   * @return the supplier
   * @throws StoreException RT-S-02 for another schema, RT-S-05 for a section that is missing,
   *     does not decode or breaks an invariant
   */
  static Supplier fromSections(CmtParameters params, GroupId group, Ed25519SigningKey licenceKey,
      X25519KeyPair readingKeys, Map<String, byte[]> sections) throws StoreException {
    B b = new B(params, group, licenceKey, ReadingKeyring.empty(readingKeys));
    try {
      CanonicalReader role = section(sections, "role");
      Map<MeterId, Ed25519PublicKey> enrolled = new HashMap<>();
      int n = role.u32("role.enrolled");
      for (int i = 0; i < n; i++) {
        MeterId id = meterId(role, "role.enrolled.id");
        if (enrolled.put(id, Ed25519PublicKey.of(role.fixed("role.enrolled.key", 32))) != null) {
          throw new StoreException(RuntimeChecks.RT_S_05, "supplier role: identity enrolled twice");
        }
      }
      Map<MeterId, SignedLicence> licences = new HashMap<>();
      n = role.u32("role.licences");
      for (int i = 0; i < n; i++) {
        MeterId id = meterId(role, "role.licences.id");
        SignedLicence l = SignedLicence.decode(role.bytes32("role.licences.licence", 1 << 16));
        if (!l.licence().meter().equals(id) || licences.put(id, l) != null) {
          throw new StoreException(RuntimeChecks.RT_S_05, "supplier role: licence entry");
        }
      }
      Set<MeterId> revokedIds = new HashSet<>();
      n = role.u32("role.revokedIds");
      for (int i = 0; i < n; i++) {
        revokedIds.add(meterId(role, "role.revokedIds.id"));
      }
      Set<Ed25519PublicKey> revokedKeys = new HashSet<>();
      n = role.u32("role.revokedKeys");
      for (int i = 0; i < n; i++) {
        revokedKeys.add(Ed25519PublicKey.of(role.fixed("role.revokedKeys.key", 32)));
      }
      long version = role.u64("role.revocations.version");
      n = role.u32("role.revocations.count");
      if (n > RevocationList.MAX_SERIALS) {
        throw new StoreException(RuntimeChecks.RT_S_05, "supplier role: revocation list too long");
      }
      Set<Long> serials = new HashSet<>();
      for (int i = 0; i < n; i++) {
        serials.add(role.u64("role.revocations.serial"));
      }
      b.enrolled = enrolled;
      b.licences = licences;
      b.revokedIds = revokedIds;
      b.revokedKeys = revokedKeys;
      b.revocations = new RevocationList(version, serials);
      b.nextSerial = role.u64("role.nextSerial");
      b.licenceRounds = role.u64("role.licenceRounds");
      role.requireEnd("role");
      CanonicalReader marks = section(sections, "marks");
      int hasKey = marks.u8("marks.hasKey");
      if (hasKey > 1) {
        throw new StoreException(RuntimeChecks.RT_S_05, "supplier marks: key flag");
      }
      if (hasKey == 1) {
        long epoch = marks.u64("marks.epoch");
        long groupKey = marks.u64("marks.groupKey");
        MeterId keyedBy = meterId(marks, "marks.keyedBy");
        int m = marks.u32("marks.tokenKeys");
        if (m > params.aggregation().nMax() || (groupKey & ~params.mask()) != 0) {
          throw new StoreException(RuntimeChecks.RT_S_05, "supplier marks: group key");
        }
        List<X25519PublicKey> tokenKeys = new ArrayList<>();
        ReadingKeyring ring = b.blank;
        Set<Token> members = new HashSet<>();
        for (int i = 0; i < m; i++) {
          X25519PublicKey pk = X25519PublicKey.of(marks.fixed("marks.tokenKey", 32));
          tokenKeys.add(pk);
          ring = ring.register(pk, group, epoch);
          members.add(ReadingKey.tokenOf(pk));
        }
        b.keyring = ring;
        b.key = new Key(epoch, groupKey, members, keyedBy, tokenKeys);
      }
      Map<MeterId, Long> keyedMax = new HashMap<>();
      n = marks.u32("marks.keyedMax");
      for (int i = 0; i < n; i++) {
        keyedMax.put(meterId(marks, "marks.keyedMax.id"), marks.u64("marks.keyedMax.epoch"));
      }
      b.keyedMax = keyedMax;
      b.lastRequested = marks.u64("marks.lastRequested");
      marks.requireEnd("marks");
      Map<Round, Open> open = new HashMap<>();
      for (Map.Entry<String, byte[]> e : sections.entrySet()) {
        if (!e.getKey().startsWith("round/")) {
          continue;
        }
        long j = Long.parseLong(e.getKey().substring("round/".length()));
        Key k = b.key;
        CanonicalReader r = section(sections, e.getKey());
        long epoch = r.u64("round.epoch");
        if (k == null || epoch != k.epoch || j <= 0 || j > b.lastRequested) {
          throw new StoreException(RuntimeChecks.RT_S_05, "supplier round: not a reachable round");
        }
        Map<Token, Long> cs = new HashMap<>();
        int m = r.u32("round.count");
        for (int i = 0; i < m; i++) {
          Token t = Token.fromBytes(r.fixed("round.token", Token.LENGTH));
          long c = r.u64("round.ciphertext");
          if (!k.members.contains(t) || (c & ~params.mask()) != 0 || cs.put(t, c) != null) {
            throw new StoreException(RuntimeChecks.RT_S_05, "supplier round: ciphertext entry");
          }
        }
        if (cs.size() >= k.members.size()) {
          throw new StoreException(RuntimeChecks.RT_S_05, "supplier round: a decided round open");
        }
        r.requireEnd("round");
        open.put(new Round(j), new Open(epoch, cs));
      }
      b.open = open;
      return b.build();
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier state: field " + e.field());
    } catch (AuthenticationException | IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier state: invalid value");
    }
  }

  private static MeterId meterId(CanonicalReader r, String field)
      throws MalformedMessageException, StoreException {
    String v = r.ascii8(field, MeterId.MAX_LENGTH);
    if (!MeterId.isValid(v)) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier state: identity in " + field);
    }
    return new MeterId(v);
  }

  private static CanonicalReader section(Map<String, byte[]> sections, String name)
      throws StoreException, MalformedMessageException {
    byte[] b = sections.get(name);
    if (b == null) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier section " + name + " missing");
    }
    CanonicalReader r = CanonicalReader.of(b);
    int schema = r.u16(name + ".schema");
    if (schema != STATE_SCHEMA) {
      throw new StoreException(RuntimeChecks.RT_S_02, "supplier section " + name + " schema");
    }
    return r;
  }

  /** The enrolled identities with their device keys (the endpoint's enrolment anchors). */
  Map<MeterId, Ed25519PublicKey> enrolments() {
    return enrolled;
  }

  /**
   * Returns the identity that keyed the current group key, the LC the supplier's
   * {@code LOCAL_CONCENTRATOR} frames go to (spec/runtime.md §3.4 item 2).
   *
   * @return the identity, empty before the first key
   */
  Optional<MeterId> keyedBy() {
    Key k = key;
    return k == null ? Optional.empty() : Optional.of(k.keyedBy);
  }

  @Override
  public String toString() {
    return "Supplier[" + group.value() + ", epoch=" + epoch() + "]";
  }
}
