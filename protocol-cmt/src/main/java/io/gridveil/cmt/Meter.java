// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.cmt.MeterRules.checkValue;
import static io.gridveil.cmt.MeterRules.greater;
import static io.gridveil.cmt.MeterRules.present;
import static io.gridveil.cmt.MeterRules.require;
import static io.gridveil.cmt.MeterRules.senderId;
import static io.gridveil.cmt.MeterRules.senderToken;

import io.gridveil.cmt.CmtInput.Inbound;
import io.gridveil.cmt.CmtInput.LeaveGroup;
import io.gridveil.cmt.CmtInput.LocalReading;
import io.gridveil.cmt.CmtInput.RotateLc;
import io.gridveil.cmt.CmtInput.Start;
import io.gridveil.cmt.CmtInput.Timer;
import io.gridveil.cmt.CmtMessage.Delta;
import io.gridveil.cmt.CmtMessage.EncryptedReading;
import io.gridveil.cmt.CmtMessage.KeyShare;
import io.gridveil.cmt.CmtMessage.LcAnnouncement;
import io.gridveil.cmt.CmtMessage.LcDiscovery;
import io.gridveil.cmt.CmtMessage.LcHandover;
import io.gridveil.cmt.CmtMessage.Leave;
import io.gridveil.cmt.CmtMessage.LicenceGrant;
import io.gridveil.cmt.CmtMessage.LicenceRequest;
import io.gridveil.cmt.CmtMessage.ReRegister;
import io.gridveil.cmt.CmtMessage.ReadingRequest;
import io.gridveil.cmt.CmtMessage.RingSum;
import io.gridveil.cmt.CmtMessage.RoundAck;
import io.gridveil.cmt.CmtMessage.SuccessorAssignment;
import io.gridveil.cmt.CmtMessage.TokenAssignment;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.auth.X25519KeyPair;
import io.gridveil.core.auth.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A smart meter SM_i of a CMT group, possibly in the local concentrator role (spec/cmt.md §5.1,
 * §5.2): an immutable sans-I/O state.
 *
 * <p>The LC is a meter with an LC sub-state beside its member state: it keeps taking part in the
 * ring with its own token while it manages the group. A meter's persistent state is its master
 * secret and the last key epoch it used ({@link #lastEpoch()}); everything else is volatile and a
 * restarted meter re-enters through the licence (spec/cmt.md §3.9 step 3).
 *
 * <p>Authentication (spec/cmt.md §11): the meter runs behind an {@code Endpoint} created with
 * {@code Endpoint.signing(meter, codec, CmtInput.Inbound::new, verifier, deviceKey, base)}. Until
 * its licence arrives its frames are signed by its enrolled device key (kind 1, only its licence
 * request); from then on {@link #licence()} makes them licensed frames (kind 3); its ciphertexts
 * go to the supplier MACed (kind 2) under the reading key of its epoch's token pair
 * ({@link #readingKey}). {@link #mayClaim} lets a ring token speak only for the identity the
 * meter learnt it belongs to (its LC's, its predecessor's, or for an LC the one it assigned).
 * A hand-over makes it LC only from the LC it follows; a merge or forwarded hand-over is taken
 * only from an LC that names itself smaller, and its list only adds unknown tokens
 * (spec/cmt.md §11.1). As LC it binds one ring token per identity and counts one key share per
 * identity, so m_min counts meters (§3.3 step 3, §3.4 step 3).
 *
 * <p>Security: a member learns its predecessor's delta δ_(i-1)j, its LC's and its predecessor's
 * tokens and identities (every licensed frame names its sender's licence, so the group is not
 * pseudonymous to itself); it never learns another meter's reading. The LC additionally learns
 * every k_i1 (unless the secure sum is on, spec/cmt.md §3.5), the identity of every member and
 * the ring order (spec/cmt.md §7.2), but not which reading token is whose. Honest-but-curious
 * group members are assumed (spec/cmt.md §8).
 */
public final class Meter implements AuthenticatedParty<Meter, CmtInput> {
  /** The member phases of spec/cmt.md §5.1. */
  public enum Phase {
    /** Not started. */
    OFF,
    /** Licence requested. */
    AWAIT_LICENCE,
    /** Looking for the LC. */
    DISCOVERING,
    /** Token assigned, waiting for a re-registration. */
    JOINED,
    /** Key share sent, waiting for the ring placement. */
    REGISTERING,
    /** In the ring of the current epoch. */
    ACTIVE,
    /** Left the group. */
    LEFT
  }

  private final CmtParameters params;
  private final MeterId id;
  private final GroupId group;
  private final MeterSecret secret;
  private final MeterCredentials credentials;
  private final Phase phase;
  private final @Nullable SignedLicence licence;
  private final int attempts;
  private final long lastEpoch;
  private final @Nullable Token token;
  private final @Nullable Token lcToken;
  private final @Nullable MeterId lcId;
  private final long lcEpoch;
  private final @Nullable Ring ring;
  private final @Nullable Registration registration;
  private final RoundBuffer rounds;
  private final @Nullable Long forwardedSum;
  private final @Nullable LocalConcentrator lc;

  /** The ring placement of the current epoch. */
  private record Ring(
      long epoch, Token predecessor, MeterId predecessorId, Token successor, int n,
      boolean secureSum) {}

  /**
   * The registration for one epoch: the reading-token key (spec/cmt.md §11.4), pk_T, sent in the
   * key share, and the MAC key derived from sk_T and pk_S (sk_T itself is not kept); and the
   * epoch's keys k_i1 and F_(d_i), derived once here (spec/runtime.md §7.5).
   */
  private static final class Registration {
    final long epoch;
    final X25519PublicKey tokenKey;
    final ReadingKey readingKey;
    final EpochKeys keys;

    Registration(long epoch, X25519PublicKey tokenKey, ReadingKey readingKey, EpochKeys keys) {
      this.epoch = epoch;
      this.tokenKey = tokenKey;
      this.readingKey = readingKey;
      this.keys = keys;
    }

    @Override
    public String toString() {
      return "Registration[epoch=" + epoch + ", redacted]";
    }
  }

  private Meter(B b) {
    this.params = b.params;
    this.id = b.id;
    this.group = b.group;
    this.secret = b.secret;
    this.credentials = b.credentials;
    this.phase = b.phase;
    this.licence = b.licence;
    this.attempts = b.attempts;
    this.lastEpoch = b.lastEpoch;
    this.token = b.token;
    this.lcToken = b.lcToken;
    this.lcId = b.lcId;
    this.lcEpoch = b.lcEpoch;
    this.ring = b.ring;
    this.registration = b.registration;
    this.rounds = b.rounds;
    this.forwardedSum = b.forwardedSum;
    this.lc = b.lc;
  }

  /**
   * Creates a meter that has not started (spec/cmt.md §5.1, phase OFF).
   *
   * @param params the group's parameters
   * @param id the meter's identity
   * @param group the group it will join
   * @param secret ms_i
   * @param lastEpoch the last key epoch it used (persistent; 0 for a new meter)
   * @param credentials its device key, the supplier's anchors and reading key (spec/cmt.md §11)
   * @return the meter
   */
  public static Meter create(
      CmtParameters params,
      MeterId id,
      GroupId group,
      MeterSecret secret,
      long lastEpoch,
      MeterCredentials credentials) {
    B b = new B(
        Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(secret, "secret"),
        Objects.requireNonNull(credentials, "credentials"));
    if (lastEpoch < 0) {
      throw new IllegalArgumentException("last epoch must be >= 0");
    }
    b.lastEpoch = lastEpoch;
    return new Meter(b);
  }

  /**
   * Returns the member phase.
   *
   * @return the phase
   */
  public Phase phase() {
    return phase;
  }

  /**
   * Returns the meter's identity.
   *
   * @return the identity
   */
  public MeterId id() {
    return id;
  }

  /**
   * Returns the meter's token T_i, if assigned.
   *
   * @return T_i, or empty before the assignment
   */
  public Optional<Token> token() {
    return Optional.ofNullable(token);
  }

  /**
   * Returns the meter's reading token of its current registration (spec/cmt.md §11.4), the
   * pseudonym its ciphertexts carry to the supplier.
   *
   * @return the reading token, or empty before the first registration
   */
  public Optional<Token> readingToken() {
    Registration r = registration;
    return r == null ? Optional.empty() : Optional.of(r.readingKey.token());
  }

  /**
   * Tells whether this meter holds the LC role.
   *
   * @return true for the LC
   */
  public boolean isLocalConcentrator() {
    return lc != null;
  }

  /**
   * Returns the last key epoch this meter used, the persistent part of its state.
   *
   * @return ε_last
   */
  public long lastEpoch() {
    return lastEpoch;
  }

  /**
   * Returns the key epoch of the ring this meter is active in, or -1.
   *
   * @return ε or -1
   */
  public long ringEpoch() {
    Ring r = ring;
    return r == null || phase != Phase.ACTIVE ? -1 : r.epoch();
  }

  /**
   * Returns the LC's key epoch if this meter is the LC and the group is keyed, or -1.
   *
   * @return ε or -1
   */
  public long keyedEpoch() {
    LocalConcentrator l = lc;
    return l == null ? -1 : l.keyedEpoch();
  }

  /**
   * Returns the ring order of the LC's keyed epoch (empty unless this meter is a keyed LC).
   *
   * @return T_1 .. T_n
   */
  public List<Token> keyedRing() {
    LocalConcentrator l = lc;
    return l == null ? List.of() : l.keyedRing();
  }

  /**
   * Tells whether a frame to {@code recipient} is for this meter now (spec/cmt.md §11.2): its
   * identity, its current ring token, the group broadcast once licensed, the LC role while it
   * holds it.
   *
   * @param recipient the frame's recipient
   * @return true if the frame is for this meter
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    if (recipient instanceof Address.Identified i) {
      return i.id().equals(id);
    }
    if (recipient instanceof Address.Meter m) {
      return Objects.equals(m.token(), token);
    }
    if (recipient instanceof Address.GroupBroadcast) {
      return licence != null && phase != Phase.LEFT;
    }
    return recipient instanceof Address.LocalConcentrator && lc != null;
  }

  /**
   * Tells whether an authenticated principal may send under {@code sender} (spec/cmt.md §11.2):
   * every principal under its own address, and a licensed identity under a ring token only if
   * this meter learnt that the token is that identity's: its LC's (announcement, assignment,
   * re-registration), its predecessor's (successor assignment) or, at the LC, one it assigned.
   *
   * @param sender the frame's sender address
   * @param principal the authenticated principal
   * @return true if the claim is allowed
   */
  @Override
  public boolean mayClaim(Address sender, Address principal) {
    if (sender.equals(principal)) {
      return true;
    }
    if (!(sender instanceof Address.Meter m) || !(principal instanceof Address.Identified who)) {
      return false;
    }
    Token t = m.token();
    if (Objects.equals(t, lcToken) && Objects.equals(who.id(), lcId)) {
      return true;
    }
    Ring r = ring;
    if (r != null && t.equals(r.predecessor()) && who.id().equals(r.predecessorId())) {
      return true;
    }
    LocalConcentrator l = lc;
    return l != null && Objects.equals(who.id(), l.ownerOf(t));
  }

  /**
   * Returns the licence granted by the supplier (spec/cmt.md §3.1): once present, the endpoint
   * sends this meter's control frames as licensed frames (kind 3).
   *
   * @return the signed licence, or empty before the grant
   */
  @Override
  public Optional<SignedLicence> licence() {
    return Optional.ofNullable(licence);
  }

  /**
   * Returns the MAC key of this meter's current reading token (spec/cmt.md §11.4), with which
   * the endpoint MACs its ciphertexts to the supplier (kind 2).
   *
   * @param readingToken the sender token of an outbound frame
   * @return the reading key, if the token is this meter's current reading token
   */
  @Override
  public Optional<ReadingKey> readingKey(Token readingToken) {
    Registration r = registration;
    return r != null && r.readingKey.token().equals(readingToken)
        ? Optional.of(r.readingKey)
        : Optional.empty();
  }

  /**
   * Consumes one input (spec/cmt.md §3, §5.1, §5.2).
   *
   * @param input the input
   * @param random the injected random source (tokens, ring order, LC choice, secure-sum mask)
   * @return the next state, envelopes and events
   * @throws ProtocolViolationException with a CMT check ID (or a core ID for a bad reading); the
   *     state is unchanged
   */
  @Override
  public Step<Meter> step(CmtInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    MeterOut out = new MeterOut(group);
    Meter next;
    if (input instanceof Start) {
      next = start(out);
    } else if (input instanceof Timer t) {
      next = timer(t, out, random);
    } else if (input instanceof LocalReading r) {
      next = localReading(r, out);
    } else if (input instanceof RotateLc) {
      next = rotate(out, random);
    } else if (input instanceof LeaveGroup) {
      next = leave(out, random);
    } else if (input instanceof Inbound in) {
      next = inbound(in.verified(), out, random);
    } else {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "input not accepted by a meter");
    }
    next = next.settle(out, random);
    return new Step<>(next, out.envelopes, out.events);
  }

  // ---- local inputs -------------------------------------------------------------------------

  private Meter start(MeterOut out) throws CmtViolationException {
    require(phase == Phase.OFF, "start in a started meter");
    out.send(Address.identified(id), Address.SUPPLIER, Round.FIRST, new LicenceRequest(id));
    B b = edit();
    b.phase = Phase.AWAIT_LICENCE;
    return b.build();
  }

  private Meter timer(Timer t, MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    return switch (t.kind()) {
      case DISCOVERY -> discoveryTimer(out, random);
      case REGISTRATION_DEADLINE -> lcRegistrationDeadline(out, random);
      case ROUND_DEADLINE -> lcRoundDeadline(t.round(), out);
      case LC_TIMEOUT -> lcTimeout(out);
    };
  }

  private Meter discoveryTimer(MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    require(phase == Phase.DISCOVERING, "discovery timer outside discovery");
    B b = edit();
    if (attempts < params.discoveryAttempts()) {
      // §3.2 step 2: broadcast again.
      b.attempts = attempts + 1;
      out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
      return b.build();
    }
    // §3.2 step 2: self-election.
    Token self = Token.random(random);
    long epoch = lastEpoch + 1;
    Map<Token, MeterId> owners = Map.of(self, id);
    b.token = self;
    b.lcToken = self;
    b.lcId = id;
    b.lcEpoch = epoch;
    b.phase = Phase.JOINED;
    out.events.add(new CmtEvent.LcElected(group, self, epoch));
    // §11.1: a message that introduces the binding T_LC -> id travels under the identity.
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST,
        new LcAnnouncement(self, epoch));
    b.lc = LocalConcentrator.collect(params, group, id, self, epoch, owners, Map.of(), 0, out);
    return b.build();
  }

  private Meter lcTimeout(MeterOut out) throws CmtViolationException {
    // §3.8 step 3: the LC went silent; discover again so that a new LC is elected.
    if (lc != null
        || (phase != Phase.JOINED && phase != Phase.REGISTERING && phase != Phase.ACTIVE)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "LC timeout outside membership");
    }
    B b = rejoin(lastEpoch, out).edit();
    b.lcToken = null;
    b.lcId = null;
    b.lcEpoch = 0;
    return b.build();
  }

  private Meter localReading(LocalReading r, MeterOut out) throws ProtocolViolationException {
    Reading reading = params.aggregation().check(r.reading());
    long j = r.round().index();
    return withRounds(rounds.withReading(j, reading)).tryComplete(j, out);
  }

  private Meter rotate(MeterOut out, RandomSource random) throws CmtViolationException {
    LocalConcentrator l = requireLc();
    // §3.10 step 1: a member chosen uniformly at random.
    Token next = l.rotate(out, random);
    B b = edit();
    b.lc = null;
    b.lcToken = next;
    b.lcId = l.ownerOf(next);
    return b.build();
  }

  private Meter leave(MeterOut out, RandomSource random) throws CmtViolationException {
    Token self = token;
    Token lcT = lcToken;
    if (self == null || lcT == null || phase == Phase.LEFT) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "leave without membership");
    }
    Meter m = this;
    LocalConcentrator l = lc;
    if (l != null && l.knownCount() > 1) {
      m = rotate(out, random);
      lcT = present(m.lcToken, "value");
    }
    if (!lcT.equals(self)) {
      out.send(Address.meter(self), Address.meter(lcT), Round.FIRST, new Leave(self, lastEpoch));
    }
    B b = m.edit();
    b.phase = Phase.LEFT;
    b.lc = null;
    b.ring = null;
    b.registration = null;
    b.rounds = rounds.cleared();
    return b.build();
  }

  // ---- inbound ------------------------------------------------------------------------------

  private Meter inbound(VerifiedEnvelope<CmtMessage> v, MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    Envelope<CmtMessage> e = v.envelope();
    if (!e.group().equals(group)) {
      throw new CmtViolationException(CmtChecks.CMT_V_09, "envelope for another group");
    }
    CmtMessage m = e.body();
    // §11.1: the supplier's key speaks only the supplier's messages; every other frame a meter
    // accepts is licensed, whatever anchors its endpoint holds.
    boolean fromSupplier = v.principal().equals(Address.SUPPLIER);
    if (fromSupplier
        ? !(m instanceof LicenceGrant || m instanceof ReadingRequest)
        : v.licence().isEmpty() || m instanceof LicenceGrant) {
      throw new CmtViolationException(CmtChecks.CMT_V_11, "message under the wrong wrapper");
    }
    if (m instanceof LicenceGrant g) {
      return licence(g.licence(), e.round(), out);
    } else if (m instanceof LcAnnouncement a) {
      return announcement(e.sender(), a, out);
    } else if (m instanceof TokenAssignment t) {
      return tokenAssignment(e.sender(), t);
    } else if (m instanceof ReRegister r) {
      if (lc != null) {
        throw new CmtViolationException(CmtChecks.CMT_S_01, "re-registration at an LC");
      }
      return fromLc(e.sender(), e.round(), r, out, random);
    } else if (m instanceof SuccessorAssignment s) {
      return fromLc(e.sender(), e.round(), s, out, random);
    } else if (m instanceof RingSum s) {
      return ringSum(e.sender(), s, out);
    } else if (m instanceof ReadingRequest r) {
      if (e.sender() instanceof Address.Supplier) {
        return withLc(requireLc().readingRequest(e.round(), r, out));
      }
      return fromLc(e.sender(), e.round(), r, out, random);
    } else if (m instanceof Delta d) {
      return delta(e.sender(), e.round(), d, out);
    } else if (m instanceof LcHandover h) {
      return handover(e.sender(), h, out);
    } else if (m instanceof LcDiscovery) {
      return withLc(requireLc().discovery(v, out, random));
    } else if (m instanceof KeyShare k) {
      return withLc(requireLc().keyShare(e.sender(), k));
    } else if (m instanceof RoundAck a) {
      return withLc(requireLc().roundAck(e.sender(), e.round(), a));
    } else if (m instanceof Leave l) {
      return withLc(requireLc().leave(e.sender(), l, out));
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "message not for a meter");
  }

  private Meter licence(SignedLicence signed, Round now, MeterOut out)
      throws ProtocolViolationException {
    require(phase == Phase.AWAIT_LICENCE, "licence outside AWAIT_LICENCE");
    Licence l = signed.licence();
    if (!l.meter().equals(id) || !l.group().equals(group)
        || !l.meterKey().equals(credentials.deviceKey())) {
      throw new CmtViolationException(CmtChecks.CMT_V_02,
          "licence for another meter, group or device key");
    }
    // §3.1 step 3: the supplier's signature and the validity at the grant's round (AUTH-V-xx).
    Licences.verify(signed, credentials.anchors(), RevocationList.NONE, group, now);
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
    B b = edit();
    b.licence = signed;
    b.phase = Phase.DISCOVERING;
    b.attempts = 1;
    return b.build();
  }

  private Meter announcement(Address sender, LcAnnouncement a, MeterOut out)
      throws CmtViolationException {
    require(phase != Phase.OFF && phase != Phase.AWAIT_LICENCE && phase != Phase.LEFT,
        "announcement before licence");
    MeterId announcer = senderId(sender);
    LocalConcentrator l = lc;
    if (l != null) {
      if (!l.announcement(a, out)) {
        return this;
      }
      B b = edit();
      b.lc = null;
      b.lcToken = a.lc();
      b.lcId = announcer;
      b.lcEpoch = a.epoch();
      return b.build();
    }
    Token current = lcToken;
    if (current != null && !greater(a.epoch(), a.lc(), lcEpoch, current)) {
      if (a.lc().equals(current)) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "announcement already followed");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_02, "announcement of a smaller LC");
    }
    B b = edit();
    b.lcToken = a.lc();
    b.lcId = announcer;
    b.lcEpoch = a.epoch();
    if (phase == Phase.DISCOVERING) {
      // Our discovery may have been lost: ask this LC directly.
      out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
    }
    return b.build();
  }

  private Meter tokenAssignment(Address sender, TokenAssignment t)
      throws CmtViolationException {
    MeterId assigner = senderId(sender);
    if (!t.meter().equals(id)) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "assignment for another meter");
    }
    if (phase != Phase.DISCOVERING) {
      if (Objects.equals(t.token(), token)) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "assignment already applied");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_01, "assignment outside discovery");
    }
    B b = edit();
    b.token = t.token();
    b.lcToken = t.lc();
    b.lcId = assigner;
    b.lcEpoch = Math.max(lcEpoch, t.epoch());
    b.phase = Phase.JOINED;
    return b.build();
  }

  private Meter reRegister(Address sender, ReRegister r, MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    Token self = token;
    if (self == null
        || (phase != Phase.JOINED && phase != Phase.REGISTERING && phase != Phase.ACTIVE)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "re-registration without a token");
    }
    MeterId from = senderId(sender);
    boolean fromLc = Objects.equals(from, lcId);
    // A re-registration of a greater epoch from another meter is an implicit announcement.
    if (!fromLc && r.epoch() <= lcEpoch) {
      throw new CmtViolationException(CmtChecks.CMT_V_08, "re-registration not from the LC");
    }
    Registration held = registration;
    if (r.epoch() == lastEpoch && phase == Phase.REGISTERING && fromLc && held != null
        && held.epoch == r.epoch()) {
      // §3.4 step 3: the LC asks again (our share may have been lost); answer again, same share
      // and the same token key.
      sendToLc(out, self, r.lc(), Round.FIRST,
          new KeyShare(self, r.epoch(), sentShare(held), held.tokenKey));
      return this;
    }
    if (r.epoch() <= lastEpoch) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "epoch not above the last used");
    }
    // §11.4: a fresh token key pair for every epoch, so reading tokens never repeat.
    Registration fresh = register(r.epoch(), random);
    sendToLc(out, self, r.lc(), Round.FIRST,
        new KeyShare(self, r.epoch(), sentShare(fresh), fresh.tokenKey));
    B b = edit();
    b.lcToken = r.lc();
    b.lcId = from;
    b.lcEpoch = Math.max(lcEpoch, r.epoch());
    b.lastEpoch = r.epoch();
    b.phase = Phase.REGISTERING;
    b.ring = null;
    b.forwardedSum = null;
    b.registration = fresh;
    b.rounds = rounds.withoutRingState();
    return b.build();
  }

  /** The share a KeyShare carries: k_i1, or 0 under the secure sum (spec/cmt.md §3.4, §3.5). */
  private SecretLong sentShare(Registration reg) {
    return params.secureSum() ? SecretLong.of(0) : reg.keys.keyShare();
  }

  /** The keys of the epoch this meter is registered for (spec/runtime.md §7.5). */
  private EpochKeys keysFor(long epoch) {
    Registration reg = present(registration, "registration");
    if (reg.epoch != epoch) {
      throw new IllegalStateException("unreachable: registered for the ring's epoch");
    }
    return reg.keys;
  }

  private Registration register(long epoch, RandomSource random)
      throws ProtocolViolationException {
    X25519KeyPair pair = X25519KeyPair.generate(random);
    return new Registration(epoch, pair.publicKey(),
        ReadingKey.derive(pair, credentials.supplierReadingKey(), group, epoch),
        EpochKeys.derive(secret, group, epoch, params.bits()));
  }

  private Meter successorAssignment(Address sender, SuccessorAssignment s)
      throws CmtViolationException {
    checkFromLc(sender);
    Ring r = ring;
    if (phase == Phase.ACTIVE && r != null && r.epoch() == s.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "assignment already applied");
    }
    require(phase == Phase.REGISTERING, "successor assignment outside registration");
    if (s.epoch() != lastEpoch) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "assignment for another epoch");
    }
    B b = edit();
    b.ring = new Ring(s.epoch(), s.predecessor(), s.predecessorId(), s.successor(), s.n(),
        s.secureSum());
    b.phase = Phase.ACTIVE;
    return b.build();
  }

  private Meter ringSum(Address sender, RingSum s, MeterOut out) throws CmtViolationException {
    Ring r = ring;
    // §11.6: the sender rule before any state check.
    if (r != null && !senderToken(sender).equals(r.predecessor())) {
      throw new CmtViolationException(CmtChecks.CMT_V_05, "ring sum not from the predecessor");
    }
    if (phase != Phase.ACTIVE || r == null || !r.secureSum()) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "ring sum outside the ring");
    }
    if (s.epoch() != r.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "ring sum for another epoch");
    }
    checkValue(s.partial().value(SecretAccess.grant()), params.mask(), "partial");
    LocalConcentrator l = lc;
    if (l != null) {
      // §3.5: the sum has gone round to the LC; K = s - r.
      return withLc(l.ringSum(s, out));
    }
    if (forwardedSum != null) {
      if (s.partial().equalsConstantTime(SecretLong.of(forwardedSum))) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "ring sum already forwarded");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second ring sum from the predecessor");
    }
    long share = keysFor(r.epoch()).keyShare().value(SecretAccess.grant());
    out.send(Address.meter(present(token, "value")), Address.meter(r.successor()),
        Round.FIRST, new RingSum(r.epoch(),
            SecretLong.of((s.partial().value(SecretAccess.grant()) + share) & params.mask())));
    B b = edit();
    b.forwardedSum = s.partial().value(SecretAccess.grant());
    return b.build();
  }

  private Meter readingRequest(Address sender, Round round, ReadingRequest q, MeterOut out)
      throws CmtViolationException {
    checkFromLc(sender);
    Ring r = ring;
    if ((phase == Phase.ACTIVE && r != null && q.epoch() > r.epoch())
        || (phase == Phase.REGISTERING && q.epoch() >= lastEpoch)) {
      // §3.9: this meter was left out of the LC's current ring; it joins again.
      return rejoin(q.epoch(), out);
    }
    if (phase != Phase.ACTIVE || r == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "reading request outside the ring");
    }
    if (q.epoch() != r.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "request for another epoch");
    }
    long j = round.index();
    rounds.checkRequest(j);
    return memberRequest(r, j, out);
  }

  private Meter memberRequest(Ring r, long j, MeterOut out) {
    Token self = present(token, "token");
    // §3.6 step 2: δ_ij to the successor, in parallel with every other member.
    long delta = keysFor(r.epoch()).delta(j);
    out.send(Address.meter(self), Address.meter(r.successor()), new Round(j),
        new Delta(self, r.epoch(), SecretLong.of(delta)));
    return withRounds(rounds.withRequest(j)).tryComplete(j, out);
  }

  private Meter delta(Address sender, Round round, Delta d, MeterOut out)
      throws CmtViolationException {
    Ring r = ring;
    if (phase != Phase.ACTIVE || r == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "delta outside the ring");
    }
    if (d.epoch() != r.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "delta for another epoch");
    }
    if (!d.from().equals(r.predecessor()) || !senderToken(sender).equals(d.from())) {
      throw new CmtViolationException(CmtChecks.CMT_V_05, "delta not from the predecessor");
    }
    checkValue(d.delta().value(SecretAccess.grant()), params.mask(), "delta");
    long j = round.index();
    return withRounds(rounds.withDelta(j, d.delta())).tryComplete(j, out);
  }

  private Meter tryComplete(long j, MeterOut out) {
    RoundBuffer.Slot p = rounds.slot(j);
    SecretLong predecessorDelta = p.predecessorDelta;
    Reading reading = p.reading;
    Ring r = ring;
    Token self = token;
    Token lcT = lcToken;
    if (!p.requested || predecessorDelta == null || reading == null
        || r == null || self == null || lcT == null || phase != Phase.ACTIVE) {
      return this;
    }
    // §3.6 step 4: k_ij = k_i1 - δ_ij + δ_(i-1)j, c_ij = e_ij + k_ij.
    long c = keysFor(r.epoch()).encrypt(j, reading.value(),
        predecessorDelta.value(SecretAccess.grant()));
    Round round = new Round(j);
    // §11.4: the ciphertext goes under the epoch's reading token, MACed, never the ring token.
    Token readingToken =
        present(registration, "registration of the ring's epoch").readingKey.token();
    out.send(Address.meter(readingToken), Address.SUPPLIER, round,
        new EncryptedReading(readingToken, r.epoch(), c));
    B b = edit();
    b.rounds = rounds.completed(j);
    sendToLc(out, self, lcT, round, new RoundAck(self, r.epoch()));
    return b.build();
  }

  private Meter rejoin(long epoch, MeterOut out) {
    out.events.add(new CmtEvent.Rejoining(group, epoch));
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
    B b = edit();
    b.phase = Phase.DISCOVERING;
    b.attempts = 1;
    b.token = null;
    b.ring = null;
    b.registration = null;
    b.forwardedSum = null;
    b.rounds = rounds.withoutRingState();
    return b.build();
  }

  private Meter handover(Address sender, LcHandover h, MeterOut out)
      throws ProtocolViolationException {
    Token self = token;
    if (self == null || phase == Phase.LEFT) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "hand-over without a token");
    }
    MeterId from = senderId(sender);
    LocalConcentrator l = lc;
    boolean namesSelf = h.members().contains(new CmtMessage.Member(self, id));
    if (l == null && namesSelf) {
      // §3.10, §11.1 (a): only the LC this meter follows hands it the role.
      if (!Objects.equals(from, lcId)) {
        throw new CmtViolationException(CmtChecks.CMT_V_08, "hand-over not from the meter's LC");
      }
    } else if (l == null) {
      // §3.2 step 4, §11.1 (c): a hand-over of a smaller LC reached a former LC; pass it on to
      // the LC this meter follows, so that the smaller LC's members are not orphaned. It goes
      // under this meter's identity, so it names this meter as the LC that steps down.
      Token followed = lcToken;
      if (followed == null || followed.equals(self)) {
        throw new CmtViolationException(CmtChecks.CMT_V_03, "hand-over that omits this meter");
      }
      if (!outranks(from, h, lastEpoch, self)) {
        throw new CmtViolationException(CmtChecks.CMT_V_14,
            "forwarded hand-over not from an LC smaller than this meter");
      }
      List<CmtMessage.Member> passed = new ArrayList<>();
      passed.add(new CmtMessage.Member(self, id));
      for (CmtMessage.Member m : h.members()) {
        if (!m.token().equals(self) && !m.meter().equals(id)) {
          passed.add(m);
        }
      }
      out.send(Address.identified(id), Address.meter(followed), Round.FIRST,
          new LcHandover(h.epoch(), passed));
      return this;
    } else if (!outranks(from, h, l.epoch(), self)) {
      // §3.2 step 4, §11.1 (b): a merge only from an LC that steps down to this one (or passes
      // on the hand-over of one, naming itself).
      throw new CmtViolationException(CmtChecks.CMT_V_14,
          "merge hand-over not from an LC smaller than this one");
    }
    B b = edit();
    LocalConcentrator next =
        LocalConcentrator.fromHandover(params, group, id, self, l, h, lastEpoch, out);
    b.lc = next;
    b.lcToken = self;
    b.lcId = id;
    b.lcEpoch = next.epoch();
    return b.build();
  }

  /**
   * Tells whether a hand-over presents its sender as an LC that steps down to this meter
   * (spec/cmt.md §3.2 step 4, §11.1 (b), (c)): the list binds exactly one token T_s to the
   * sender, and (ε_h, T_s) is below (ε, T) of this meter, the same evidence an announcement of the
   * sender would carry, in the one signed frame, so no frame order matters.
   */
  private static boolean outranks(MeterId sender, LcHandover h, long epoch, Token self) {
    Token own = null;
    for (CmtMessage.Member m : h.members()) {
      if (m.meter().equals(sender)) {
        if (own != null) {
          return false;
        }
        own = m.token();
      }
    }
    return own != null && greater(epoch, self, h.epoch(), own);
  }

  // ---- LC role and the seam (spec/runtime.md §7.3) -------------------------------------------

  private Meter lcRegistrationDeadline(MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    LocalConcentrator l = requireLc();
    Registration reg = registration;
    SecretLong own = reg != null && reg.epoch == l.epoch() ? reg.keys.keyShare() : null;
    return withLc(l.registrationDeadline(own, out, random));
  }

  private Meter lcRoundDeadline(Round round, MeterOut out) throws CmtViolationException {
    return withLc(requireLc().roundDeadline(round, out));
  }

  /**
   * A verified message from this meter's LC, from the network or handed over by this meter's own
   * LC role (spec/runtime.md §7.3): a re-registration, a ring placement or a reading request.
   */
  private Meter fromLc(Address sender, Round round, CmtMessage m, MeterOut out,
      RandomSource random) throws ProtocolViolationException {
    if (m instanceof ReRegister r) {
      return reRegister(sender, r, out, random);
    } else if (m instanceof SuccessorAssignment s) {
      return successorAssignment(sender, s);
    } else if (m instanceof ReadingRequest q) {
      return readingRequest(sender, round, q, out);
    }
    throw new IllegalStateException("unreachable: not a message from the LC to a member");
  }

  /**
   * Sends a member's message to its LC: on the wire, or, when this meter holds the LC role, to
   * that role (spec/runtime.md §7.3).
   */
  private void sendToLc(MeterOut out, Token self, Token lcT, Round round, CmtMessage body) {
    if (lc != null && lcT.equals(self)) {
      out.toLc(Address.meter(self), round, body);
    } else {
      out.send(Address.meter(self), Address.meter(lcT), round, body);
    }
  }

  /** Delivers the messages between the meter's two roles until none is left. */
  private Meter settle(MeterOut out, RandomSource random) throws ProtocolViolationException {
    Meter m = this;
    while (true) {
      MeterOut.Internal toMember = out.toMember.poll();
      if (toMember != null) {
        m = m.fromLc(toMember.sender(), toMember.round(), toMember.body(), out, random);
        continue;
      }
      MeterOut.Internal toLc = out.toLc.poll();
      if (toLc == null) {
        return m;
      }
      LocalConcentrator l = m.lc;
      if (l != null) {
        m = m.withLc(l.fromOwnMember(toLc));
      }
    }
  }

  private Meter withLc(LocalConcentrator next) {
    B b = edit();
    b.lc = next;
    return b.build();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private LocalConcentrator requireLc() throws CmtViolationException {
    LocalConcentrator l = lc;
    if (l == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_06, "LC-only input at a member");
    }
    return l;
  }

  private void checkFromLc(Address sender) throws CmtViolationException {
    if (lcToken == null || !senderToken(sender).equals(lcToken)) {
      throw new CmtViolationException(CmtChecks.CMT_V_08, "message not from the meter's LC");
    }
  }

  private Meter withRounds(RoundBuffer next) {
    B b = edit();
    b.rounds = next;
    return b.build();
  }

  private B edit() {
    B b = new B(params, id, group, secret, credentials);
    b.phase = phase;
    b.licence = licence;
    b.attempts = attempts;
    b.lastEpoch = lastEpoch;
    b.token = token;
    b.lcToken = lcToken;
    b.lcId = lcId;
    b.lcEpoch = lcEpoch;
    b.ring = ring;
    b.registration = registration;
    b.rounds = rounds;
    b.forwardedSum = forwardedSum;
    b.lc = lc;
    return b;
  }

  @Override
  public String toString() {
    return "Meter[" + id.value() + ", " + phase + (lc != null ? ", LC" : "") + ", redacted]";
  }

  /** The mutable copy used to build the next state. */
  private static final class B {
    final CmtParameters params;
    final MeterId id;
    final GroupId group;
    final MeterSecret secret;
    final MeterCredentials credentials;
    Phase phase = Phase.OFF;
    @Nullable SignedLicence licence;
    int attempts;
    long lastEpoch;
    @Nullable Token token;
    @Nullable Token lcToken;
    @Nullable MeterId lcId;
    long lcEpoch;
    @Nullable Ring ring;
    @Nullable Registration registration;
    RoundBuffer rounds;
    @Nullable Long forwardedSum;
    @Nullable LocalConcentrator lc;

    B(CmtParameters params, MeterId id, GroupId group, MeterSecret secret,
        MeterCredentials credentials) {
      this.params = params;
      this.id = id;
      this.group = group;
      this.secret = secret;
      this.credentials = credentials;
      this.rounds = RoundBuffer.empty(params.roundWindow());
    }

    Meter build() {
      return new Meter(this);
    }
  }
}
