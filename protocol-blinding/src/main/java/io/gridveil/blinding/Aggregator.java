// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The aggregator of a blinding group (spec/blinding.md §4.3): it checks each contribution's sender
 * and ciphertext, multiplies the round's ciphertexts and forwards the product, without identities,
 * with the contributor count; at the deadline it voids a round with missing meters or, with
 * recovery on, asks the TTP for the missing meters' correction.
 *
 * <p>Authentication (spec/blinding.md §5.3): a contribution counts only if it arrived as a
 * licensed frame (kind 3) whose verified principal is a roster meter; its endpoint's verifier
 * checks that licence (group, validity, revocation) on every frame. The group setup and recovery
 * releases must be signed by the TTP's role key.
 *
 * <p>Security: sees only IND-CPA ciphertexts (spec/blinding.md §2.8) and the identities of the
 * contributors, never a key; it learns nothing about readings (§7.2 claim 1).
 */
public final class Aggregator implements AuthenticatedParty<Aggregator, BlindingInput> {
  private final GroupId group;
  private final BlindingParameters params;
  private final @Nullable Setup setup;
  private final long floor;
  private final Map<Long, OpenRound> open;
  private final Map<Long, OpenRound> awaiting;
  private final Set<Long> decided;

  /** The group as set up by the TTP. */
  record Setup(PaillierPublicKey publicKey, List<MeterId> roster, Map<MeterId, Integer> index) {}

  /** A round's contributors (ring indices) and running product. */
  record OpenRound(Set<Integer> contributors, BigInteger product) {}

  private Aggregator(
      GroupId group,
      BlindingParameters params,
      @Nullable Setup setup,
      long floor,
      Map<Long, OpenRound> open,
      Map<Long, OpenRound> awaiting,
      Set<Long> decided) {
    this.group = group;
    this.params = params;
    this.setup = setup;
    this.floor = floor;
    this.open = open;
    this.awaiting = awaiting;
    this.decided = decided;
  }

  /**
   * Creates the aggregator of a group, waiting for the TTP's group setup.
   *
   * @param group the group
   * @param params the group's parameters
   * @return the aggregator
   */
  public static Aggregator create(GroupId group, BlindingParameters params) {
    return new Aggregator(
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(params, "params"),
        null,
        0,
        Map.of(),
        Map.of(),
        Set.of());
  }

  /**
   * Restores an aggregator from its durable state (spec/runtime.md §6.2); the caller has checked
   * the state's invariants.
   *
   * @param group the group
   * @param params the group's parameters
   * @param setup the group setup, empty before it
   * @param floor the first round not yet closed by a deadline
   * @param open the open rounds
   * @param awaiting the rounds awaiting a recovery release
   * @param decided the decided rounds at or above the floor
   * @return the aggregator
   */
  static Aggregator restore(
      GroupId group,
      BlindingParameters params,
      Optional<Setup> setup,
      long floor,
      Map<Long, OpenRound> open,
      Map<Long, OpenRound> awaiting,
      Set<Long> decided) {
    return new Aggregator(
        group, params, setup.orElse(null), floor, Map.copyOf(open), Map.copyOf(awaiting),
        Set.copyOf(decided));
  }

  /**
   * Builds the setup record of a restored aggregator.
   *
   * @param publicKey the public key
   * @param roster the roster in ring order
   * @return the setup
   */
  static Setup setupOf(PaillierPublicKey publicKey, List<MeterId> roster) {
    Map<MeterId, Integer> index = new HashMap<>();
    for (int i = 0; i < roster.size(); i++) {
      index.put(roster.get(i), i + 1);
    }
    return new Setup(publicKey, List.copyOf(roster), Map.copyOf(index));
  }

  Optional<Setup> setup() {
    return Optional.ofNullable(setup);
  }

  long floor() {
    return floor;
  }

  Map<Long, OpenRound> open() {
    return open;
  }

  Map<Long, OpenRound> awaiting() {
    return awaiting;
  }

  Set<Long> decided() {
    return decided;
  }

  BlindingParameters params() {
    return params;
  }

  /**
   * Tells whether the group has been set up.
   *
   * @return true after the group setup
   */
  public boolean isSetUp() {
    return setup != null;
  }

