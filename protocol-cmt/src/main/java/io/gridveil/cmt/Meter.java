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
import io.gridveil.cmt.CmtInput.TimerKind;
import io.gridveil.cmt.LocalConcentrator.Collecting;
import io.gridveil.cmt.LocalConcentrator.Keyed;
import io.gridveil.cmt.LocalConcentrator.Keying;
import io.gridveil.cmt.LocalConcentrator.LcPhase;
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
import io.gridveil.cmt.MemberState.Active;
import io.gridveil.cmt.MemberState.AwaitingLicence;
import io.gridveil.cmt.MemberState.Discovering;
import io.gridveil.cmt.MemberState.Joined;
import io.gridveil.cmt.MemberState.LcLink;
import io.gridveil.cmt.MemberState.Left;
import io.gridveil.cmt.MemberState.Off;
import io.gridveil.cmt.MemberState.Registering;
import io.gridveil.cmt.MemberState.Registration;
import io.gridveil.cmt.MemberState.RingPlacement;
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
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A smart meter SM_i of a CMT group, possibly in the local concentrator role (spec/cmt.md §5.1,
 * §5.2): an immutable sans-I/O state.
 *
 * <p>The meter is a composite (spec/runtime.md §7.1): its configuration, a sealed member state
 * ({@link MemberState}, §7.2), its round buffer ({@link RoundBuffer}, §7.4), the LC role when it
 * holds it ({@link LocalConcentrator}, §7.3) and ε_last. The LC keeps taking part in the ring
 * with its own token while it manages the group; its messages to its own member role and back
 * stay inside the meter (§7.3). A meter's persistent state is its master
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
  /** The member phases of spec/cmt.md §5.1, derived from the member state (spec/runtime.md §7.2). */
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

  /** What never changes (spec/runtime.md §7.1). */
  private record MeterConfig(CmtParameters params, MeterId id, GroupId group, MeterSecret secret,
      MeterCredentials credentials) {
    @Override
    public String toString() {
      return "MeterConfig[" + id.value() + ", redacted]";
    }
  }

  private final MeterConfig config;
  private final CmtParameters params;
  private final MeterId id;
  private final GroupId group;
  private final MemberState member;
  private final RoundBuffer rounds;
  private final Optional<LocalConcentrator> lc;
  private final long lastEpoch;

  private Meter(MeterConfig config, MemberState member, RoundBuffer rounds,
      Optional<LocalConcentrator> lc, long lastEpoch) {
    this.config = config;
    this.params = config.params();
    this.id = config.id();
    this.group = config.group();
    this.member = member;
    this.rounds = rounds;
    this.lc = lc;
    this.lastEpoch = lastEpoch;
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
    MeterConfig config = new MeterConfig(
        Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(secret, "secret"),
        Objects.requireNonNull(credentials, "credentials"));
    if (lastEpoch < 0) {
      throw new IllegalArgumentException("last epoch must be >= 0");
    }
    return new Meter(config, new Off(), RoundBuffer.empty(params.roundWindow()),
        Optional.empty(), lastEpoch);
  }

  /**
   * Restores a meter from its durable state (spec/runtime.md §6.2): phase OFF, with the last key
   * epoch it used and the last round it encrypted, so that it never reuses an epoch and refuses a
   * request for a round at or below {@code lastCompleted} with CMT-S-03, as a running meter does
   * (spec/cmt.md §3.12 (a)). {@link #create} is this with lastCompleted 0 (no round is 0). Feed
   * it {@link CmtInput.Start} to rejoin (spec/cmt.md §3.9 step 3).
   *
   * @param params the group's parameters
   * @param id the meter's identity
   * @param group the group it will join
   * @param secret ms_i
   * @param lastEpoch the last key epoch it used, at least 0
   * @param lastCompleted the last round it encrypted, at least 0
   * @param credentials its device key, the supplier's anchors and reading key (spec/cmt.md §11)
   * @return the meter
   * @throws IllegalArgumentException if lastEpoch or lastCompleted is negative
   */
  public static Meter restore(
      CmtParameters params,
      MeterId id,
      GroupId group,
      MeterSecret secret,
      long lastEpoch,
      long lastCompleted,
      MeterCredentials credentials) {
    if (lastCompleted < 0) {
      throw new IllegalArgumentException("last completed round must be >= 0");
    }
    Meter m = create(params, id, group, secret, lastEpoch, credentials);
    return new Meter(m.config, m.member, RoundBuffer.restored(params.roundWindow(), lastCompleted),
        Optional.empty(), lastEpoch);
  }

  /**
   * Returns the last round this meter encrypted (the encrypt-once mark, spec/runtime.md §6.2).
   *
   * @return the round index, 0 before the first
   */
  public long lastCompleted() {
    return rounds.lastCompleted();
  }

  /**
   * Returns the member phase.
   *
   * @return the phase
   */
  public Phase phase() {
    return member.phase();
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
    return Optional.ofNullable(tokenOrNull());
  }

  /**
   * Returns the meter's reading token of its current registration (spec/cmt.md §11.4), the
   * pseudonym its ciphertexts carry to the supplier.
   *
   * @return the reading token, or empty before the first registration
   */
  public Optional<Token> readingToken() {
    Registration r = registrationOrNull();
    return r == null ? Optional.empty() : Optional.of(r.readingKey().token());
  }

  /**
   * Tells whether this meter holds the LC role.
   *
   * @return true for the LC
   */
  public boolean isLocalConcentrator() {
    return lc.isPresent();
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
    return member instanceof Active a ? a.placement().epoch() : -1;
  }

  /**
   * Returns the LC's key epoch if this meter is the LC and the group is keyed, or -1.
   *
   * @return ε or -1
   */
  public long keyedEpoch() {
    return lc.map(LocalConcentrator::keyedEpoch).orElse(-1L);
  }

  /**
   * Returns the ring order of the LC's keyed epoch (empty unless this meter is a keyed LC).
   *
   * @return T_1 .. T_n
   */
  public List<Token> keyedRing() {
    return lc.map(LocalConcentrator::keyedRing).orElse(List.of());
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
      return Objects.equals(m.token(), tokenOrNull());
    }
    if (recipient instanceof Address.GroupBroadcast) {
      return licenceOrNull() != null && !(member instanceof Left);
    }
    return recipient instanceof Address.LocalConcentrator && lc.isPresent();
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
    LcLink link = linkOrNull();
    if (link != null && t.equals(link.token()) && who.id().equals(link.id())) {
      return true;
    }
    if (member instanceof Active a && t.equals(a.placement().predecessor())
        && who.id().equals(a.placement().predecessorId())) {
      return true;
    }
    return lc.isPresent() && Objects.equals(who.id(), lc.get().ownerOf(t));
  }

  /**
   * Returns the licence granted by the supplier (spec/cmt.md §3.1): once present, the endpoint
   * sends this meter's control frames as licensed frames (kind 3).
   *
   * @return the signed licence, or empty before the grant
   */
  @Override
  public Optional<SignedLicence> licence() {
    return Optional.ofNullable(licenceOrNull());
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
    Registration r = registrationOrNull();
    return r != null && r.readingKey().token().equals(readingToken)
        ? Optional.of(r.readingKey())
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
    return new Step<>(next, out.envelopes, out.events).withTimers(timers(next, input, out));
  }

  // ---- timers (spec/runtime.md §4.5) --------------------------------------------------------

  /**
   * The timers a step arms and disarms (spec/runtime.md §4.3, §4.5), derived from the state
   * before and after it: DISCOVERY(0) with every discovery broadcast while discovering, until an
   * LC is followed or this meter becomes one; LC_TIMEOUT(0) on entering membership as a follower
   * and again on every frame from its LC, until it leaves or becomes LC; as LC,
   * REGISTRATION_DEADLINE(ε) when a collection or secure sum for ε starts (and again when its
   * deadline finds too few members), until keyed or stepped down; ROUND_DEADLINE(j) when the
   * reading request of j is relayed, until fired or stepped down. Disarms come before arms.
   */
  private List<TimerRequest> timers(Meter next, CmtInput input, MeterOut out) {
    List<TimerRequest> disarm = new ArrayList<>();
    List<TimerRequest> arm = new ArrayList<>();
    TimerId discovery = new TimerId(TimerId.DISCOVERY, 0);
    boolean broadcast = false;
    for (Envelope<?> e : out.envelopes) {
      broadcast |= e.body() instanceof LcDiscovery;
    }
    if (next.member instanceof Discovering && broadcast) {
      arm.add(new TimerRequest.Arm(discovery));
    } else if (member instanceof Discovering && !(next.member instanceof Discovering)) {
      disarm.add(new TimerRequest.Disarm(discovery));
    }
    TimerId lcTimeout = new TimerId(TimerId.LC_TIMEOUT, 0);
    if (next.isFollower()) {
      if (!isFollower() || next.fromOwnLc(input)) {
        arm.add(new TimerRequest.Arm(lcTimeout));
      }
    } else if (isFollower()) {
      disarm.add(new TimerRequest.Disarm(lcTimeout));
    }
    LcPhase before = lc.map(LocalConcentrator::phase).orElse(null);
    LcPhase after = next.lc.map(LocalConcentrator::phase).orElse(null);
    long epochBefore = before instanceof Collecting || before instanceof Keying
        ? before.epoch() : -1;
    long epochAfter = after instanceof Collecting || after instanceof Keying ? after.epoch() : -1;
    boolean samePhase = epochBefore >= 0 && epochBefore == epochAfter
        && before != null && after != null && before.getClass().equals(after.getClass());
    if (epochBefore >= 0 && epochBefore != epochAfter) {
      disarm.add(new TimerRequest.Disarm(
          new TimerId(TimerId.REGISTRATION_DEADLINE, epochBefore)));
    }
    if (epochAfter >= 0 && (!samePhase || (input instanceof Timer t
        && t.kind() == TimerKind.REGISTRATION_DEADLINE))) {
      arm.add(new TimerRequest.Arm(new TimerId(TimerId.REGISTRATION_DEADLINE, epochAfter)));
    }
    Set<Round> relayedBefore = new TreeSet<>();
    if (before instanceof Keyed k) {
      relayedBefore.addAll(k.acks().keySet());
    }
    Set<Round> relayedAfter = new TreeSet<>();
    if (after instanceof Keyed k) {
      relayedAfter.addAll(k.acks().keySet());
    }
    for (Round j : relayedBefore) {
      if (!relayedAfter.contains(j)) {
        disarm.add(new TimerRequest.Disarm(TimerId.roundDeadline(j)));
      }
    }
    for (Round j : relayedAfter) {
      if (!relayedBefore.contains(j)) {
        arm.add(new TimerRequest.Arm(TimerId.roundDeadline(j)));
      }
    }
    disarm.addAll(arm);
    return disarm;
  }

  /** A member of a ring that another meter manages (LC_TIMEOUT applies). */
  private boolean isFollower() {
    return joinedOrNull() != null && lc.isEmpty();
  }

  /** True if the input is a frame from the LC this meter follows. */
  private boolean fromOwnLc(CmtInput input) {
    LcLink link = linkOrNull();
    if (!(input instanceof Inbound in) || link == null) {
      return false;
    }
    Address sender = in.verified().envelope().sender();
    return sender.equals(Address.meter(link.token())) || sender.equals(Address.identified(link.id()));
  }

  // ---- local inputs -------------------------------------------------------------------------

  private Meter start(MeterOut out) throws CmtViolationException {
    require(member instanceof Off, "start in a started meter");
    out.send(Address.identified(id), Address.SUPPLIER, Round.FIRST, new LicenceRequest(id));
    return with(new AwaitingLicence());
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
    if (!(member instanceof Discovering d)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "discovery timer outside discovery");
    }
    if (d.attempts() < params.discoveryAttempts()) {
      // §3.2 step 2: broadcast again.
      out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
      return with(new Discovering(d.licence(), d.attempts() + 1, d.lc()));
    }
    // §3.2 step 2: self-election.
    Token self = Token.random(random);
    long epoch = lastEpoch + 1;
    out.events.add(new CmtEvent.LcElected(group, self, epoch));
    // §11.1: a message that introduces the binding T_LC -> id travels under the identity.
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST,
        new LcAnnouncement(self, epoch));
    LocalConcentrator l = LocalConcentrator.collect(params, group, id, self, epoch,
        Map.of(self, id), Map.of(), 0, out);
    return new Meter(config, new Joined(d.licence(), new LcLink(self, id, epoch), self), rounds,
        Optional.of(l), lastEpoch);
  }

  private Meter lcTimeout(MeterOut out) throws CmtViolationException {
    // §3.8 step 3: the LC went silent; discover again so that a new LC is elected.
    Joined j = joinedOrNull();
    if (lc.isPresent() || j == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "LC timeout outside membership");
    }
    rejoin(lastEpoch, out);
    return new Meter(config, new Discovering(j.licence(), 1, Optional.empty()),
        rounds.withoutRingState(), lc, lastEpoch);
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
    LcLink old = present(linkOrNull(), "LC link");
    LcLink link = new LcLink(next, present(l.ownerOf(next), "owner of a known token"),
        old.epoch());
    return new Meter(config, withLink(member, link), rounds, Optional.empty(), lastEpoch);
  }

  private Meter leave(MeterOut out, RandomSource random) throws CmtViolationException {
    Joined j = joinedOrNull();
    if (j == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "leave without membership");
    }
    Token self = j.token();
    Meter m = this;
    if (lc.isPresent() && lc.get().knownCount() > 1) {
      m = rotate(out, random);
    }
    LcLink link = present(m.linkOrNull(), "LC link");
    if (!link.token().equals(self)) {
      out.send(Address.meter(self), Address.meter(link.token()), Round.FIRST,
          new Leave(self, lastEpoch));
    }
    return new Meter(config, new Left(j.licence(), link, self), rounds.cleared(),
        Optional.empty(), lastEpoch);
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
      if (lc.isPresent()) {
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
    require(member instanceof AwaitingLicence, "licence outside AWAIT_LICENCE");
    Licence l = signed.licence();
    MeterCredentials credentials = config.credentials();
    if (!l.meter().equals(id) || !l.group().equals(group)
        || !l.meterKey().equals(credentials.deviceKey())) {
      throw new CmtViolationException(CmtChecks.CMT_V_02,
          "licence for another meter, group or device key");
    }
    // §3.1 step 3: the supplier's signature and the validity at the grant's round (AUTH-V-xx).
    Licences.verify(signed, credentials.anchors(), RevocationList.NONE, group, now);
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
    return with(new Discovering(signed, 1, Optional.empty()));
  }

  private Meter announcement(Address sender, LcAnnouncement a, MeterOut out)
      throws CmtViolationException {
    require(!(member instanceof Off) && !(member instanceof AwaitingLicence)
        && !(member instanceof Left), "announcement before licence");
    MeterId announcer = senderId(sender);
    LcLink announced = new LcLink(a.lc(), announcer, a.epoch());
    if (lc.isPresent()) {
      if (!lc.get().announcement(a, out)) {
        return this;
      }
      return new Meter(config, withLink(member, announced), rounds, Optional.empty(), lastEpoch);
    }
    LcLink current = linkOrNull();
    if (current != null && !greater(a.epoch(), a.lc(), current.epoch(), current.token())) {
      if (a.lc().equals(current.token())) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "announcement already followed");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_02, "announcement of a smaller LC");
    }
    if (member instanceof Discovering) {
      // Our discovery may have been lost: ask this LC directly.
      out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
    }
    return with(withLink(member, announced));
  }

  private Meter tokenAssignment(Address sender, TokenAssignment t)
      throws CmtViolationException {
    MeterId assigner = senderId(sender);
    if (!t.meter().equals(id)) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "assignment for another meter");
    }
    if (!(member instanceof Discovering d)) {
      if (Objects.equals(t.token(), tokenOrNull())) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "assignment already applied");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_01, "assignment outside discovery");
    }
    long lcEpoch = d.lc().map(LcLink::epoch).orElse(0L);
    return with(new Joined(d.licence(),
        new LcLink(t.lc(), assigner, Math.max(lcEpoch, t.epoch())), t.token()));
  }

  private Meter reRegister(Address sender, ReRegister r, MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    Joined j = joinedOrNull();
    if (j == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "re-registration without a token");
    }
    Token self = j.token();
    MeterId from = senderId(sender);
    boolean fromLc = from.equals(j.lc().id());
    // A re-registration of a greater epoch from another meter is an implicit announcement.
    if (!fromLc && r.epoch() <= j.lc().epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_V_08, "re-registration not from the LC");
    }
    if (r.epoch() == lastEpoch && member instanceof Registering reg && fromLc
        && reg.registration().epoch() == r.epoch()) {
      // §3.4 step 3: the LC asks again (our share may have been lost); answer again, same share
      // and the same token key.
      Registration held = reg.registration();
      sendToLc(out, self, r.lc(), Round.FIRST,
          new KeyShare(self, r.epoch(), sentShare(held), held.tokenKey()));
      return this;
    }
    if (r.epoch() <= lastEpoch) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "epoch not above the last used");
    }
    // §11.4: a fresh token key pair for every epoch, so reading tokens never repeat.
    Registration fresh = register(r.epoch(), random);
    sendToLc(out, self, r.lc(), Round.FIRST,
        new KeyShare(self, r.epoch(), sentShare(fresh), fresh.tokenKey()));
    LcLink link = new LcLink(r.lc(), from, Math.max(j.lc().epoch(), r.epoch()));
    return new Meter(config, new Registering(j.withLc(link), fresh), rounds.withoutRingState(),
        lc, r.epoch());
  }

  /** The share a KeyShare carries: k_i1, or 0 under the secure sum (spec/cmt.md §3.4, §3.5). */
  private SecretLong sentShare(Registration reg) {
    return params.secureSum() ? SecretLong.of(0) : reg.keys().keyShare();
  }

  /** The keys of the epoch this meter is registered for (spec/runtime.md §7.5). */
  private EpochKeys keysFor(long epoch) {
    Registration reg = present(registrationOrNull(), "registration");
    if (reg.epoch() != epoch) {
      throw new IllegalStateException("unreachable: registered for the ring's epoch");
    }
    return reg.keys();
  }

  private Registration register(long epoch, RandomSource random)
      throws ProtocolViolationException {
    X25519KeyPair pair = X25519KeyPair.generate(random);
    return new Registration(epoch, pair.publicKey(),
        ReadingKey.derive(pair, config.credentials().supplierReadingKey(), group, epoch),
        EpochKeys.derive(config.secret(), group, epoch, params.bits()));
  }

  private Meter successorAssignment(Address sender, SuccessorAssignment s)
      throws CmtViolationException {
    checkFromLc(sender);
    if (member instanceof Active a && a.placement().epoch() == s.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "assignment already applied");
    }
    if (!(member instanceof Registering reg)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01,
          "successor assignment outside registration");
    }
    if (s.epoch() != lastEpoch) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "assignment for another epoch");
    }
    return with(new Active(reg, new RingPlacement(s.epoch(), s.predecessor(), s.predecessorId(),
        s.successor(), s.n(), s.secureSum()), Optional.empty()));
  }

  private Meter ringSum(Address sender, RingSum s, MeterOut out) throws CmtViolationException {
    Active a = member instanceof Active x ? x : null;
    // §11.6: the sender rule before any state check.
    if (a != null && !senderToken(sender).equals(a.placement().predecessor())) {
      throw new CmtViolationException(CmtChecks.CMT_V_05, "ring sum not from the predecessor");
    }
    if (a == null || !a.placement().secureSum()) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "ring sum outside the ring");
    }
    RingPlacement r = a.placement();
    if (s.epoch() != r.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "ring sum for another epoch");
    }
    checkValue(s.partial().value(SecretAccess.grant()), params.mask(), "partial");
    if (lc.isPresent()) {
      // §3.5: the sum has gone round to the LC; K = s - r.
      return withLc(lc.get().ringSum(s, out));
    }
    if (a.forwardedSum().isPresent()) {
      if (s.partial().equalsConstantTime(a.forwardedSum().get())) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "ring sum already forwarded");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second ring sum from the predecessor");
    }
    long share = keysFor(r.epoch()).keyShare().value(SecretAccess.grant());
    Token self = a.registering().joined().token();
    out.send(Address.meter(self), Address.meter(r.successor()),
        Round.FIRST, new RingSum(r.epoch(),
            SecretLong.of((s.partial().value(SecretAccess.grant()) + share) & params.mask())));
    return with(new Active(a.registering(), r, Optional.of(s.partial())));
  }

  private Meter readingRequest(Address sender, Round round, ReadingRequest q, MeterOut out)
      throws CmtViolationException {
    checkFromLc(sender);
    if ((member instanceof Active a && q.epoch() > a.placement().epoch())
        || (member instanceof Registering && q.epoch() >= lastEpoch)) {
      // §3.9: this meter was left out of the LC's current ring; it joins again.
      Joined j = present(joinedOrNull(), "membership");
      rejoin(q.epoch(), out);
      return new Meter(config, new Discovering(j.licence(), 1, Optional.of(j.lc())),
          rounds.withoutRingState(), lc, lastEpoch);
    }
    if (!(member instanceof Active a)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "reading request outside the ring");
    }
    if (q.epoch() != a.placement().epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "request for another epoch");
    }
    long j = round.index();
    rounds.checkRequest(j);
    // §3.6 step 2: δ_ij to the successor, in parallel with every other member.
    RingPlacement r = a.placement();
    Token self = a.registering().joined().token();
    long delta = keysFor(r.epoch()).delta(j);
    out.send(Address.meter(self), Address.meter(r.successor()), new Round(j),
        new Delta(self, r.epoch(), SecretLong.of(delta)));
    return withRounds(rounds.withRequest(j)).tryComplete(j, out);
  }

  private Meter delta(Address sender, Round round, Delta d, MeterOut out)
      throws CmtViolationException {
    if (!(member instanceof Active a)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "delta outside the ring");
    }
    RingPlacement r = a.placement();
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
    if (!p.requested || predecessorDelta == null || reading == null
        || !(member instanceof Active a)) {
      return this;
    }
    RingPlacement r = a.placement();
    Joined joined = a.registering().joined();
    // §3.6 step 4: k_ij = k_i1 - δ_ij + δ_(i-1)j, c_ij = e_ij + k_ij.
    long c = keysFor(r.epoch()).encrypt(j, reading.value(),
        predecessorDelta.value(SecretAccess.grant()));
    Round round = new Round(j);
    // §11.4: the ciphertext goes under the epoch's reading token, MACed, never the ring token.
    Token readingToken = a.registering().registration().readingKey().token();
    out.send(Address.meter(readingToken), Address.SUPPLIER, round,
        new EncryptedReading(readingToken, r.epoch(), c));
    sendToLc(out, joined.token(), joined.lc().token(), round,
        new RoundAck(joined.token(), r.epoch()));
    return withRounds(rounds.completed(j));
  }

  /** §3.9: discover again (the caller sets the member state). */
  private void rejoin(long epoch, MeterOut out) {
    out.events.add(new CmtEvent.Rejoining(group, epoch));
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, new LcDiscovery());
  }

  private Meter handover(Address sender, LcHandover h, MeterOut out)
      throws ProtocolViolationException {
    Joined j = joinedOrNull();
    if (j == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "hand-over without a token");
    }
    Token self = j.token();
    MeterId from = senderId(sender);
    LocalConcentrator l = lc.orElse(null);
    boolean namesSelf = h.members().contains(new CmtMessage.Member(self, id));
    if (l == null && namesSelf) {
      // §3.10, §11.1 (a): only the LC this meter follows hands it the role.
      if (!from.equals(j.lc().id())) {
        throw new CmtViolationException(CmtChecks.CMT_V_08, "hand-over not from the meter's LC");
      }
    } else if (l == null) {
      // §3.2 step 4, §11.1 (c): a hand-over of a smaller LC reached a former LC; pass it on to
      // the LC this meter follows, so that the smaller LC's members are not orphaned. It goes
      // under this meter's identity, so it names this meter as the LC that steps down.
      Token followed = j.lc().token();
      if (followed.equals(self)) {
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
    LocalConcentrator next =
        LocalConcentrator.fromHandover(params, group, id, self, l, h, lastEpoch, out);
    return new Meter(config, withLink(member, new LcLink(self, id, next.epoch())), rounds,
        Optional.of(next), lastEpoch);
  }

  /**
   * Tells whether a hand-over presents its sender as an LC that steps down to this meter
   * (spec/cmt.md §3.2 step 4, §11.1 (b), (c)): the list binds exactly one token T_s to the
   * sender, and (ε_h, T_s) is below (ε, T) of this meter, the same evidence an announcement of
   * the sender would carry, in the one signed frame, so no frame order matters.
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
    Registration reg = registrationOrNull();
    SecretLong own = reg != null && reg.epoch() == l.epoch() ? reg.keys().keyShare() : null;
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
    if (lc.isPresent() && lcT.equals(self)) {
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
      if (m.lc.isPresent()) {
        m = m.withLc(m.lc.get().fromOwnMember(toLc));
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private LocalConcentrator requireLc() throws CmtViolationException {
    if (lc.isEmpty()) {
      throw new CmtViolationException(CmtChecks.CMT_S_06, "LC-only input at a member");
    }
    return lc.get();
  }

  private void checkFromLc(Address sender) throws CmtViolationException {
    LcLink link = linkOrNull();
    if (link == null || !senderToken(sender).equals(link.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_08, "message not from the meter's LC");
    }
  }

  /** The membership data of JOINED, REGISTERING and ACTIVE, else null. */
  private @Nullable Joined joinedOrNull() {
    if (member instanceof Joined j) {
      return j;
    }
    if (member instanceof Registering r) {
      return r.joined();
    }
    return member instanceof Active a ? a.registering().joined() : null;
  }

  private @Nullable Registration registrationOrNull() {
    if (member instanceof Registering r) {
      return r.registration();
    }
    return member instanceof Active a ? a.registering().registration() : null;
  }

  private @Nullable Token tokenOrNull() {
    Joined j = joinedOrNull();
    if (j != null) {
      return j.token();
    }
    return member instanceof Left l ? l.token() : null;
  }

  private @Nullable LcLink linkOrNull() {
    Joined j = joinedOrNull();
    if (j != null) {
      return j.lc();
    }
    if (member instanceof Discovering d) {
      return d.lc().orElse(null);
    }
    return member instanceof Left l ? l.lc() : null;
  }

  private @Nullable SignedLicence licenceOrNull() {
    Joined j = joinedOrNull();
    if (j != null) {
      return j.licence();
    }
    if (member instanceof Discovering d) {
      return d.licence();
    }
    return member instanceof Left l ? l.licence() : null;
  }

  /** The same member state following another LC. */
  private static MemberState withLink(MemberState m, LcLink link) {
    if (m instanceof Discovering d) {
      return new Discovering(d.licence(), d.attempts(), Optional.of(link));
    }
    if (m instanceof Joined j) {
      return j.withLc(link);
    }
    if (m instanceof Registering r) {
      return new Registering(r.joined().withLc(link), r.registration());
    }
    if (m instanceof Active a) {
      Registering r = a.registering();
      return new Active(new Registering(r.joined().withLc(link), r.registration()),
          a.placement(), a.forwardedSum());
    }
    throw new IllegalStateException("unreachable: no LC to follow in " + m.phase());
  }

  private Meter with(MemberState next) {
    return new Meter(config, next, rounds, lc, lastEpoch);
  }

  private Meter withRounds(RoundBuffer next) {
    return new Meter(config, member, next, lc, lastEpoch);
  }

  private Meter withLc(LocalConcentrator next) {
    return new Meter(config, member, rounds, Optional.of(next), lastEpoch);
  }

  @Override
  public String toString() {
    return "Meter[" + id.value() + ", " + member.phase() + (lc.isPresent() ? ", LC" : "")
        + ", redacted]";
  }
}
