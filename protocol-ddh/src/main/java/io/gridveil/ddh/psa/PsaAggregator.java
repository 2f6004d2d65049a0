// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.ddh.Admission;
import io.gridveil.core.ec.P256;
import io.gridveil.core.ec.P256Point;
import io.gridveil.core.ec.P256Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The PSA aggregator (Shi et al.'s untrusted aggregator, here the supplier's decryptor;
 * spec/ddh.md §7.4): multiplies the n ciphertexts of a round, multiplies by H(j)^sk_0 and takes the
 * bounded discrete log. PSA has no fault tolerance: a round with a missing meter is void.
 *
 * <p>Security: learns the sum of all n readings and nothing else (DDH, random oracle, static
 * corruption, encrypt-once).
 *
 * <p>Authentication (spec/ddh.md §10.6): its members are the meters whose licences it admitted at
 * set-up; a contribution counts only as a licensed frame (kind 3) whose licence the endpoint's
 * verifier accepted at the current round and whose verified identity is a member.
 *
 * <p>Immutable: {@link #step} returns a new state and leaves this one unchanged when it throws.
 */
public final class PsaAggregator implements AuthenticatedParty<PsaAggregator, PsaInput> {
  private final PsaParameters params;
  private final GroupId group;
  private final List<MeterId> members;
  private final PsaSecretKey key;
  private final PsaDiscreteLog dlog;
  private final NavigableMap<Long, Open> open;
  private final long closedThrough;

  /** An open round: the product of its ciphertexts so far and which members contributed. */
  static final class Open {
    private final P256Point product;
    private final boolean[] present;
    private final int count;

    Open(P256Point product, boolean[] present, int count) {
      this.product = product;
      this.present = present;
      this.count = count;
    }

    P256Point product() {
      return product;
    }

    boolean[] present() {
      return present.clone();
    }
  }

  private PsaAggregator(PsaParameters params, GroupId group, List<MeterId> members, PsaSecretKey key,
      PsaDiscreteLog dlog, NavigableMap<Long, Open> open, long closedThrough) {
    this.params = params;
    this.group = group;
    this.members = members;
    this.key = key;
    this.dlog = dlog;
    this.open = open;
    this.closedThrough = closedThrough;
  }

  /**
   * Creates the aggregator from the members' licences, each checked for the group
   * (spec/ddh.md §10.6); a refused licence fails the set-up.
   *
   * @param params the group's parameters
   * @param group the group
   * @param licences the meters' licences, in the dealer's order
   * @param admission what the licences are checked against
   * @param key sk_0
   * @param dlog the solver built once for {@code params} ({@link PsaDiscreteLog#forParameters})
   * @return the aggregator
   * @throws AuthenticationException AUTH-V-01, -02, -03, -06, -07, -10 or -11 for the first
   *     licence refused (spec/auth.md §5.2); its message names the meter
   * @throws IllegalParameterException PSA-P-02 unless the members are 2 to n_max distinct meters
   * @throws IllegalArgumentException if the solver's width differs from the parameters'
   */
  public static PsaAggregator create(PsaParameters params, GroupId group,
      List<SignedLicence> licences, Admission admission, PsaSecretKey key, PsaDiscreteLog dlog)
      throws AuthenticationException {
    Objects.requireNonNull(group, "group");
    List<MeterId> members = new ArrayList<>(licences.size());
    for (SignedLicence l : licences) {
      members.add(admission.admit(l, group).meter());
    }
    List<MeterId> m = List.copyOf(members);
    if (dlog.width() != params.width()) {
      throw new IllegalArgumentException("solver width must be the parameters' width");
    }
    if (m.size() < 2 || m.size() > params.aggregation().nMax() || new java.util.HashSet<>(m).size() != m.size()) {
      throw new IllegalParameterException(PsaChecks.PSA_P_02, "members must be 2..n_max distinct meters");
    }
    return new PsaAggregator(params, Objects.requireNonNull(group, "group"), m, key, dlog, new TreeMap<>(), -1);
  }

  /**
   * Rebuilds an aggregator from its durable state (spec/runtime.md §6.2): the members admitted at
   * set-up, the open rounds and the last closed round; the discrete-log table is volatile and
   * given anew.
   *
   * @param params the group's parameters
   * @param group the group
   * @param members the members in the dealer's order, as admitted at set-up
   * @param key sk_0
   * @param dlog the solver built for {@code params}
   * @param products per open round j, the product of its ciphertexts so far
   * @param present per open round j, which members contributed (in member order)
   * @param closedThrough the last decided round, -1 if none
   * @return the aggregator
   * @throws IllegalArgumentException if the state breaks an invariant: 2 to n_max distinct
   *     members, every open round above closedThrough with one flag per member and at least one
   *     but not all of them set
   */
  static PsaAggregator restore(PsaParameters params, GroupId group, List<MeterId> members,
      PsaSecretKey key, PsaDiscreteLog dlog, NavigableMap<Long, P256Point> products,
      NavigableMap<Long, boolean[]> present, long closedThrough) {
    List<MeterId> m = List.copyOf(members);
    if (m.size() < 2 || m.size() > params.aggregation().nMax()
        || new java.util.HashSet<>(m).size() != m.size()) {
      throw new IllegalArgumentException("members must be 2..n_max distinct meters");
    }
    if (dlog.width() != params.width() || closedThrough < -1
        || !products.keySet().equals(present.keySet())) {
      throw new IllegalArgumentException("inconsistent aggregator state");
    }
    TreeMap<Long, Open> open = new TreeMap<>();
    for (var e : products.entrySet()) {
      boolean[] given = present.get(e.getKey());
      if (given == null) {
        throw new IllegalArgumentException("inconsistent aggregator state");
      }
      boolean[] p = given.clone();
      int count = 0;
      for (boolean b : p) {
        count += b ? 1 : 0;
      }
      if (e.getKey() <= closedThrough || p.length != m.size() || count == 0 || count == m.size()) {
        throw new IllegalArgumentException("open round breaks an invariant");
      }
      open.put(e.getKey(), new Open(e.getValue(), p, count));
    }
    return new PsaAggregator(params, Objects.requireNonNull(group, "group"), m,
        Objects.requireNonNull(key, "key"), dlog, open, closedThrough);
  }

  /**
   * Returns the members admitted at set-up, in the dealer's order.
   *
   * @return the members
   */
  public List<MeterId> members() {
    return members;
  }

  /**
   * Returns the last decided round (spec/runtime.md §6.2).
   *
   * @return the round index, -1 if none
   */
  public long closedThrough() {
    return closedThrough;
  }

  NavigableMap<Long, Open> openRounds() {
    return java.util.Collections.unmodifiableNavigableMap(open);
  }

  /**
   * AggrDec (spec/ddh.md §7.4): V = H(j)^sk_0 * prod c_ij, then S with g^S = V; pure, for
   * benchmarks.
   *
   * @param round j
   * @param ciphertexts the n ciphertexts of the round
   * @return the exact sum, or void if no admissible sum matches
   */
  public RoundOutcome decryptSum(Round round, List<PsaCiphertext> ciphertexts) {
    P256Point v = P256Point.identity();
    for (PsaCiphertext c : ciphertexts) {
      v = v.add(c.point());
    }
    return decrypt(round, v, ciphertexts.size());
  }

  private RoundOutcome decrypt(Round round, P256Point product, int contributors) {
    P256Point h = PsaHash.h(group, round);
    P256Point v = product.add(P256.multiply(h, key.value()));
    long offset = params.offset();
    if (offset != 0) {
      v = v.add(P256.fixedBase(P256Scalar.of(offset)));
    }
    OptionalLong s = dlog.log(v);
    if (s.isEmpty()) {
      return new RoundOutcome.Voided(group, round, VoidReason.INADMISSIBLE_SUM);
    }
    long sum = s.getAsLong() - offset;
    long bound = contributors * params.aggregation().tMax();
    if (sum > bound || sum < -bound || (!params.aggregation().signed() && sum < 0)) {
      return new RoundOutcome.Voided(group, round, VoidReason.INADMISSIBLE_SUM);
    }
    return new RoundOutcome.Exact(group, round, sum, contributors, 0);
  }

  @Override
  public Step<PsaAggregator> step(PsaInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof PsaInput.Deadline d) {
      return onDeadline(d.round().index());
    } else if (input instanceof PsaInput.Inbound in) {
      VerifiedEnvelope<PsaMessage> v = in.verified();
      Envelope<PsaMessage> e = v.envelope();
      // §10.6: a licensed frame (kind 3) whose verified identity is a member.
      int i = v.licence().isPresent() && v.principal() instanceof Address.Identified id
          ? members.indexOf(id.id()) : -1;
      if (i < 0 || !(e.body() instanceof PsaMessage.Contribution c)) {
        throw new PsaViolationException(PsaChecks.PSA_V_03, "contribution not from a licensed member");
      }
      long j = e.round().index();
      if (j <= closedThrough) {
        throw new PsaViolationException(PsaChecks.PSA_S_02, "contribution for a closed round");
      }
      Open o = open.get(j);
      boolean first = o == null;
      if (o == null) {
        o = new Open(P256Point.identity(), new boolean[members.size()], 0);
      } else if (o.present[i]) {
        throw new PsaViolationException(PsaChecks.PSA_S_01, "duplicate contribution");
      }
      boolean[] p = o.present.clone();
      p[i] = true;
      Open next = new Open(o.product.add(c.ciphertext().point()), p, o.count + 1);
      TreeMap<Long, Open> map = new TreeMap<>(open);
      if (next.count < members.size()) {
        map.put(j, next);
        // spec/runtime.md §4.5: the first input of round j arms its deadline.
        Step<PsaAggregator> s =
            Step.of(new PsaAggregator(params, group, members, key, dlog, map, closedThrough));
        return first ? s.withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(e.round()))))
            : s;
      }
      // Complete: decide j and void any earlier round still open.
      List<ProtocolEvent> ev = new ArrayList<>();
      List<TimerRequest> timers = new ArrayList<>();
      for (long r : open.headMap(j, false).keySet()) {
        ev.add(new RoundOutcome.Voided(group, new Round(r), VoidReason.MISSING_CONTRIBUTION));
        timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
      }
      if (!first) {
        timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(e.round())));
      }
      map.headMap(j, true).clear();
      ev.add(decrypt(e.round(), next.product, next.count));
      return new Step<>(new PsaAggregator(params, group, members, key, dlog, map, j), List.of(), ev)
          .withTimers(timers);
    }
    return Step.of(this);
  }

  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.AGGREGATOR);
  }

  private Step<PsaAggregator> onDeadline(long j) {
    if (j <= closedThrough) {
      return Step.of(this);
    }
    List<ProtocolEvent> ev = new ArrayList<>();
    List<TimerRequest> timers = new ArrayList<>();
    TreeMap<Long, Open> map = new TreeMap<>(open);
    for (long r : open.headMap(j, false).keySet()) {
      ev.add(new RoundOutcome.Voided(group, new Round(r), VoidReason.MISSING_CONTRIBUTION));
      timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
    }
    ev.add(new RoundOutcome.Voided(group, new Round(j), VoidReason.MISSING_CONTRIBUTION));
    if (open.containsKey(j)) {
      timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(j))));
    }
    map.headMap(j, true).clear();
    return new Step<>(new PsaAggregator(params, group, members, key, dlog, map, j), List.of(), ev)
        .withTimers(timers);
  }

  @Override
  public String toString() {
    return "PsaAggregator[" + group.value() + ", n=" + members.size() + "]";
  }
}
