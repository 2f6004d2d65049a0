// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.HierarchicalMerge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The utility (supplier) of spec/distortion.md §6.3: the second layer of hierarchical
 * reconstruction, merging the collectors' local distributions weighted by their counts at each
 * slot's deadline, and the billing service, which queries meters for the bills of closed cycles.
 * An immutable state; a step that throws leaves it unchanged.
 *
 * <p>Authentication (spec/distortion.md §13): it signs billing queries with the supplier's role
 * key; it accepts a local distribution of group g only as a signed frame whose principal is the
 * identity {@code Identified(c_g)} configured for g's collector (sent under the alias
 * {@code LOCAL_CONCENTRATOR}), and a bill only as a licensed frame of the meter it asked.
 *
 * <p>Security: honest-but-curious. It learns the merged distribution, each collector's local
 * distribution and count, and each meter's cycle bills; never a true reading.
 */
public final class Utility implements AuthenticatedParty<Utility, Utility.Input> {
  /** The inputs of the utility. */
  public sealed interface Input {
    /**
     * A message from the network, verified by the utility's endpoint (spec/distortion.md §13).
     *
     * @param verified the verified envelope
     */
    record Inbound(VerifiedEnvelope<DistortionMessage> verified) implements Input {
      /**
       * Checks the reference.
       *
       * @param verified the verified envelope
       */
      public Inbound {
        Objects.requireNonNull(verified, "verified");
      }
    }

    /**
     * The open slot's deadline passed: merge what arrived.
     *
     * @param round the slot
     */
    record Deadline(Round round) implements Input {
      /**
       * Checks the reference.
       *
       * @param round the slot
       */
      public Deadline {
        Objects.requireNonNull(round, "round");
      }
    }

    /**
     * Ask a meter for the bill of a cycle.
     *
     * @param meter the meter
     * @param group the meter's group
     * @param cycle c
     */
    record QueryBill(MeterId meter, GroupId group, long cycle) implements Input {
      /**
       * Checks the values.
       *
       * @param meter the meter
       * @param group the meter's group
       * @param cycle c, non-negative
       */
      public QueryBill {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(group, "group");
        if (cycle < 0) {
          throw new IllegalArgumentException("cycle must be non-negative");
        }
      }
    }
  }

  /** A bill the utility asked for or received. */
  /**
   * A (meter, cycle) pair of a bill asked for or received.
   *
   * @param meter the meter
   * @param cycle the billing cycle
   */
  record BillKey(MeterId meter, long cycle) {}

  private final BinGrid grid;
  private final TariffDigest tariff;
  private final List<GroupId> groups;
  private final Map<GroupId, Address> collectors;
  private final Round open;
  private final Map<GroupId, BinnedDistribution> locals;
  private final Set<BillKey> outstanding;
  private final Map<BillKey, DistortionMessage.BillingResponse> bills;

  private Utility(
      BinGrid grid,
      TariffDigest tariff,
      List<GroupId> groups,
      Map<GroupId, Address> collectors,
      Round open,
      Map<GroupId, BinnedDistribution> locals,
      Set<BillKey> outstanding,
      Map<BillKey, DistortionMessage.BillingResponse> bills) {
    this.grid = grid;
    this.tariff = tariff;
    this.groups = groups;
    this.collectors = collectors;
    this.open = open;
    this.locals = locals;
    this.outstanding = outstanding;
    this.bills = bills;
  }

  /**
   * Creates the utility.
   *
   * <p>Each served group g names the identity c_g of its collector: the principal of the trust
   * anchor of that collector's role key in the utility's verifier ({@code Anchor.of(
   * Address.identified(c_g), key)}, spec/distortion.md §13.2). The utility accepts g's local
   * distribution only under that principal, so one collector's key is not trusted for another
   * group. The supplier must not issue a meter licence under a collector identity.
   *
   * @param grid the public reconstruction grid
   * @param tariff the digest of the public tariff it bills under
   * @param collectors for each group that reports to it (at least one), its collector's identity
   * @param first the first open slot
   * @return the utility; its events list the groups in the order of their identifiers
   */
  public static Utility create(
      BinGrid grid, TariffDigest tariff, Map<GroupId, MeterId> collectors, Round first) {
    if (collectors.isEmpty()) {
      throw new IllegalArgumentException("need at least one collector");
    }
    Map<GroupId, Address> principals = new HashMap<>();
    collectors.forEach((g, c) -> principals.put(g, Address.identified(c)));
    List<GroupId> groups = new ArrayList<>(principals.keySet());
    groups.sort(Comparator.comparing(GroupId::value));
    return new Utility(
        Objects.requireNonNull(grid, "grid"),
        Objects.requireNonNull(tariff, "tariff"),
        List.copyOf(groups),
        Map.copyOf(principals),
        Objects.requireNonNull(first, "first"),
        Map.of(),
        Set.of(),
        Map.of());
  }

