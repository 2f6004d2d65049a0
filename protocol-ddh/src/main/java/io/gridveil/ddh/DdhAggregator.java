// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.TimerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The EDAT aggregator (access point, spec/ddh.md §3.2): adds the group's c_ij for a round and, at
 * the round's deadline, forwards the sum and the contributor set to the supplier. A contribution
 * for a closed round is refused (DDH-S-04).
 *
 * <p>Security: the aggregator sees every c_ij, each masked by r_ij + u_ij; alone it learns nothing
 * about any reading, and together with the supplier it learns the sums only, unless both ring
 * neighbours of a meter also collude (spec/ddh.md §6.2).
 *
 * <p>Authentication (spec/ddh.md §10): it accepts frames addressed to the aggregator or to the
 * group broadcast; a contribution counts only if it arrived as a licensed frame (kind 3) whose
 * licence the endpoint's verifier accepted at the current round and whose verified identity is a
 * roster member; rosters only from the supplier's role key. Its own frames are signed with the
 * aggregator's role key (kind 1).
 *
 * <p>Immutable: {@link #step} returns a new state and leaves this one unchanged when it throws.
 */
public final class DdhAggregator implements AuthenticatedParty<DdhAggregator, DdhInput> {
  private final DdhParameters params;
  private final Ed25519PublicKey anchor;
  private final Roster roster;
  private final NavigableMap<Long, OpenRound> open;
  private final long closedThrough;

  /** A round still open: the running sum mod M and who has contributed. */
  /** An open round: the running sum and which positions contributed. */
  static final class OpenRound {
    private final long sum;
    private final boolean[] present;

    OpenRound(long sum, boolean[] present) {
      this.sum = sum;
      this.present = present;
    }

    long sum() {
      return sum;
    }

    boolean[] present() {
      return present;
    }

    boolean[] presentCopy() {
      return present.clone();
    }

    OpenRound add(int position, long c, long mask) {
      boolean[] p = present.clone();
      p[position] = true;
      return new OpenRound((sum + c) & mask, p);
    }
  }

  private DdhAggregator(
      DdhParameters params, Ed25519PublicKey anchor, Roster roster,
      NavigableMap<Long, OpenRound> open, long closedThrough) {
    this.params = params;
    this.anchor = anchor;
    this.roster = roster;
    this.open = open;
    this.closedThrough = closedThrough;
  }

  /**
   * Creates the aggregator of a group from the signed roster (spec/ddh.md §2.3).
   *
   * @param params the group's parameters
   * @param group the group it serves
   * @param anchor the supplier's roster verification key
   * @param signed the signed roster
   * @return the aggregator
   * @throws DdhViolationException DDH-V-03 or DDH-V-04 for a bad roster
   */
  public static DdhAggregator create(
      DdhParameters params, GroupId group, Ed25519PublicKey anchor, SignedRoster signed)
      throws DdhViolationException {
    Roster roster = signed.verify(anchor, params, group);
    return new DdhAggregator(params, anchor, roster, new TreeMap<>(), -1);
  }

  /**
   * Rebuilds an aggregator from its durable state (spec/runtime.md §6.2): the roster it accepted
   * last (verified when it was accepted; the store authenticates it since), the open rounds and
   * the last closed round.
   *
   * @param params the group's parameters
   * @param anchor the supplier's roster-signing key
   * @param roster the current roster
   * @param sums per open round j, the running sum
   * @param present per open round j, which positions contributed
   * @param closedThrough the last closed round, -1 if none
   * @return the aggregator
   * @throws IllegalArgumentException if the state breaks an invariant
   */
  static DdhAggregator restore(DdhParameters params, Ed25519PublicKey anchor, Roster roster,
      NavigableMap<Long, Long> sums, NavigableMap<Long, boolean[]> present, long closedThrough) {
    if (closedThrough < -1 || !sums.keySet().equals(present.keySet()) || !roster.wellFormed(params)) {
      throw new IllegalArgumentException("inconsistent aggregator state");
    }
    TreeMap<Long, OpenRound> open = new TreeMap<>();
    for (Map.Entry<Long, Long> e : sums.entrySet()) {
      boolean[] p = present.get(e.getKey());
      if (p == null || e.getKey() <= closedThrough || p.length != roster.size()
          || (e.getValue() & ~params.mask()) != 0) {
        throw new IllegalArgumentException("open round breaks an invariant");
      }
      open.put(e.getKey(), new OpenRound(e.getValue(), p.clone()));
    }
    return new DdhAggregator(params, Objects.requireNonNull(anchor, "anchor"), roster, open,
        closedThrough);
  }

  Roster roster() {
    return roster;
  }

  long closedThrough() {
    return closedThrough;
  }

  NavigableMap<Long, OpenRound> openRounds() {
    return java.util.Collections.unmodifiableNavigableMap(open);
  }

  /**
   * Adds ciphertexts mod M (spec/ddh.md §3.2 step 3); pure, for benchmarks.
   *
   * @param ciphertexts c_ij values
   * @return their sum mod M
   */
  public long aggregate(long[] ciphertexts) {
    long s = 0;
    for (long c : ciphertexts) {
      s += c;
    }
    return s & params.mask();
  }

  @Override
  public Step<DdhAggregator> step(DdhInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof DdhInput.Deadline d) {
      return onDeadline(d.round());
    } else if (input instanceof DdhInput.Inbound in) {
      VerifiedEnvelope<DdhMessage> v = in.verified();
      Envelope<DdhMessage> e = v.envelope();
      if (e.body() instanceof DdhMessage.Contribution m) {
        return onContribution(v, m);
      } else if (e.body() instanceof DdhMessage.RosterAnnouncement m) {
        return onRoster(v, m);
      }
      throw new DdhViolationException(DdhChecks.DDH_V_06, "the aggregator accepts only contributions and rosters");
    } else if (input instanceof DdhInput.LocalReading) {
      return Step.of(this);
    }
    throw new IllegalArgumentException("announce and re-key are supplier inputs");
  }

  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.AGGREGATOR) || recipient.equals(Address.GROUP_BROADCAST);
  }


  // §3.2 steps 1 to 3.
  private Step<DdhAggregator> onContribution(VerifiedEnvelope<DdhMessage> v, DdhMessage.Contribution m)
      throws DdhViolationException {
    // §10.2: the verified principal, not the claimed sender, decides the ring position.
    int i = roster.positionOfLicensed(v);
    if (i < 0) {
      throw new DdhViolationException(DdhChecks.DDH_V_06, "contribution not from a licensed member");
    }
    Envelope<DdhMessage> e = v.envelope();
    if (m.version() != roster.version()) {
      throw new DdhViolationException(DdhChecks.DDH_S_02, "contribution for another roster version");
    }
    if ((m.ciphertext() & ~params.mask()) != 0) {
      throw new DdhViolationException(DdhChecks.DDH_V_07, "ciphertext not below M");
    }
    long j = e.round().index();
    if (j <= closedThrough) {
      throw new DdhViolationException(DdhChecks.DDH_S_04, "contribution for a closed round");
    }
    OpenRound r = open.get(j);
    if (r == null) {
      r = new OpenRound(0, new boolean[roster.size()]);
    } else if (r.present()[i]) {
      throw new DdhViolationException(DdhChecks.DDH_S_03, "duplicate contribution");
    }
    boolean first = !open.containsKey(j);
    TreeMap<Long, OpenRound> next = new TreeMap<>(open);
    next.put(j, r.add(i, m.ciphertext(), params.mask()));
    Step<DdhAggregator> s = Step.of(new DdhAggregator(params, anchor, roster, next, closedThrough));
    // spec/runtime.md §4.5: the first contribution of round j arms its deadline.
    return first ? s.withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(e.round())))) : s;
  }

  // §3.2 step 4: close every open round up to j, and j itself, forwarding sum and contributors.
  private Step<DdhAggregator> onDeadline(Round round) {
    long j = round.index();
    if (j <= closedThrough) {
      return Step.of(this);
    }
    TreeMap<Long, OpenRound> next = new TreeMap<>(open);
    Map<Long, OpenRound> due = new TreeMap<>(next.headMap(j, true));
    next.headMap(j, true).clear();
    due.putIfAbsent(j, new OpenRound(0, new boolean[roster.size()]));
    List<Envelope<?>> out = new ArrayList<>();
    for (Map.Entry<Long, OpenRound> r : due.entrySet()) {
      List<Integer> contributors = new ArrayList<>();
      boolean[] p = r.getValue().present();
      for (int i = 0; i < p.length; i++) {
        if (p[i]) {
          contributors.add(i);
        }
      }
      out.add(new Envelope<DdhMessage>(
          Address.AGGREGATOR, Address.SUPPLIER, roster.group(), new Round(r.getKey()),
          new DdhMessage.AggregateSum(roster.version(), r.getValue().sum(), contributors)));
    }
    List<TimerRequest> timers = new ArrayList<>();
    for (long r : open.headMap(j, true).keySet()) {
      timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
    }
    return new Step<>(new DdhAggregator(params, anchor, roster, next, j), out, List.of())
        .withTimers(timers);
  }

  // §2.4: open rounds of the old version can never complete; they are dropped (the supplier voids them).
  private Step<DdhAggregator> onRoster(VerifiedEnvelope<DdhMessage> v, DdhMessage.RosterAnnouncement m)
      throws DdhViolationException {
    if (!v.principal().equals(Address.SUPPLIER)) {
      throw new DdhViolationException(DdhChecks.DDH_V_06, "rosters come from the supplier");
    }
    Roster next = m.roster().verifyNext(anchor, params, roster);
    List<ProtocolEvent> ev = List.of(new RosterAccepted(next.group(), next.version()));
    List<TimerRequest> timers = new ArrayList<>();
    for (long r : open.keySet()) {
      timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
    }
    return new Step<>(new DdhAggregator(params, anchor, next, new TreeMap<>(), closedThrough), List.of(), ev)
        .withTimers(timers);
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
    return "DdhAggregator[" + roster.group().value() + " v" + roster.version() + ", open=" + open.size() + "]";
  }
}
