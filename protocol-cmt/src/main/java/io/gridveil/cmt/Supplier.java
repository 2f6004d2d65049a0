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
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReadingKeyring;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.auth.X25519KeyPair;
import io.gridveil.core.auth.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
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
  private final CmtParameters params;
  private final GroupId group;
  private final Ed25519SigningKey licenceKey;
  /** The empty keyring of the supplier's reading key pair, the start of every epoch's. */
  private final ReadingKeyring blank;
  private final Map<MeterId, Ed25519PublicKey> enrolled;
  private final Set<MeterId> licensed;
  private final long nextSerial;
  private final long licenceRounds;
  private final ReadingKeyring keyring;
  private final @Nullable Key key;
  private final long lastRequested;
  private final Map<Round, Open> open;

  /** The group key of an epoch (K is not secret from the supplier, but redact it anyway). */
  private static final class Key {
    final long epoch;
    final long groupKey;
    final Set<Token> members;

    Key(long epoch, long groupKey, Set<Token> members) {
      this.epoch = epoch;
      this.groupKey = groupKey;
      this.members = Set.copyOf(members);
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

  private Supplier(
      CmtParameters params,
      GroupId group,
      Ed25519SigningKey licenceKey,
      ReadingKeyring blank,
      Map<MeterId, Ed25519PublicKey> enrolled,
      Set<MeterId> licensed,
      long nextSerial,
      long licenceRounds,
      ReadingKeyring keyring,
      @Nullable Key key,
      long lastRequested,
      Map<Round, Open> open) {
    this.params = params;
    this.group = group;
    this.licenceKey = licenceKey;
    this.blank = blank;
    this.enrolled = Map.copyOf(enrolled);
    this.licensed = Set.copyOf(licensed);
    this.nextSerial = nextSerial;
    this.licenceRounds = licenceRounds;
    this.keyring = keyring;
    this.key = key;
    this.lastRequested = lastRequested;
    this.open = Map.copyOf(open);
  }

  /**
   * Creates the supplier of a group, with no meter enrolled yet (spec/cmt.md §3.1, §11).
   *
   * @param params the group's parameters
   * @param group the group
   * @param licenceKey the supplier's Ed25519 signing key: it signs the licences it grants and,
   *     in its endpoint, its control frames
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
    return new Supplier(
        Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(licenceKey, "licenceKey"),
        empty,
        Map.of(),
        Set.of(),
        1,
        0,
        empty,
        null,
        0,
        Map.of());
  }

  /**
   * Returns a supplier that licenses the given meter with the given device key (enrolment,
   * spec/cmt.md §3.1); behind an endpoint, feed {@link CmtInput.Enrol} instead. Its endpoint must
   * trust {@code Anchor.of(Address.identified(id), deviceKey)} too ({@link #enrolmentAnchor}).
   *
   * @param id the meter's identity
   * @param deviceKey its enrolled Ed25519 device key
   * @return the next state
   */
  public Supplier enrol(MeterId id, Ed25519PublicKey deviceKey) {
    Map<MeterId, Ed25519PublicKey> e = new HashMap<>(enrolled);
    e.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(deviceKey, "deviceKey"));
    return new Supplier(params, group, licenceKey, blank, e, licensed, nextSerial, licenceRounds,
        keyring, key, lastRequested, open);
  }

  /**
   * Returns the trust anchor a supplier's endpoint needs for an enrolled meter's licence
   * request: the device key, speaking for the meter's identity.
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
   * disjoint serial range.
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
    return new Supplier(params, group, licenceKey, blank, enrolled, licensed, firstSerial, rounds,
        keyring, key, lastRequested, open);
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
   * Tells whether a principal may send under an address (spec/cmt.md §11.2): its own address,
   * and {@code LOCAL_CONCENTRATOR} for any meter this supplier licensed (the supplier learns
   * which meter is the LC, never which reading token is the LC's).
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
        && licensed.contains(who.id());
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
   * Consumes one input (spec/cmt.md §3.1, §3.4 step 5, §3.6, §3.7).
   *
   * @param input the input
   * @param random unused: the supplier draws nothing
   * @return the next state, envelopes and events (round outcomes)
   * @throws ProtocolViolationException with a CMT check ID, or AUTH-V-14 for a small-order token
   *     key; the state is unchanged
   */
  @Override
  public Step<Supplier> step(CmtInput input, RandomSource random)
      throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof RequestRound r) {
      return requestRound(r.round());
    } else if (input instanceof CmtInput.Enrol en) {
      return Step.of(enrol(en.meter(), en.deviceKey()));
    } else if (input instanceof Timer t && t.kind() == TimerKind.ROUND_DEADLINE) {
      return deadline(t.round());
    } else if (input instanceof Inbound in) {
      return inbound(in.verified());
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
    if (m instanceof LicenceRequest r) {
      return licence(e.sender(), r);
    } else if (m instanceof GroupKey g) {
      return groupKey(g);
    } else if (m instanceof EncryptedReading c) {
      return ciphertext(e.sender(), e.round(), c);
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "message not for the supplier");
  }

  private Step<Supplier> licence(Address sender, LicenceRequest r) throws CmtViolationException {
    Ed25519PublicKey deviceKey = enrolled.get(r.meter());
    if (deviceKey == null) {
      throw new CmtViolationException(CmtChecks.CMT_V_01, "identity not enrolled");
    }
    if (!sender.equals(Address.identified(r.meter()))) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "request for another identity");
    }
    // §3.1 step 2: the licence binds (serial, id, device key, group, validity).
    Round from = new Round(lastRequested);
    Round until = licenceRounds == 0
        ? Anchor.FOREVER
        : new Round(Math.min(Anchor.FOREVER.index(), lastRequested + licenceRounds - 1));
    SignedLicence l = SignedLicence.issue(
        new Licence(nextSerial, r.meter(), deviceKey, group, from, until), licenceKey);
    Envelope<CmtMessage> out = new Envelope<>(Address.SUPPLIER, Address.identified(r.meter()),
        group, from, new LicenceGrant(l));
    Set<MeterId> lic = new HashSet<>(licensed);
    lic.add(r.meter());
    Supplier next = new Supplier(params, group, licenceKey, blank, enrolled, lic, nextSerial + 1,
        licenceRounds, keyring, key, lastRequested, open);
    return new Step<>(next, List.of(out), List.of());
  }

  private Step<Supplier> groupKey(GroupKey g) throws ProtocolViolationException {
    Key k = key;
    Set<Token> tokens = Set.copyOf(g.readingTokens());
    if (k != null && g.epoch() <= k.epoch) {
      if (g.epoch() == k.epoch && g.groupKey().equalsConstantTime(SecretLong.of(k.groupKey))
          && k.members.equals(tokens)) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "group key already applied");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_02, "group key of an old epoch");
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
    // §11.4: only this epoch's tokens verify from now on.
    Supplier next = new Supplier(params, group, licenceKey, blank, enrolled, licensed, nextSerial,
        licenceRounds, ring, new Key(g.epoch(), g.groupKey().value(SecretAccess.grant()), tokens),
        lastRequested, Map.of());
    return new Step<>(next, List.of(), sortedEvents(events));
  }

  private Step<Supplier> requestRound(Round round) throws CmtViolationException {
    Key k = key;
    if (k == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "no group key yet");
    }
    if (round.index() <= lastRequested) {
      throw new IllegalArgumentException("rounds must increase");
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

  private Supplier with(@Nullable Key k, long last, Map<Round, Open> o) {
    return new Supplier(params, group, licenceKey, blank, enrolled, licensed, nextSerial, licenceRounds,
        keyring, k, last, o);
  }

  private static List<ProtocolEvent> sortedEvents(List<ProtocolEvent> events) {
    events.sort((a, b) -> ((RoundOutcome) a).round().compareTo(((RoundOutcome) b).round()));
    return events;
  }

  @Override
  public String toString() {
    return "Supplier[" + group.value() + ", epoch=" + epoch() + "]";
  }
}