  /**
   * Rebuilds a utility from its durable state (spec/runtime.md §6.2), for {@link UtilityHandle}.
   *
   * @param grid the public reconstruction grid
   * @param tariff the public tariff's digest
   * @param collectors the collector identity c_g of each group
   * @param open the open slot
   * @param locals the local distributions received for the open slot
   * @param outstanding the bill queries not answered yet
   * @param bills the bills received
   * @return the utility
   * @throws IllegalArgumentException if a local distribution's group is not served, or a
   *     distribution is on another grid
   */
  static Utility restore(
      BinGrid grid,
      TariffDigest tariff,
      Map<GroupId, MeterId> collectors,
      Round open,
      Map<GroupId, BinnedDistribution> locals,
      Set<BillKey> outstanding,
      Map<BillKey, DistortionMessage.BillingResponse> bills) {
    Utility u = create(grid, tariff, collectors, open);
    for (Map.Entry<GroupId, BinnedDistribution> e : locals.entrySet()) {
      if (!u.collectors.containsKey(e.getKey()) || !e.getValue().grid().equals(grid)) {
        throw new IllegalArgumentException("a local distribution of another group or grid");
      }
    }
    return new Utility(u.grid, u.tariff, u.groups, u.collectors, u.open, Map.copyOf(locals),
        Set.copyOf(outstanding), Map.copyOf(bills));
  }

  /**
   * Returns the local distributions of the open slot, for the handle's state section.
   *
   * @return the distributions by group
   */
  Map<GroupId, BinnedDistribution> locals() {
    return locals;
  }

  /**
   * Returns the bill queries not answered yet.
   *
   * @return the outstanding queries
   */
  Set<BillKey> outstanding() {
    return outstanding;
  }

  /**
   * Returns the bills received.
   *
   * @return the bills by (meter, cycle)
   */
  Map<BillKey, DistortionMessage.BillingResponse> bills() {
    return bills;
  }

  /**
   * Returns the open slot.
   *
   * @return the slot
   */
  public Round open() {
    return open;
  }

  /**
   * Returns the groups the utility serves, for its verifier ({@code EnvelopeVerifier.of(codec,
   * utility, utility.groups(), anchors)}).
   *
   * @return the groups
   */
  public Set<GroupId> groups() {
    return Set.copyOf(groups);
  }

  /**
   * Tells whether a frame is for the utility: {@code SUPPLIER} only (spec/distortion.md §13.2;
   * else AUTH-V-13 at the endpoint).
   *
   * @param recipient the frame's recipient
   * @return true for the supplier's address
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.SUPPLIER);
  }

  /**
   * Tells whether a principal may send as {@code sender} (else AUTH-V-06 at the endpoint): its own
   * address, or {@code LOCAL_CONCENTRATOR} for a configured collector identity
   * (spec/distortion.md §13.2). Which group that collector may report for is checked in the step.
   *
   * @param sender the frame's sender address
   * @param principal the authenticated principal
   * @return true if the claim is allowed
   */
  @Override
  public boolean mayClaim(Address sender, Address principal) {
    return sender.equals(principal)
        || (sender.equals(Address.LOCAL_CONCENTRATOR) && collectors.containsValue(principal));
  }

  /**
   * Processes one input (spec/distortion.md §6.3).
   *
   * @param input an inbound message, a deadline or a billing request
   * @param random unused: the utility draws no randomness
   * @return the next state, the queries to send and the events observed
   * @throws DistortionViolationException DIST-V-03 for an unexpected message, recipient or group,
   *     a local distribution not signed by the group's collector, or a bill not in a licensed
   *     frame of the meter asked;
   *     DIST-V-04 for a local distribution on another grid; DIST-S-05 for another slot; DIST-S-07
   *     for a second, different local distribution of a group; DIST-V-06 for a bill that
   *     contradicts an earlier one
   */
  @Override
  public Step<Utility> step(Input input, RandomSource random) throws DistortionViolationException {
    if (input instanceof Input.Deadline d) {
      return onDeadline(d.round());
    }
    if (input instanceof Input.QueryBill q) {
      Envelope<DistortionMessage> out =
          new Envelope<>(
              Address.SUPPLIER,
              Address.identified(q.meter()),
              q.group(),
              new Round(q.cycle()),
              new DistortionMessage.BillingQuery(q.cycle(), tariff));
      Set<BillKey> next = new HashSet<>(outstanding);
      next.add(new BillKey(q.meter(), q.cycle()));
      return new Step<>(
          new Utility(grid, tariff, groups, collectors, open, locals, Set.copyOf(next), bills),
          List.of(out),
          List.of());
    }
    VerifiedEnvelope<DistortionMessage> v = ((Input.Inbound) input).verified();
    Envelope<DistortionMessage> e = v.envelope();
    if (!(e.recipient() instanceof Address.Supplier)) {
      throw violation("a message for another recipient");
    }
    if (e.body() instanceof DistortionMessage.LocalDistribution l) {
      return onLocal(v, l.distribution());
    }
    if (e.body() instanceof DistortionMessage.BillingResponse b) {
      return onBill(v, b);
    }
    throw violation("the utility accepts local distributions and billing responses");
  }

