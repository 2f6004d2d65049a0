// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Party;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.HierarchicalMerge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The utility (supplier) of spec/distortion.md §6.3: the second layer of hierarchical
 * reconstruction, merging the collectors' local distributions weighted by their counts at each
 * slot's deadline, and the billing service, which queries meters for the bills of closed cycles.
 * An immutable state; a step that throws leaves it unchanged.
 *
 * <p>Security: honest-but-curious. It learns the merged distribution, each collector's local
 * distribution and count, and each meter's cycle bills; never a true reading.
 */
public final class Utility implements Party<Utility, Utility.Input> {
  /** The inputs of the utility. */
  public sealed interface Input {
    /**
     * A decoded message from the network.
     *
     * @param envelope the envelope
     */
    record Inbound(Envelope<DistortionMessage> envelope) implements Input {
      /**
       * Checks the reference.
       *
       * @param envelope the envelope
       */
      public Inbound {
        Objects.requireNonNull(envelope, "envelope");
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
  private record BillKey(MeterId meter, long cycle) {}

  private final BinGrid grid;
  private final TariffDigest tariff;
  private final List<GroupId> collectors;
  private final Round open;
  private final Map<GroupId, BinnedDistribution> locals;
  private final Set<BillKey> outstanding;
  private final Map<BillKey, DistortionMessage.BillingResponse> bills;

  private Utility(
      BinGrid grid,
      TariffDigest tariff,
      List<GroupId> collectors,
      Round open,
      Map<GroupId, BinnedDistribution> locals,
      Set<BillKey> outstanding,
      Map<BillKey, DistortionMessage.BillingResponse> bills) {
    this.grid = grid;
    this.tariff = tariff;
    this.collectors = collectors;
    this.open = open;
    this.locals = locals;
    this.outstanding = outstanding;
    this.bills = bills;
  }

  /**
   * Creates the utility.
   *
   * @param grid the public reconstruction grid
   * @param tariff the digest of the public tariff it bills under
   * @param collectors the groups whose collectors report to it, at least one, distinct
   * @param first the first open slot
   * @return the utility
   */
  public static Utility create(
      BinGrid grid, TariffDigest tariff, List<GroupId> collectors, Round first) {
    List<GroupId> c = List.copyOf(collectors);
    if (c.isEmpty() || new HashSet<>(c).size() != c.size()) {
      throw new IllegalArgumentException("need at least one collector, each once");
    }
    return new Utility(
        Objects.requireNonNull(grid, "grid"),
        Objects.requireNonNull(tariff, "tariff"),
        c,
        Objects.requireNonNull(first, "first"),
        Map.of(),
        Set.of(),
        Map.of());
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
   * Processes one input (spec/distortion.md §6.3).
   *
   * @param input an inbound message, a deadline or a billing request
   * @param random unused: the utility draws no randomness
   * @return the next state, the queries to send and the events observed
   * @throws DistortionViolationException DIST-V-03 for an unexpected message, sender or group;
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
          new Utility(grid, tariff, collectors, open, locals, Set.copyOf(next), bills),
          List.of(out),
          List.of());
    }
    Envelope<DistortionMessage> e = ((Input.Inbound) input).envelope();
    if (!(e.recipient() instanceof Address.Supplier)) {
      throw violation("a message for another recipient");
    }
    if (e.body() instanceof DistortionMessage.LocalDistribution l) {
      return onLocal(e, l.distribution());
    }
    if (e.body() instanceof DistortionMessage.BillingResponse b) {
      return onBill(e, b);
    }
    throw violation("the utility accepts local distributions and billing responses");
  }

  private Step<Utility> onLocal(Envelope<DistortionMessage> e, BinnedDistribution d)
      throws DistortionViolationException {
    if (!(e.sender() instanceof Address.LocalConcentrator) || !collectors.contains(e.group())) {
      throw violation("a local distribution from an unknown collector");
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
    return Step.of(new Utility(grid, tariff, collectors, open, Map.copyOf(next), outstanding, bills));
  }

  private Step<Utility> onBill(Envelope<DistortionMessage> e, DistortionMessage.BillingResponse b)
      throws DistortionViolationException {
    if (!(e.sender() instanceof Address.Identified who) || e.round().index() != b.cycle()) {
      throw violation("a bill from a non-meter or for another cycle than its round");
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
        new Utility(grid, tariff, collectors, open, locals, Set.copyOf(out), Map.copyOf(next)),
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
    for (GroupId g : collectors) {
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
        new Utility(grid, tariff, collectors, round.next(), Map.of(), outstanding, bills),
        List.of(),
        List.of(ev));
  }

  private double[] uniform() {
    double[] u = new double[grid.bins()];
    java.util.Arrays.fill(u, 1.0 / grid.bins());
    return u;
  }

  private static DistortionViolationException violation(String detail) {
    return new DistortionViolationException(DistortionChecks.DIST_V_03, detail);
  }

  @Override
  public String toString() {
    return "Utility[open=" + open.index() + ", collectors=" + collectors.size() + "]";
  }
}
