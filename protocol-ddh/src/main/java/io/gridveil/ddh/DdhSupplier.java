// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The EDAT supplier (control centre, spec/ddh.md §2.3, §3.3, §3.4): signs the roster, removes the
 * supplier pads u_ij of the contributors from the aggregate and, when meters are missing, asks
 * their present neighbours for the pads that cancel the missing ring noise.
 *
 * <p>Security: the supplier knows every u_ij but sees only sums of c_ij, so it learns the sum of the
 * contributors' readings and nothing else, unless the aggregator and both ring neighbours of a meter
 * collude with it (spec/ddh.md §6.2). Per round it evaluates one PRF per contributor and uses one
 * revealed value per boundary of a missing run.
 *
 * <p>Authentication (spec/ddh.md §10): it admits a meter to the roster only with a licence valid
 * for the group at set-up and at every re-key; it accepts frames addressed to the supplier,
 * aggregates only from the aggregator's role key (kind 1) and reveals only as licensed frames
 * (kind 3) of roster members. Its own frames are signed with the supplier's role key (kind 1).
 *
 * <p>Immutable: {@link #step} returns a new state and leaves this one unchanged when it throws.
 */
public final class DdhSupplier implements AuthenticatedParty<DdhSupplier, DdhInput> {
  private final DdhParameters params;
  private final X25519PrivateKey key;
  private final Ed25519SigningKey signingKey;
  private final SignedRoster signed;
  private final Roster roster;
  private final Prf[] pads;
  private final NavigableMap<Long, Pending> pending;
  private final long lastAggregate;

  /** A round waiting for reveals (spec/ddh.md §3.4 step 3). */
  /** A round waiting for pad reveals (spec/ddh.md §3.4). */
  static final class Pending {
    private final long partial;
    private final int contributors;
    private final int recovered;
    private final boolean[] present;
    private final Map<Integer, RecoveryPlan.Need> needs;
    private final Map<Integer, Long> got;

    Pending(long partial, int contributors, int recovered, boolean[] present,
        Map<Integer, RecoveryPlan.Need> needs, Map<Integer, Long> got) {
      this.partial = partial;
      this.present = present;
      this.contributors = contributors;
      this.recovered = recovered;
      this.needs = needs;
      this.got = got;
    }

    long partial() {
      return partial;
    }

    boolean[] present() {
      return present.clone();
    }

    /** The reveals received, keyed by revealer * 65536 + missing. */
    Map<Integer, Long> got() {
      return got;
    }
  }

  private DdhSupplier(
      DdhParameters params, X25519PrivateKey key, Ed25519SigningKey signingKey, SignedRoster signed,
      Prf[] pads, NavigableMap<Long, Pending> pending, long lastAggregate) {
    this.params = params;
    this.key = key;
    this.signingKey = signingKey;
    this.signed = signed;
    this.roster = signed.unverifiedRoster();
    this.pads = pads;
    this.pending = pending;
    this.lastAggregate = lastAggregate;
  }

  /**
   * Creates the supplier: checks every meter's licence for the group (spec/ddh.md §10.3), builds
   * and signs roster version {@code version} with the licensed identities, and derives k_(i,S) for
   * every member with one key agreement each (spec/ddh.md §2.3, §2.5). A refused licence fails
   * the whole set-up: the operator decides whom to leave out, since every change of membership
   * matters for differencing (spec/ddh.md §6.3).
   *
   * @param params the group's parameters
   * @param group the group
   * @param version the roster version, at least 1
   * @param members the meters' enrolments in ring order
   * @param admission what the licences are checked against
   * @param key x_S
   * @param signingKey the roster signing key
   * @return the supplier; announce its roster with {@link DdhInput.Announce} or {@link
   *     #announcement()}
   * @throws IllegalParameterException DDH-P-04 unless there are 3 to n_max members with distinct IDs
   *     and keys
   * @throws AuthenticationException AUTH-V-01, -02, -03, -06, -07, -10 or -11 for the first
   *     licence refused (spec/auth.md §5.2); its message names the meter
   * @throws DdhViolationException DDH-E-01, DDH-V-01 or DDH-V-02 for an
   *     enrolled key that fails spec/ddh.md §2.2, AUTH-V-14 for an all-zero shared secret
   */
  public static DdhSupplier create(
      DdhParameters params, GroupId group, long version, List<DdhEnrolment> members,
      Admission admission, X25519PrivateKey key, Ed25519SigningKey signingKey)
      throws AuthenticationException, DdhViolationException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(admission, "admission");
    List<RosterEntry> entries = new ArrayList<>(members.size());
    for (DdhEnrolment m : members) {
      // §10.3: a licence valid for this group now, or no place in the roster.
      Licence l = admission.admit(m.licence(), group);
      // §2.2: core's X25519PublicKey.of admits any 32 bytes, so the roster validates each key.
      entries.add(new RosterEntry(l.meter(), Roster.validatedKey(m.key().toBytes())));
    }
    Roster roster = new Roster(group, version, key.publicKey(), entries);
    if (!roster.wellFormed(params)) {
      throw new IllegalParameterException(
          DdhChecks.DDH_P_04, "a roster needs 3..n_max members with distinct ids and keys");
    }
    SignedRoster signed = SignedRoster.sign(roster, signingKey);
    Prf[] pads = new Prf[roster.size()];
    for (int i = 0; i < pads.length; i++) {
      pads[i] = PairwiseKeys.supplier(key, roster.member(i).key(), roster.member(i), roster);
    }
    return new DdhSupplier(params, key, signingKey, signed, pads, new TreeMap<>(), -1);
  }

  /**
   * Rebuilds a supplier from its durable state (spec/runtime.md §6.2): its signed roster (its own,
   * signed with {@code signingKey}), the rounds pending recovery (partial sum, contributors and
   * the reveals received; the recovery plan is recomputed) and the last aggregated round. The
   * pairwise keys are re-derived.
   *
   * @throws IllegalArgumentException if the state breaks an invariant
   * @throws DdhViolationException AUTH-V-14 if a pairwise agreement is all zero
   */
  static DdhSupplier restore(DdhParameters params, X25519PrivateKey key,
      Ed25519SigningKey signingKey, SignedRoster signed, NavigableMap<Long, Long> partials,
      NavigableMap<Long, boolean[]> presents, NavigableMap<Long, Map<Integer, Long>> gots,
      long lastAggregate) throws DdhViolationException {
    Roster roster = signed.unverifiedRoster();
    if (!roster.wellFormed(params) || !roster.supplierKey().equals(key.publicKey())
        || lastAggregate < -1 || !partials.keySet().equals(presents.keySet())
        || !partials.keySet().equals(gots.keySet())) {
      throw new IllegalArgumentException("inconsistent supplier state");
    }
    int n = roster.size();
    TreeMap<Long, Pending> pending = new TreeMap<>();
    for (Map.Entry<Long, Long> e : partials.entrySet()) {
      boolean[] present = presents.get(e.getKey());
      Map<Integer, Long> got = gots.get(e.getKey());
      if (present == null || got == null || present.length != n || e.getKey() > lastAggregate
          || (e.getValue() & ~params.mask()) != 0) {
        throw new IllegalArgumentException("pending round breaks an invariant");
      }
      int k = 0;
      for (boolean b : present) {
        k += b ? 1 : 0;
      }
      List<RecoveryPlan.Need> plan = RecoveryPlan.of(n, present.clone());
      if (plan == null || k == n || k < params.minContributors()) {
        throw new IllegalArgumentException("pending round breaks an invariant");
      }
      Map<Integer, RecoveryPlan.Need> needs = new HashMap<>();
      for (RecoveryPlan.Need need : plan) {
        needs.put(key(need.revealer(), need.missing()), need);
      }
      if (!needs.keySet().containsAll(got.keySet()) || got.size() >= needs.size()) {
        throw new IllegalArgumentException("pending round breaks an invariant");
      }
      for (long pad : got.values()) {
        if ((pad & ~params.mask()) != 0) {
          throw new IllegalArgumentException("pending round breaks an invariant");
        }
      }
      pending.put(e.getKey(), new Pending(e.getValue(), k, n - k, present.clone(),
          Map.copyOf(needs), Map.copyOf(got)));
    }
    Prf[] pads = new Prf[n];
    for (int i = 0; i < n; i++) {
      pads[i] = PairwiseKeys.supplier(key, roster.member(i).key(), roster.member(i), roster);
    }
    return new DdhSupplier(params, key, signingKey, signed, pads, pending, lastAggregate);
  }

  NavigableMap<Long, Pending> pendingRounds() {
    return java.util.Collections.unmodifiableNavigableMap(pending);
  }

  long lastAggregate() {
    return lastAggregate;
  }

  /**
   * Re-keys the group (spec/ddh.md §2.4): a new roster version with the given members, each
   * licence checked again (spec/ddh.md §10.3); pending rounds of the old version are voided.
   *
   * @param members the new members' enrolments in ring order
   * @param admission what the licences are checked against
   * @return the new supplier state, the roster broadcast and the void outcomes
   * @throws IllegalParameterException DDH-P-04 for a malformed member list
   * @throws AuthenticationException AUTH-V-xx for a refused licence, as for {@link #create}; the
   *     state is unchanged
   * @throws DdhViolationException DDH-E-01, DDH-V-01 or DDH-V-02 for an
   *     enrolled key that fails spec/ddh.md §2.2, AUTH-V-14 for an all-zero shared secret
   */
  public Step<DdhSupplier> rekey(List<DdhEnrolment> members, Admission admission)
      throws AuthenticationException, DdhViolationException {
    DdhSupplier next =
        create(params, roster.group(), roster.version() + 1, members, admission, key, signingKey);
    List<ProtocolEvent> ev = new ArrayList<>();
    for (long j : pending.keySet()) {
      ev.add(new RoundOutcome.Voided(roster.group(), new Round(j), VoidReason.MEMBERSHIP_CHANGED));
    }
    DdhSupplier s = new DdhSupplier(params, key, signingKey, next.signed, next.pads, new TreeMap<>(), lastAggregate);
    return new Step<>(s, List.of(s.announcement()), ev).withTimers(disarm(pending.keySet()));
  }

  /**
   * Returns the roster broadcast for the group (message type 1).
   *
   * @return the envelope to deliver to every meter and the aggregator
   */
  public Envelope<DdhMessage> announcement() {
    return new Envelope<>(
        Address.SUPPLIER, Address.broadcast(roster.group()), roster.group(), Round.FIRST,
        new DdhMessage.RosterAnnouncement(signed));
  }

  /**
   * Returns the signed roster in force.
   *
   * @return the signed roster
   */
  public SignedRoster signedRoster() {
    return signed;
  }

  /**
   * Decrypts a round in which every member contributed (spec/ddh.md §3.3): sum minus the n supplier
   * pads; pure, for benchmarks and tests (one PRF call per meter).
   *
   * @param round j
   * @param sum the aggregate of all n ciphertexts mod M
   * @return the exact sum of the readings, or a void outcome if the residue is inadmissible
   */
  public RoundOutcome decryptSum(Round round, long sum) {
    boolean[] all = new boolean[roster.size()];
    java.util.Arrays.fill(all, true);
    long residue = unmask(round.index(), sum, all);
    return outcome(round, residue, all.length, 0);
  }

  private long unmask(long j, long sum, boolean[] present) {
    int b = params.bits();
    long s = sum;
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        s -= pads[i].evaluateBits(j, b);
      }
    }
    return s & params.mask();
  }

  private RoundOutcome outcome(Round round, long residue, int contributors, int recovered) {
    OptionalLong v = params.aggregation().decodeSum(residue, contributors);
    if (v.isEmpty()) {
      return new RoundOutcome.Voided(roster.group(), round, VoidReason.INADMISSIBLE_SUM);
    }
    return new RoundOutcome.Exact(roster.group(), round, v.getAsLong(), contributors, recovered);
  }

  @Override
  public Step<DdhSupplier> step(DdhInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof DdhInput.Deadline d) {
      return onDeadline(d.round());
    } else if (input instanceof DdhInput.Inbound in) {
      VerifiedEnvelope<DdhMessage> v = in.verified();
      Envelope<DdhMessage> e = v.envelope();
      if (e.body() instanceof DdhMessage.AggregateSum m) {
        return onAggregate(v, m);
      } else if (e.body() instanceof DdhMessage.PadReveal m) {
        return onReveal(v, m);
      }
      throw new DdhViolationException(DdhChecks.DDH_V_06, "the supplier accepts only aggregates and reveals");
    } else if (input instanceof DdhInput.Announce) {
      return new Step<>(this, List.of(announcement()), List.of());
    } else if (input instanceof DdhInput.Rekey r) {
      return rekey(r.members(), r.admission());
    }
    return Step.of(this);
  }

  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.SUPPLIER);
  }

  // §3.3 and §3.4 steps 1 to 3.
  private Step<DdhSupplier> onAggregate(VerifiedEnvelope<DdhMessage> v, DdhMessage.AggregateSum m)
      throws DdhViolationException {
    // §10.2: only the aggregator's role key (kind 1) speaks as the aggregator.
    if (!v.principal().equals(Address.AGGREGATOR)) {
      throw new DdhViolationException(DdhChecks.DDH_V_06, "aggregates come from the aggregator");
    }
    Envelope<DdhMessage> e = v.envelope();
    if (m.version() != roster.version()) {
      throw new DdhViolationException(DdhChecks.DDH_S_02, "aggregate for another roster version");
    }
    if ((m.sum() & ~params.mask()) != 0) {
      throw new DdhViolationException(DdhChecks.DDH_V_07, "sum not below M");
    }
    int n = roster.size();
    boolean[] present = new boolean[n];
    for (int p : m.contributors()) {
      if (p >= n) {
        throw new DdhViolationException(DdhChecks.DDH_V_13, "position beyond the roster");
      }
      present[p] = true;
    }
    long j = e.round().index();
    if (j <= lastAggregate) {
      throw new DdhViolationException(DdhChecks.DDH_S_04, "aggregate for a round already decided");
    }
    int k = m.contributors().size();
    Round round = e.round();
    if (k < params.minContributors()) {
      return decided(j, List.of(), new RoundOutcome.Voided(roster.group(), round, VoidReason.BELOW_MINIMUM_GROUP));
    }
    long partial = unmask(j, m.sum(), present);
    if (k == n) {
      return decided(j, List.of(), outcome(round, partial, n, 0));
    }
    List<RecoveryPlan.Need> plan = RecoveryPlan.of(n, present);
    if (plan == null) {
      return decided(j, List.of(), new RoundOutcome.Voided(roster.group(), round, VoidReason.MISSING_CONTRIBUTION));
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!present[i]) {
        missing.add(i);
      }
    }
    Map<Integer, RecoveryPlan.Need> needs = new HashMap<>();
    List<Envelope<?>> out = new ArrayList<>();
    for (RecoveryPlan.Need need : plan) {
      needs.put(key(need.revealer(), need.missing()), need);
    }
    java.util.Set<Integer> asked = new java.util.TreeSet<>();
    for (RecoveryPlan.Need need : plan) {
      if (asked.add(need.revealer())) {
        out.add(new Envelope<DdhMessage>(
            Address.SUPPLIER, Address.identified(roster.member(need.revealer()).id()), roster.group(),
            round, new DdhMessage.RevealRequest(roster.version(), missing)));
      }
    }
    TreeMap<Long, Pending> next = new TreeMap<>(pending);
    next.put(j, new Pending(partial, k, n - k, present, Map.copyOf(needs), Map.of()));
    // spec/runtime.md §4.5: a round waiting for reveals arms its deadline.
    return new Step<>(new DdhSupplier(params, key, signingKey, signed, pads, next, j), out, List.of())
        .withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(round))));
  }

  private static int key(int revealer, int missing) {
    return revealer * 65536 + missing;
  }

  // §3.4 steps 7 and 8.
  private Step<DdhSupplier> onReveal(VerifiedEnvelope<DdhMessage> v, DdhMessage.PadReveal m)
      throws DdhViolationException {
    // §10.2: the verified, licensed identity decides which neighbour revealed.
    int i = roster.positionOfLicensed(v);
    if (i < 0) {
      throw new DdhViolationException(DdhChecks.DDH_V_06, "reveal not from a licensed member");
    }
    Envelope<DdhMessage> e = v.envelope();
    if (m.version() != roster.version()) {
      throw new DdhViolationException(DdhChecks.DDH_S_02, "reveal for another roster version");
    }
    if ((m.pad().value(SecretAccess.grant()) & ~params.mask()) != 0) {
      throw new DdhViolationException(DdhChecks.DDH_V_07, "pad not below M");
    }
    if (m.missing() >= roster.size()) {
      throw new DdhViolationException(DdhChecks.DDH_V_13, "position beyond the roster");
    }
    long j = e.round().index();
    Pending p = pending.get(j);
    if (p == null) {
      throw new DdhViolationException(DdhChecks.DDH_S_07, "no recovery pending for this round");
    }
    int k = key(i, m.missing());
    RecoveryPlan.Need need = p.needs.get(k);
    if (p.present[m.missing()]) {
      throw new DdhViolationException(DdhChecks.DDH_V_09, "reveal for a meter that contributed");
    }
    if (need == null) {
      throw new DdhViolationException(DdhChecks.DDH_V_08, "reveal from a meter that is not the named neighbour");
    }
    if (p.got.containsKey(k)) {
      throw new DdhViolationException(DdhChecks.DDH_S_06, "duplicate reveal");
    }
    Map<Integer, Long> got = new HashMap<>(p.got);
    got.put(k, m.pad().value(SecretAccess.grant()));
    TreeMap<Long, Pending> next = new TreeMap<>(pending);
    if (got.size() < p.needs.size()) {
      next.put(j, new Pending(p.partial, p.contributors, p.recovered, p.present, p.needs, Map.copyOf(got)));
      return Step.of(new DdhSupplier(params, key, signingKey, signed, pads, next, lastAggregate));
    }
    // §3.4 step 8: add F(k_(b,b+1), j) from each successor boundary, subtract F(k_(a-1,a), j) from
    // each predecessor boundary.
    long residue = p.partial;
    for (Map.Entry<Integer, RecoveryPlan.Need> n : p.needs.entrySet()) {
      Long pad = got.get(n.getKey());
      if (pad == null) {
        throw new IllegalStateException("unreachable: every need has a reveal");
      }
      residue = n.getValue().successorSide() ? residue - pad : residue + pad;
    }
    residue &= params.mask();
    next.remove(j);
    RoundOutcome o = outcome(e.round(), residue, p.contributors, p.recovered);
    return new Step<>(new DdhSupplier(params, key, signingKey, signed, pads, next, lastAggregate), List.of(), List.of(o))
        .withTimers(disarm(List.of(j)));
  }

  // §3.4 step 9: what is still pending at the deadline is void; a round never aggregated is void.
  private Step<DdhSupplier> onDeadline(Round round) {
    long j = round.index();
    List<ProtocolEvent> ev = new ArrayList<>();
    TreeMap<Long, Pending> next = new TreeMap<>(pending);
    for (long r : pending.headMap(j, true).keySet()) {
      ev.add(new RoundOutcome.Voided(roster.group(), new Round(r), VoidReason.RECOVERY_INCOMPLETE));
      next.remove(r);
    }
    long last = lastAggregate;
    if (j > lastAggregate) {
      ev.add(new RoundOutcome.Voided(roster.group(), round, VoidReason.MISSING_CONTRIBUTION));
      last = j;
    }
    if (ev.isEmpty()) {
      return Step.of(this);
    }
    return new Step<>(new DdhSupplier(params, key, signingKey, signed, pads, next, last), List.of(), ev)
        .withTimers(disarm(pending.headMap(j, true).keySet()));
  }

  private static List<TimerRequest> disarm(java.util.Collection<? extends Long> rounds) {
    List<TimerRequest> out = new ArrayList<>();
    for (long r : rounds) {
      out.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
    }
    return out;
  }

  private Step<DdhSupplier> decided(long j, List<Envelope<?>> out, RoundOutcome o) {
    return new Step<>(new DdhSupplier(params, key, signingKey, signed, pads, pending, j), out, List.of(o));
  }

  /**
   * Returns the roster version in force.
   *
   * @return v
   */
  public long rosterVersion() {
    return roster.version();
  }

  @Override
  public String toString() {
    return "DdhSupplier[" + roster.group().value() + " v" + roster.version() + ", pending=" + pending.size() + "]";
  }
}