  private Step<Utility> onLocal(VerifiedEnvelope<DistortionMessage> v, BinnedDistribution d)
      throws DistortionViolationException {
    Envelope<DistortionMessage> e = v.envelope();
    // §13.3: signed by the role key anchored for this group's collector, not by a licensed meter.
    if (!(e.sender() instanceof Address.LocalConcentrator)
        || v.licence().isPresent()
        || !v.principal().equals(collectors.get(e.group()))) {
      throw violation("a local distribution not signed by the group's collector");
    }
    if (!d.grid().equals(grid)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_04, "local distribution on another grid");
    }
    if (!e.round().equals(open)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_05, "local distribution for a slot that is not open");
    }
    BinnedDistribution previous = locals.get(e.group());
    if (previous != null) {
      if (previous.equals(d)) {
        return Step.of(this);
      }
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_07, "a second, different local distribution from a group");
    }
    Map<GroupId, BinnedDistribution> next = new LinkedHashMap<>(locals);
    next.put(e.group(), d);
    Step<Utility> step = Step.of(
        new Utility(grid, tariff, groups, collectors, open, Map.copyOf(next), outstanding, bills));
    // spec/runtime.md §4.5: the first input of slot j arms ROUND_DEADLINE(j).
    return locals.isEmpty()
        ? step.withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(open))))
        : step;
  }

  private Step<Utility> onBill(
      VerifiedEnvelope<DistortionMessage> v, DistortionMessage.BillingResponse b)
      throws DistortionViolationException {
    Envelope<DistortionMessage> e = v.envelope();
    // §13.3: a bill is a licensed meter's own frame.
    Optional<Licence> licence = v.licence();
    if (!(e.sender() instanceof Address.Identified who)
        || licence.isEmpty()
        || !who.id().equals(licence.get().meter())
        || e.round().index() != b.cycle()) {
      throw violation("a bill not from a licensed meter or for another cycle than its round");
    }
    BillKey key = new BillKey(who.id(), b.cycle());
    DistortionMessage.BillingResponse previous = bills.get(key);
    if (previous != null) {
      if (previous.equals(b)) {
        return Step.of(this); // the same bill again is not counted twice
      }
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_06, "a bill contradicts an earlier one for the same cycle");
    }
    if (!outstanding.contains(key)) {
      throw violation("a bill that was not asked for");
    }
    Set<BillKey> out = new HashSet<>(outstanding);
    out.remove(key);
    Map<BillKey, DistortionMessage.BillingResponse> next = new HashMap<>(bills);
    next.put(key, b);
    return new Step<>(
        new Utility(
            grid, tariff, groups, collectors, open, locals, Set.copyOf(out), Map.copyOf(next)),
        List.of(),
        List.of(new DistortionEvent.BillReceived(who.id(), b.cycle(), b.total(), b.slots())));
  }

  private Step<Utility> onDeadline(Round round) throws DistortionViolationException {
    if (!round.equals(open)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_05, "deadline for a slot that is not open");
    }
    List<GroupId> reporting = new ArrayList<>();
    List<GroupId> missing = new ArrayList<>();
    List<BinnedDistribution> present = new ArrayList<>();
    for (GroupId g : groups) {
      BinnedDistribution d = locals.get(g);
      if (d == null) {
        missing.add(g);
      } else {
        reporting.add(g);
        present.add(d);
      }
    }
    BinnedDistribution merged =
        present.isEmpty()
            ? HierarchicalMerge.merge(List.of(new BinnedDistribution(grid, uniform(), 0)))
            : HierarchicalMerge.merge(present);
    DistortionEvent ev = new DistortionEvent.DistributionReconstructed(round, merged, reporting, missing);
    return new Step<>(
        new Utility(grid, tariff, groups, collectors, round.next(), Map.of(), outstanding, bills),
        List.of(),
        List.of(ev),
        List.of(new TimerRequest.Disarm(TimerId.roundDeadline(round))));
  }

  private double[] uniform() {
    double[] u = new double[grid.bins()];
    Arrays.fill(u, 1.0 / grid.bins());
    return u;
  }

  private static DistortionViolationException violation(String detail) {
    return new DistortionViolationException(DistortionChecks.DIST_V_03, detail);
  }

  @Override
  public String toString() {
    return "Utility[open=" + open.index() + ", collectors=" + groups.size() + "]";
  }
}