  @Override
  public Step<Aggregator> step(BlindingInput input, RandomSource random)
      throws BlindingViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof BlindingInput.Inbound in) {
      VerifiedEnvelope<BlindingMessage> verified = in.verified();
      Envelope<BlindingMessage> env = verified.envelope();
      BlindingMessage body = env.body();
      if (body instanceof BlindingMessage.GroupSetup g) {
        return groupSetup(verified, g);
      }
      Setup s = setup;
      if (s == null) {
        throw new BlindingViolationException(BlindingChecks.BLND_S_04, "group not set up");
      }
      if (!env.group().equals(group)) {
        throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
      }
      if (body instanceof BlindingMessage.Contribution c) {
        return contribution(s, verified, c);
      } else if (body instanceof BlindingMessage.RecoveryRelease r) {
        return release(s, verified, r);
      }
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_03, "unexpected message type for the aggregator");
    } else if (input instanceof BlindingInput.Deadline d) {
      return deadline(d.round());
    }
    throw new IllegalArgumentException("an aggregator takes no setup or reading input");
  }

  private Step<Aggregator> groupSetup(
      VerifiedEnvelope<BlindingMessage> verified, BlindingMessage.GroupSetup g)
      throws BlindingViolationException {
    Envelope<BlindingMessage> env = verified.envelope();
    if (!(verified.principal() instanceof Address.TrustedThirdParty)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_03, "group setup not from the TTP");
    }
    if (!env.group().equals(group)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
    }
    if (setup != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_05, "group already set up");
    }
    if (g.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    PaillierPublicKey pk = PaillierPublicKey.of(g.n(), g.hs());
    List<MeterId> roster = g.roster();
    if (roster.size() < 2
        || roster.size() > params.nMax()
        || new HashSet<>(roster).size() != roster.size()) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_09, "roster size out of range or with duplicates");
    }
    Map<MeterId, Integer> index = new HashMap<>();
    for (int i = 0; i < roster.size(); i++) {
      index.put(roster.get(i), i + 1);
    }
    return Step.of(
        new Aggregator(
            group, params, new Setup(pk, roster, Map.copyOf(index)), floor, open, awaiting, decided));
  }

  private boolean closed(long j) {
    return j < floor || decided.contains(j) || awaiting.containsKey(j);
  }

  private Step<Aggregator> contribution(
      Setup s, VerifiedEnvelope<BlindingMessage> verified, BlindingMessage.Contribution c)
      throws BlindingViolationException {
    Envelope<BlindingMessage> env = verified.envelope();
    // §4.3 steps 1 to 4. §5.3: the identity is the verified principal of a licensed frame.
    Integer i =
        verified.principal() instanceof Address.Identified id && verified.licence().isPresent()
            ? s.index().get(id.id())
            : null;
    if (i == null) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_03, "not a licensed frame of a roster meter");
    }
    if (c.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    long j = env.round().index();
    if (closed(j)) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_02, "round is closed");
    }
    OpenRound round = open.getOrDefault(j, new OpenRound(Set.of(), BigInteger.ONE));
    if (round.contributors().contains(i)) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_S_01, "second contribution of a meter in one round");
    }
    PaillierCiphertext ct = s.publicKey().ciphertext(c.c());
    // §4.3 step 5.
    Set<Integer> contributors = new HashSet<>(round.contributors());
    contributors.add(i);
    BigInteger product = round.product().multiply(ct.value()).mod(s.publicKey().nSquared());
    Map<Long, OpenRound> nextOpen = new TreeMap<>(open);
    int n = s.roster().size();
    if (contributors.size() == n) {
      nextOpen.remove(j);
      Set<Long> nextDecided = new HashSet<>(decided);
      nextDecided.add(j);
      Envelope<BlindingMessage> out = aggregate(env.round(), product, n, 0);
      // spec/runtime.md §4.5: the round is decided, its deadline is disarmed.
      return new Step<Aggregator>(
              new Aggregator(
                  group, params, s, floor, Map.copyOf(nextOpen), awaiting, Set.copyOf(nextDecided)),
              List.of(out),
              List.of())
          .withTimers(List.of(new TimerRequest.Disarm(TimerId.roundDeadline(env.round()))));
    }
    nextOpen.put(j, new OpenRound(Set.copyOf(contributors), product));
    Step<Aggregator> step =
        Step.of(new Aggregator(group, params, s, floor, Map.copyOf(nextOpen), awaiting, decided));
    // spec/runtime.md §4.5: the first input of round j arms ROUND_DEADLINE(j).
    return open.containsKey(j)
        ? step
        : step.withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(env.round()))));
  }

  private Step<Aggregator> deadline(Round round) {
    Setup s = setup;
    long j = round.index();
    if (s == null || j < floor) {
      return Step.of(this);
    }
    int n = s.roster().size();
    List<Envelope<?>> out = new ArrayList<>();
    List<ProtocolEvent> events = new ArrayList<>();
    Map<Long, OpenRound> nextOpen = new TreeMap<>(open);
    Map<Long, OpenRound> nextAwaiting = new HashMap<>(awaiting);
    Set<Long> nextDecided = new HashSet<>(decided);
    // §4.3 on Deadline(j): every open round j' <= j in increasing order; a round with no
    // contribution at all is void too.
    Set<Long> due = new TreeSet<>();
    for (long r : open.keySet()) {
      if (r <= j) {
        due.add(r);
      }
    }
    if (!closed(j)) {
      due.add(j);
    }
    // §4.3: a round still awaiting its recovery release at a later deadline is abandoned.
    for (long r : new TreeSet<>(awaiting.keySet())) {
      if (r < j) {
        nextAwaiting.remove(r);
        events.add(new RoundOutcome.Voided(group, new Round(r), VoidReason.RECOVERY_INCOMPLETE));
      }
    }
    List<TimerRequest> timers = new ArrayList<>();
    for (long r : due) {
      if (r != j) {
        // spec/runtime.md §4.5: an earlier round decided here has its own deadline disarmed.
        timers.add(new TimerRequest.Disarm(TimerId.roundDeadline(new Round(r))));
      }
      OpenRound o = nextOpen.remove(r);
      int t = o == null ? 0 : o.contributors().size();
      Round rr = new Round(r);
      if (o != null && t > 0 && params.recovery() && t >= 2) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          if (!o.contributors().contains(i)) {
            missing.add(i);
          }
        }
        nextAwaiting.put(r, o);
        out.add(
            new Envelope<>(
                Address.AGGREGATOR,
                Address.TRUSTED_THIRD_PARTY,
                group,
                rr,
                new BlindingMessage.RecoveryRequest(missing)));
      } else {
        VoidReason reason =
            t > 0 && params.recovery() ? VoidReason.BELOW_MINIMUM_GROUP : VoidReason.MISSING_CONTRIBUTION;
        events.add(new RoundOutcome.Voided(group, rr, reason));
        nextDecided.add(r);
      }
    }
    long nextFloor = Math.max(floor, j + 1);
    nextDecided.removeIf(r -> r < nextFloor);
    Aggregator next =
        new Aggregator(
            group,
            params,
            s,
            nextFloor,
            Map.copyOf(nextOpen),
            Map.copyOf(nextAwaiting),
            Set.copyOf(nextDecided));
    return new Step<>(next, out, events).withTimers(timers);
  }

  private Step<Aggregator> release(
      Setup s, VerifiedEnvelope<BlindingMessage> verified, BlindingMessage.RecoveryRelease r)
      throws BlindingViolationException {
    Envelope<BlindingMessage> env = verified.envelope();
    if (!(verified.principal() instanceof Address.TrustedThirdParty)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_03, "release not from the TTP");
    }
    long j = env.round().index();
    OpenRound o = awaiting.get(j);
    if (o == null) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_S_06, "no recovery pending for this round");
    }
    if (r.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    int n = s.roster().size();
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (!o.contributors().contains(i)) {
        expected.add(i);
      }
    }
    if (!expected.equals(r.missing()) || r.correction().compareTo(s.publicKey().n()) >= 0) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_07, "release does not match the pending request");
    }
    // §4.3 on RecoveryRelease: C' = C_j (1 + B_Mj N) mod N^2.
    PaillierCiphertext c =
        s.publicKey().addPlaintext(new PaillierCiphertext(o.product()), r.correction());
    Map<Long, OpenRound> nextAwaiting = new HashMap<>(awaiting);
    nextAwaiting.remove(j);
    Set<Long> nextDecided = new HashSet<>(decided);
    if (j >= floor) {
      nextDecided.add(j);
    }
    int t = o.contributors().size();
    return new Step<>(
        new Aggregator(
            group, params, s, floor, open, Map.copyOf(nextAwaiting), Set.copyOf(nextDecided)),
        List.of(aggregate(env.round(), c.value(), t, n - t)),
        List.of());
  }

  private Envelope<BlindingMessage> aggregate(Round round, BigInteger c, int t, int recovered) {
    return new Envelope<>(
        Address.AGGREGATOR,
        Address.SUPPLIER,
        group,
        round,
        new BlindingMessage.Aggregate(params.keySize(), c, t, recovered));
  }

  /** The aggregator receives frames addressed to the aggregator only (AUTH-V-13 otherwise). */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.AGGREGATOR);
  }

  @Override
  public String toString() {
    return "Aggregator[" + group.value() + ", " + (setup == null ? "waiting" : "running") + "]";
  }
}
