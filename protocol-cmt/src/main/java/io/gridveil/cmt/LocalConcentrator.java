// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.cmt.MeterRules.checkValue;
import static io.gridveil.cmt.MeterRules.greater;
import static io.gridveil.cmt.MeterRules.present;
import static io.gridveil.cmt.MeterRules.require;
import static io.gridveil.cmt.MeterRules.senderToken;

import io.gridveil.cmt.CmtMessage.GroupKey;
import io.gridveil.cmt.CmtMessage.KeyShare;
import io.gridveil.cmt.CmtMessage.LcAnnouncement;
import io.gridveil.cmt.CmtMessage.LcHandover;
import io.gridveil.cmt.CmtMessage.Leave;
import io.gridveil.cmt.CmtMessage.ReRegister;
import io.gridveil.cmt.CmtMessage.ReadingRequest;
import io.gridveil.cmt.CmtMessage.RingSum;
import io.gridveil.cmt.CmtMessage.RoundAck;
import io.gridveil.cmt.CmtMessage.SuccessorAssignment;
import io.gridveil.cmt.CmtMessage.TokenAssignment;
import io.gridveil.cmt.internal.RingOrder;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The local concentrator role of a {@link Meter} (spec/runtime.md §7.3, spec/cmt.md §5.2): the
 * roster (ring token → identity, pending joins; spec/cmt.md §11.2) and a sealed phase. Immutable;
 * holds the members' key shares and K, so its toString is redacted.
 *
 * <p>The LC never reads or writes member state. Its one seam to the meter's member role: beside its
 * envelopes and events, a step hands the LC → member messages for its own ring token or the
 * broadcast to {@link MeterOut#toMember}, which the {@link Meter} feeds to its member role through
 * the function that handles a verified message from its LC; the member's answers to its own LC
 * (its key share, its round acknowledgement) come back through {@link #fromOwnMember}.
 */
final class LocalConcentrator {
  /** The LC's phases (spec/cmt.md §5.2), each with exactly its data. */
  sealed interface LcPhase permits Collecting, Keying, Keyed {
    /** The key epoch ε of this phase. */
    long epoch();
  }

  /**
   * Registration open for ε (spec/cmt.md §3.4 steps 1 to 3): k_i1 (0 under the secure sum) and
   * pk_T per registered token.
   */
  record Collecting(long epoch, Map<Token, SecretLong> shares,
      Map<Token, X25519PublicKey> tokenKeys) implements LcPhase {
    Collecting {
      shares = Map.copyOf(shares);
      tokenKeys = Map.copyOf(tokenKeys);
    }

    @Override
    public String toString() {
      return "Collecting[epoch=" + epoch + ", redacted]";
    }
  }

  /**
   * The secure sum for ε running (spec/cmt.md §3.5): the ring order, the token keys, the mask r,
   * and the shares collected, so that a replayed key share is still recognised (CMT-S-04).
   */
  record Keying(long epoch, List<Token> ring, Map<Token, X25519PublicKey> tokenKeys,
      Map<Token, SecretLong> shares, SecretLong mask) implements LcPhase {
    Keying {
      ring = List.copyOf(ring);
      tokenKeys = Map.copyOf(tokenKeys);
      shares = Map.copyOf(shares);
    }

    @Override
    public String toString() {
      return "Keying[epoch=" + epoch + ", redacted]";
    }
  }

  /** Keyed for ε (spec/cmt.md §3.4 step 5, §3.6): ring, token keys, K, acks per relayed round. */
  record Keyed(long epoch, List<Token> ring, Map<Token, X25519PublicKey> tokenKeys,
      SecretLong groupKey, Map<Round, Set<Token>> acks) implements LcPhase {
    Keyed {
      ring = List.copyOf(ring);
      tokenKeys = Map.copyOf(tokenKeys);
      acks = Map.copyOf(acks);
    }

    Keyed withAcks(Map<Round, Set<Token>> a) {
      return new Keyed(epoch, ring, tokenKeys, groupKey, a);
    }

    @Override
    public String toString() {
      return "Keyed[epoch=" + epoch + ", n=" + ring.size() + ", redacted]";
    }
  }

  private final CmtParameters params;
  private final GroupId group;
  private final MeterId id;
  private final Token self;
  /**
   * Every ring token the LC counts as a member or invitee, with the identity it assigned it to
   * (spec/cmt.md §11.2: the LC accepts {@code Meter(T)} only from that identity's licence). One
   * token per identity, except that a merge may add a second for an identity that holds a token
   * of each LC; only one of them registers (spec/cmt.md §3.3 step 3, §11.1).
   */
  private final Map<Token, MeterId> owners;
  /** Identities with an assignment in this collection (spec/cmt.md §3.3 step 3). */
  private final Map<MeterId, Token> pendingJoins;
  /** The last round relayed; kept across re-keys, so no relayed round is relayed again. */
  private final long lastRelayed;
  private final LcPhase phase;

  private LocalConcentrator(CmtParameters params, GroupId group, MeterId id, Token self,
      Map<Token, MeterId> owners, Map<MeterId, Token> pendingJoins, long lastRelayed,
      LcPhase phase) {
    this.params = params;
    this.group = group;
    this.id = id;
    this.self = self;
    this.owners = Map.copyOf(owners);
    this.pendingJoins = Map.copyOf(pendingJoins);
    this.lastRelayed = lastRelayed;
    this.phase = phase;
  }

  /**
   * Opens a collection for ε (spec/cmt.md §3.4 step 1): the ReRegister to the group, which the
   * LC's own member role receives too, so that it registers like every member.
   */
  static LocalConcentrator collect(CmtParameters params, GroupId group, MeterId id, Token self,
      long epoch, Map<Token, MeterId> owners, Map<MeterId, Token> joins, long lastRelayed,
      MeterOut out) {
    ReRegister r = new ReRegister(epoch, self);
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST, r);
    out.toMember(Address.identified(id), Round.FIRST, r);
    return new LocalConcentrator(params, group, id, self, owners, joins, lastRelayed,
        new Collecting(epoch, Map.of(), Map.of()));
  }

  /**
   * Takes the LC role from a hand-over, or merges the members of an LC that stepped down
   * (spec/cmt.md §3.2 step 4, §3.10, §11.1); the caller has checked who may hand it over.
   *
   * @param current this meter's LC role, or null when it becomes LC
   * @param lastEpoch the meter's ε_last
   */
  static LocalConcentrator fromHandover(CmtParameters params, GroupId group, MeterId id,
      Token self, @Nullable LocalConcentrator current, LcHandover h, long lastEpoch,
      MeterOut out) {
    // §11.1: our own bindings win; the list adds only tokens this meter does not know, at most
    // one per identity and none for this meter. An identity with a token of each LC keeps both
    // until keying (it holds one of them); its key share counts once (CMT-V-15, §3.4 step 1).
    Map<Token, MeterId> owners = new HashMap<>(current == null ? Map.of() : current.owners);
    owners.put(self, id);
    Set<MeterId> listed = new HashSet<>(Set.of(id));
    for (CmtMessage.Member member : new TreeMap<>(memberMap(h)).values()) {
      if (!owners.containsKey(member.token()) && listed.add(member.meter())) {
        owners.put(member.token(), member.meter());
      }
    }
    long base = Math.max(h.epoch(), lastEpoch);
    Map<MeterId, Token> joins = Map.of();
    if (current != null) {
      // §3.2 step 4: merge the members of an LC that stepped down.
      base = Math.max(base, current.phase.epoch());
      joins = current.pendingJoins;
    } else {
      out.events.add(new CmtEvent.LcElected(group, self, base + 1));
    }
    long epoch = base + 1;
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST,
        new LcAnnouncement(self, epoch));
    return collect(params, group, id, self, epoch, owners, joins,
        current == null ? 0 : current.lastRelayed, out);
  }

  LcPhase phase() {
    return phase;
  }

  long epoch() {
    return phase.epoch();
  }

  /** The identity the LC bound to a ring token, if any (spec/cmt.md §11.2). */
  @Nullable MeterId ownerOf(Token t) {
    return owners.get(t);
  }

  /** The number of tokens the LC counts as members or invitees. */
  int knownCount() {
    return owners.size();
  }

  /**
   * Hands the role to a member chosen uniformly at random (spec/cmt.md §3.10 step 1).
   *
   * @return the new LC's token
   * @throws CmtViolationException CMT-S-01 if no other member is known
   */
  Token rotate(MeterOut out, RandomSource random) throws CmtViolationException {
    List<Token> others = new ArrayList<>(owners.keySet());
    others.remove(self);
    others.sort(Comparator.naturalOrder());
    if (others.isEmpty()) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "no member to hand the LC role to");
    }
    Token next = others.get((int) random.uniformLong(others.size()));
    out.send(Address.identified(id), Address.meter(next), Round.FIRST,
        new LcHandover(phase.epoch(), members()));
    out.events.add(new CmtEvent.LcSteppedDown(group, next));
    return next;
  }

  /**
   * Another LC's announcement (spec/cmt.md §3.2 step 4): step down to a greater LC and hand it the
   * members, or re-announce to a smaller one.
   *
   * @return true if this LC stepped down
   * @throws CmtViolationException CMT-S-04 for its own announcement
   */
  boolean announcement(LcAnnouncement a, MeterOut out) throws CmtViolationException {
    if (a.lc().equals(self)) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "own announcement");
    }
    if (greater(a.epoch(), a.lc(), phase.epoch(), self)) {
      // §3.2 step 4: step down and hand the members over, so that nobody is orphaned.
      out.send(Address.identified(id), Address.meter(a.lc()), Round.FIRST,
          new LcHandover(phase.epoch(), members()));
      out.events.add(new CmtEvent.LcSteppedDown(group, a.lc()));
      return true;
    }
    // The other LC is smaller: re-announce so that it steps down.
    out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST,
        new LcAnnouncement(self, phase.epoch()));
    return false;
  }

  /** A discovery (spec/cmt.md §3.3, §11.3): assign a token, invite to the collection. */
  LocalConcentrator discovery(VerifiedEnvelope<CmtMessage> v, MeterOut out, RandomSource random)
      throws ProtocolViolationException {
    // §3.3, §11.3: the licence is the one in the wrapper, already checked by the verifier at this
    // round (supplier-signed, this group, valid, not revoked); the sender is its identity.
    Optional<Licence> carried = v.licence();
    if (carried.isEmpty()) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "discovery without a licence");
    }
    Licence lic = carried.get();
    MeterId who = lic.meter();
    if (!v.envelope().sender().equals(Address.identified(who)) || !lic.group().equals(group)) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "licence not for the sender or group");
    }
    if (who.equals(id)) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "own discovery");
    }
    long epoch = phase.epoch();
    Token assigned = tokenOf(owners, who);
    if (assigned != null) {
      // §3.3 step 3: one ring token per identity; a repeated discovery (a lost assignment, a
      // restart, a member left out of the epoch) gets the token the identity already holds.
      out.send(Address.identified(id), Address.identified(who), Round.FIRST,
          new TokenAssignment(who, assigned, self, epoch));
      if (phase instanceof Collecting) {
        out.send(Address.identified(id), Address.meter(assigned), Round.FIRST,
            new ReRegister(epoch, self));
        return this;
      }
      // A keyed member that discovers again has lost its registration: re-key with it.
      return recollect(epoch + 1, owners, pendingJoins, out);
    }
    Token t = Token.random(random);
    out.send(Address.identified(id), Address.identified(who), Round.FIRST,
        new TokenAssignment(who, t, self, epoch));
    // A token that is never registered leaves the owners at the next keying (§3.4 step 4).
    Map<Token, MeterId> o = new HashMap<>(owners);
    o.put(t, who);
    Map<MeterId, Token> joins = new HashMap<>(pendingJoins);
    joins.put(who, t);
    if (phase instanceof Collecting) {
      out.send(Address.identified(id), Address.meter(t), Round.FIRST, new ReRegister(epoch, self));
      return new LocalConcentrator(params, group, id, self, o, joins, lastRelayed, phase);
    }
    return recollect(epoch + 1, o, joins, out);
  }

  /**
   * A key share (spec/cmt.md §3.4 steps 1 and 2), from a member or from this meter's own member
   * role.
   */
  LocalConcentrator keyShare(Address sender, KeyShare k) throws CmtViolationException {
    if (!senderToken(sender).equals(k.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_08, "key share sent for another token");
    }
    if (k.epoch() != phase.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "key share for another epoch");
    }
    if (!owners.containsKey(k.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_03, "key share of an unknown token");
    }
    checkValue(k.share().value(SecretAccess.grant()), params.mask(), "share");
    Map<Token, SecretLong> shares = shares(phase);
    Map<Token, X25519PublicKey> tokenKeys = tokenKeys(phase);
    SecretLong old = shares.get(k.token());
    if (old != null) {
      if (k.share().equalsConstantTime(old) && k.tokenKey().equals(tokenKeys.get(k.token()))) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "key share already received");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second key share of a token");
    }
    // §3.4 step 1: one ring position per identity, whatever tokens a merge bound to it.
    MeterId owner = owners.get(k.token());
    for (Token t : shares.keySet()) {
      if (Objects.equals(owners.get(t), owner)) {
        throw new CmtViolationException(CmtChecks.CMT_V_15,
            "key share of an identity registered under another token");
      }
    }
    require(phase instanceof Collecting, "key share after the registration deadline");
    Map<Token, SecretLong> s = new HashMap<>(shares);
    s.put(k.token(), k.share());
    Map<Token, X25519PublicKey> keys = new HashMap<>(tokenKeys);
    keys.put(k.token(), k.tokenKey());
    return withPhase(owners, pendingJoins, new Collecting(phase.epoch(), s, keys));
  }

  /**
   * The registration deadline (spec/cmt.md §3.4 steps 3 and 4, §3.5): key the ring, or ask again
   * below m_min, or re-key after a lost ring sum.
   *
   * @param ownShare this meter's k_i1 for the LC's epoch (the secure sum starts with it), or
   *     null if its member role holds none
   */
  LocalConcentrator registrationDeadline(@Nullable SecretLong ownShare, MeterOut out,
      RandomSource random) throws ProtocolViolationException {
    if (phase instanceof Keying) {
      // §3.5: a RingSum was lost; re-key.
      return recollect(phase.epoch() + 1, owners, pendingJoins, out);
    }
    require(phase instanceof Collecting, "registration deadline outside collection");
    Collecting c = (Collecting) phase;
    long epoch = c.epoch();
    // §3.4 step 3: m_min counts meters, not tokens (one token per identity, §3.3 step 3).
    Set<MeterId> registered = new HashSet<>();
    for (Token t : c.shares().keySet()) {
      registered.add(present(owners.get(t), "owner of a registered token"));
    }
    if (registered.size() < params.minGroupSize()) {
      out.events.add(new CmtEvent.GroupBelowMinimum(group, epoch, registered.size()));
      // Ask again: members whose ReRegister or KeyShare was lost answer now.
      out.send(Address.identified(id), Address.GROUP_BROADCAST, Round.FIRST,
          new ReRegister(epoch, self));
      return this;
    }
    List<Token> order = RingOrder.shuffle(new ArrayList<>(c.shares().keySet()), random);
    int n = order.size();
    for (int i = 0; i < n; i++) {
      Token t = order.get(i);
      Token pred = RingOrder.predecessor(order, i);
      SuccessorAssignment s = new SuccessorAssignment(epoch, pred,
          present(owners.get(pred), "owner of a registered token"),
          RingOrder.successor(order, i), n, params.secureSum());
      if (t.equals(self)) {
        out.toMember(Address.meter(self), Round.FIRST, s);
      } else {
        out.send(Address.meter(self), Address.meter(t), Round.FIRST, s);
      }
    }
    Map<Token, MeterId> members = new HashMap<>();
    Map<Token, X25519PublicKey> keys = new HashMap<>();
    for (Token t : order) {
      members.put(t, present(owners.get(t), "owner of a registered token"));
      keys.put(t, present(c.tokenKeys().get(t), "token key of a registered token"));
    }
    if (params.secureSum()) {
      // §3.5: start the ring sum with a uniform mask r.
      long r = random.uniformBits(params.bits());
      long own = present(ownShare, "the LC's own key share").value(SecretAccess.grant());
      int at = order.indexOf(self);
      out.send(Address.meter(self), Address.meter(RingOrder.successor(order, at)), Round.FIRST,
          new RingSum(epoch, SecretLong.of((r + own) & params.mask())));
      return withPhase(members, Map.of(),
          new Keying(epoch, order, keys, c.shares(), SecretLong.of(r)));
    }
    long[] shares = new long[n];
    for (int i = 0; i < n; i++) {
      shares[i] = present(c.shares().get(order.get(i)), "share").value(SecretAccess.grant());
    }
    return withPhase(members, Map.of(), phase).keyed(epoch, order, keys,
        CmtScheme.groupKey(shares, params.mask()), out);
  }

  /**
   * The ring sum back at the LC (spec/cmt.md §3.5): K = s - r. The meter's member role has
   * checked the sender and the value.
   *
   * @throws CmtViolationException CMT-S-04 unless the secure sum of that epoch is running
   */
  LocalConcentrator ringSum(RingSum s, MeterOut out) throws CmtViolationException {
    if (!(phase instanceof Keying k) || k.epoch() != s.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "ring sum already closed");
    }
    long groupKey =
        (s.partial().value(SecretAccess.grant()) - k.mask().value(SecretAccess.grant()))
            & params.mask();
    return keyed(k.epoch(), k.ring(), k.tokenKeys(), groupKey, out);
  }

  private LocalConcentrator keyed(long epoch, List<Token> ring,
      Map<Token, X25519PublicKey> tokenKeys, long groupKey, MeterOut out) {
    Keyed k = new Keyed(epoch, ring, tokenKeys, SecretLong.of(groupKey), Map.of());
    // §3.4 step 5, §11.4: the group key with the members' token keys, under the LC role.
    out.send(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, Round.FIRST, groupKeyMessage(k));
    out.events.add(new CmtEvent.GroupKeyed(group, epoch, ring.size()));
    return withPhase(owners, Map.of(), k);
  }

  /**
   * The {@code GroupKey} of an epoch: K with every ring member's pk_T, in the order of their
   * reading tokens, so the order reveals nothing of the ring (spec/cmt.md §3.4 step 5, §11.4).
   */
  private static GroupKey groupKeyMessage(Keyed k) {
    List<X25519PublicKey> keys = new ArrayList<>(k.ring().size());
    for (Token t : k.ring()) {
      keys.add(present(k.tokenKeys().get(t), "token key of a ring member"));
    }
    return GroupKey.sorted(k.epoch(), k.groupKey(), keys);
  }

  /**
   * The supplier's reading request (spec/cmt.md §3.6 step 1): relayed to the group, which the LC's
   * own member role receives too.
   */
  LocalConcentrator readingRequest(Round round, ReadingRequest q, MeterOut out)
      throws CmtViolationException {
    require(phase instanceof Keyed, "reading request before keying");
    Keyed k = (Keyed) phase;
    if (q.epoch() < k.epoch()) {
      // §3.6 step 1: the supplier missed the GroupKey of this epoch; send it again.
      out.send(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, Round.FIRST, groupKeyMessage(k));
      return this;
    }
    if (q.epoch() != k.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "request for another epoch");
    }
    long j = round.index();
    if (j <= lastRelayed) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "request already relayed");
    }
    out.send(Address.meter(self), Address.GROUP_BROADCAST, round, q);
    out.toMember(Address.meter(self), round, q);
    Map<Round, Set<Token>> acks = new HashMap<>(k.acks());
    acks.put(round, Set.of());
    return new LocalConcentrator(params, group, id, self, owners, pendingJoins, j,
        k.withAcks(acks));
  }

  /** A member's acknowledgement of round j (spec/cmt.md §3.8). */
  LocalConcentrator roundAck(Address sender, Round round, RoundAck a)
      throws CmtViolationException {
    if (!senderToken(sender).equals(a.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_10, "ack sent for another token");
    }
    if (a.epoch() != phase.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "ack for another epoch");
    }
    if (!ring(phase).contains(a.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_03, "ack of an unknown token");
    }
    Map<Round, Set<Token>> open = phase instanceof Keyed k ? k.acks() : Map.of();
    Set<Token> got = open.get(round);
    if (got == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "ack for a round not open");
    }
    if (got.contains(a.token())) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "ack already received");
    }
    return withPhase(owners, pendingJoins,
        ((Keyed) phase).withAcks(addAck(open, round, a.token())));
  }

  /**
   * A message from this meter's own member role (spec/runtime.md §7.3): its key share is checked
   * like any member's; its acknowledgement counts if the round is still open and is dropped
   * otherwise (the member cannot know that the deadline passed).
   */
  LocalConcentrator fromOwnMember(MeterOut.Internal m) throws CmtViolationException {
    if (m.body() instanceof KeyShare k) {
      return keyShare(m.sender(), k);
    }
    if (m.body() instanceof RoundAck && phase instanceof Keyed k
        && k.acks().containsKey(m.round())) {
      return withPhase(owners, pendingJoins, k.withAcks(addAck(k.acks(), m.round(), self)));
    }
    return this;
  }

  /** The LC's deadline of round j (spec/cmt.md §3.8): re-key without whoever did not answer. */
  LocalConcentrator roundDeadline(Round round, MeterOut out) throws CmtViolationException {
    Map<Round, Set<Token>> open = phase instanceof Keyed k ? k.acks() : Map.of();
    Set<Token> got = open.get(round);
    if (got == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "deadline of a round not open");
    }
    Keyed k = (Keyed) phase;
    Map<Round, Set<Token>> acks = new HashMap<>(open);
    acks.remove(round);
    LocalConcentrator m = withPhase(owners, pendingJoins, k.withAcks(acks));
    if (got.size() == k.ring().size()) {
      return m;
    }
    // §3.8: the ring is broken; re-register without whoever does not answer.
    out.events.add(new CmtEvent.RingBroken(group, round, k.ring().size() - got.size()));
    return m.recollect(k.epoch() + 1, owners, Map.of(), out);
  }

  /** A member leaves (spec/cmt.md §3.9): re-key without it. */
  LocalConcentrator leave(Address sender, Leave leave, MeterOut out)
      throws CmtViolationException {
    if (!senderToken(sender).equals(leave.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_10, "leave sent for another token");
    }
    if (!owners.containsKey(leave.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_03, "leave of an unknown token");
    }
    Map<Token, MeterId> o = new HashMap<>(owners);
    o.remove(leave.token());
    return recollect(phase.epoch() + 1, o, Map.of(), out);
  }

  /** The epoch of the keyed group, or -1. */
  long keyedEpoch() {
    return phase instanceof Keyed k ? k.epoch() : -1;
  }

  /** The keyed ring order, or empty. */
  List<Token> keyedRing() {
    return phase instanceof Keyed k ? k.ring() : List.of();
  }

  /** The hand-over's member list: every known token with its identity, by token. */
  List<CmtMessage.Member> members() {
    List<CmtMessage.Member> out = new ArrayList<>();
    for (Map.Entry<Token, MeterId> e : new TreeMap<>(owners).entrySet()) {
      out.add(new CmtMessage.Member(e.getKey(), e.getValue()));
    }
    return out;
  }

  private LocalConcentrator recollect(long epoch, Map<Token, MeterId> o,
      Map<MeterId, Token> joins, MeterOut out) {
    return collect(params, group, id, self, epoch, o, joins, lastRelayed, out);
  }

  private LocalConcentrator withPhase(Map<Token, MeterId> o, Map<MeterId, Token> joins,
      LcPhase p) {
    return new LocalConcentrator(params, group, id, self, o, joins, lastRelayed, p);
  }

  private static Map<Token, SecretLong> shares(LcPhase p) {
    if (p instanceof Collecting c) {
      return c.shares();
    }
    return p instanceof Keying k ? k.shares() : Map.of();
  }

  private static Map<Token, X25519PublicKey> tokenKeys(LcPhase p) {
    if (p instanceof Collecting c) {
      return c.tokenKeys();
    }
    return p instanceof Keying k ? k.tokenKeys() : ((Keyed) p).tokenKeys();
  }

  private static List<Token> ring(LcPhase p) {
    if (p instanceof Keying k) {
      return k.ring();
    }
    return p instanceof Keyed k ? k.ring() : List.of();
  }

  /** The smallest token bound to an identity (one, unless a merge brought a second, §3.2). */
  private static @Nullable Token tokenOf(Map<Token, MeterId> owners, MeterId who) {
    Token found = null;
    for (Map.Entry<Token, MeterId> e : owners.entrySet()) {
      if (e.getValue().equals(who) && (found == null || e.getKey().compareTo(found) < 0)) {
        found = e.getKey();
      }
    }
    return found;
  }

  private static Map<Token, CmtMessage.Member> memberMap(LcHandover h) {
    Map<Token, CmtMessage.Member> out = new HashMap<>();
    for (CmtMessage.Member m : h.members()) {
      out.put(m.token(), m);
    }
    return out;
  }

  private static Map<Round, Set<Token>> addAck(Map<Round, Set<Token>> acks, Round r, Token t) {
    Map<Round, Set<Token>> out = new HashMap<>(acks);
    Set<Token> s = new HashSet<>(out.getOrDefault(r, Set.of()));
    s.add(t);
    out.put(r, s);
    return out;
  }

  @Override
  public String toString() {
    return "LocalConcentrator[" + phase + "]";
  }
}
