// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.distortion.DistortingMeter;
import io.gridveil.distortion.DistortionCodec;
import io.gridveil.distortion.DistortionEvent;
import io.gridveil.distortion.DistortionMessage;
import io.gridveil.distortion.NoiseParameters;
import io.gridveil.distortion.Utility;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.Tariff;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.sim.driver.Billing;
import io.gridveil.sim.driver.CostLedger;
import io.gridveil.sim.driver.FrameNetwork;
import io.gridveil.sim.driver.GroupSession;
import io.gridveil.sim.driver.GroupSpec;
import io.gridveil.sim.driver.Node;
import io.gridveil.sim.driver.Pki;
import io.gridveil.sim.driver.Refusal;
import io.gridveil.sim.driver.RefusalCounter;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.RoundInput;
import io.gridveil.sim.driver.RoundResult;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.driver.SimulationException;
import io.gridveil.sim.driver.Wire;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drives distortion metering (spec/distortion.md §3, §6.1): each {@link DistortingMeter} distorts
 * its reading with N(0, sigma^2) and sends d_ij towards the supplier's collection point, while it
 * accumulates the exact bill AB_i under a public time-of-use tariff; at the end the supplier's
 * {@link Utility} queries every meter's bill for cycle 0 (the first half of the run), which the
 * simulator checks against sum_j e_ij P[j].
 *
 * <p>The simulator itself plays the collection point: it records the distorted readings that
 * arrive (the supplier's view) and reconstructs the distribution once over the whole run
 * (spec/sim.md §5.2); the per-slot Collector party of spec/distortion.md §6.2 is not run.
 */
public final class DistortionDriver implements SchemeDriver {
  /**
   * The check ID of a distorted reading that reached the simulator's collection point after the
   * round's deadline (spec/sim.md §4.2).
   */
  static final String LATE_AT_COLLECTION = "SIM-R-01";

  /** Ticks after which a network that still holds frames is declared stuck. */
  private static final int IDLE_GUARD_TICKS = 100_000;

  private static final EnvelopeCodec<DistortionMessage> CODEC = EnvelopeCodec.of(DistortionCodec.INSTANCE);

  /** Off-peak and peak prices, micro-units per Wh: peak from 07:00 to 23:00. */
  static final long OFF_PEAK = 150;

  /** The peak price, micro-units per Wh. */
  static final long PEAK = 300;

  private final NoiseParameters noise;
  private final double sigmaRatio;

  /**
   * Creates the driver.
   *
   * @param noise N(0, sigma^2), sigma in Wh per round
   * @param sigmaRatio sigma divided by the standard deviation of the true readings, for the report
   */
  public DistortionDriver(NoiseParameters noise, double sigmaRatio) {
    this.noise = noise;
    this.sigmaRatio = sigmaRatio;
  }

  /**
   * Returns the noise parameters.
   *
   * @return N(mu, sigma^2)
   */
  public NoiseParameters noise() {
    return noise;
  }

  /**
   * Returns the public tariff of a run (spec/distortion.md §2.2): two levels, peak 07:00 to 23:00.
   *
   * @param intervalMinutes the round length, dividing 1440
   * @return the tariff
   */
  public static Tariff tariff(int intervalMinutes) {
    int slots = 1440 / intervalMinutes;
    List<Integer> schedule = new ArrayList<>(slots);
    for (int s = 0; s < slots; s++) {
      int hour = s * intervalMinutes / 60;
      schedule.add(hour >= 7 && hour < 23 ? 1 : 0);
    }
    return new Tariff(List.of(OFF_PEAK, PEAK), schedule);
  }

  @Override
  public Scheme scheme() {
    return Scheme.DISTORTION;
  }

  @Override
  public GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException {
    if (1440 % spec.intervalMinutes() != 0) {
      throw new SimulationException("distortion: the interval must divide a day for the tariff");
    }
    return new Group(spec, network);
  }

  @Override
  public SchemeFacts facts() {
    return new SchemeFacts(
        "every meter's distorted reading d_ij = e_ij + n_ij, at most 1/2 log2(1 + Var(r)/sigma^2) bits"
            + " per reading; the exact bill of each cycle; the reconstructed distribution",
        "spec/distortion.md §9.1",
        List.of(),
        List.of(
            String.format(java.util.Locale.ROOT,
                "noise N(0, sigma^2) with sigma = %.1f Wh per round (%.2f x the standard deviation of the"
                    + " true readings)", noise.sigma(), sigmaRatio),
            "tariff: " + OFF_PEAK + " / " + PEAK + " micro-units per Wh off-peak / peak (07:00-23:00);"
                + " bills of cycle 0 (the first half of the run) are queried and checked exact"));
  }

  /** One group's meters and the supplier's billing party. */
  private final class Group implements GroupSession {
    private final GroupId group;
    private final FrameNetwork network;
    private final CostLedger ledger;
    private final Wire<DistortionMessage, DistortingMeter.Input> meterWire;
    private final Wire<DistortionMessage, Utility.Input> utilityWire;
    private final List<Node<DistortingMeter, DistortingMeter.Input, DistortionMessage>> meters =
        new ArrayList<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Node<Utility, Utility.Input, DistortionMessage> utility;
    private final EnvelopeVerifier<DistortionMessage> collection;
    private final Tariff tariff;
    private final long cycleSlots;
    private final long[] bills;
    private final BitSet billed = new BitSet();
    private final RefusalCounter refusals = new RefusalCounter(CODEC);
    private long deadline;
    private double[] distorted = new double[0];
    private final BitSet received = new BitSet();
    private long current = -1;

    Group(GroupSpec spec, FrameNetwork network) {
      this.group = spec.group();
      this.network = network;
      this.ledger = network.ledger();
      this.tariff = tariff(spec.intervalMinutes());
      // Cycle 0 is the first half of the run, so that it is closed (and billable) before the end.
      this.cycleSlots = Math.max(1, spec.rounds() / 2);
      BillingPlan plan = new BillingPlan(tariff, cycleSlots, spec.parameters().tMax(), 1);
      DeterministicRandomSource random = DeterministicRandomSource.fromSeed(spec.seed());
      this.meterWire = new Wire<>("distortion", CODEC, network, random);
      this.utilityWire = new Wire<>("distortion", CODEC, network, random);
      // spec/distortion.md §13: meters send under their licences, the utility signs its queries.
      Pki pki = new Pki(group, random);
      for (int i = 0; i < spec.members(); i++) {
        MeterId id = new MeterId(group.value() + "." + i);
        byId.put(id, i);
        meters.add(new Node<>(Role.METER, i,
            pki.meter(DistortingMeter.create(id, group, noise, plan, BillingState.initial()), id,
                CODEC, DistortingMeter.Input.Inbound::new, 0)));
      }
      this.bills = new long[spec.members()];
      BinGrid grid = new BinGrid(0, Math.max(1, spec.parameters().tMax()), 50);
      Utility u =
          Utility.create(grid, tariff.digest(),
              Map.of(group, new MeterId("collector." + group.value())), Round.FIRST);
      this.utility =
          new Node<>(Role.SUPPLIER, -1,
              pki.role(u, Pki.RoleKey.SUPPLIER, CODEC, Utility.Input.Inbound::new, 0));
      // The simulator's collection point records each meter's verified d_ij for the report.
      this.collection =
          EnvelopeVerifier.of(CODEC, Address.LOCAL_CONCENTRATOR, group, pki.anchors());
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      Round j = input.round();
      current = j.index();
      meterWire.now(j);
      utilityWire.now(j);
      distorted = new double[meters.size()];
      received.clear();
      // spec/sim.md §4.2: the collection point closes the round DEADLINE_TICKS after its start.
      deadline = network.now() + FrameNetwork.DEADLINE_TICKS;
      for (int i = 0; i < meters.size(); i++) {
        meters.get(i).setDown(input.failed(i));
        meterWire.feed(meters.get(i),
            new DistortingMeter.Input.LocalReading(j, Reading.ofWattHours(input.reading(i))), this::events);
      }
      deliverUntilIdle(input.concentratorFailed());
      for (Node<DistortingMeter, DistortingMeter.Input, DistortionMessage> m : meters) {
        m.setDown(false);
      }
      return new RoundResult.Distorted(distorted, received);
    }

    private void deliverUntilIdle(boolean collectionDown) throws SimulationException {
      int guard = 0;
      while (!network.idle()) {
        if (++guard > IDLE_GUARD_TICKS) {
          throw new SimulationException("distortion: the network does not go idle");
        }
        for (Delivery<byte[]> d : network.tick()) {
          Address to = d.recipient();
          if (to instanceof Address.LocalConcentrator) {
            if (collectionDown) {
              continue;
            }
            if (network.now() >= deadline) {
              // Late for the collection point, which closed the round (spec/sim.md §4.2).
              refusals.refused(LATE_AT_COLLECTION, d.payload(), Role.SUPPLIER);
            } else {
              collect(d.payload());
            }
          } else if (to instanceof Address.Identified id) {
            Integer k = byId.get(id.id());
            if (k != null) {
              meterWire.deliver(meters.get(k), d.payload(), this::events);
            }
          } else if (to instanceof Address.Supplier) {
            utilityWire.deliver(utility, d.payload(), this::events);
          }
        }
      }
    }

    /**
     * The supplier's collection point: verify the licensed frame, then record d_ij once per meter
     * and round (spec/distortion.md §6.2 input, §13).
     */
    private void collect(byte[] frame) {
      long t = ledger.start();
      try {
        Envelope<DistortionMessage> e = collection.verify(frame, new Round(current)).envelope();
        if (e.body() instanceof DistortionMessage.DistortedReading r
            && e.round().index() == current
            && e.sender() instanceof Address.Identified id) {
          Integer k = byId.get(id.id());
          if (k != null && !received.get(k)) {
            received.set(k);
            distorted[k] = r.value();
          }
        }
      } catch (ProtocolViolationException ex) {
        refusals.refused(ex, frame, Role.SUPPLIER);
      }
      ledger.charge(Role.SUPPLIER, t);
    }

    private void events(Node<?, ?, ?> from, List<ProtocolEvent> events) {
      for (ProtocolEvent e : events) {
        if (e instanceof DistortionEvent.BillReceived b && b.cycle() == 0) {
          Integer k = byId.get(b.meter());
          if (k != null) {
            bills[k] = b.total();
            billed.set(k);
          }
        }
      }
    }

    @Override
    public Map<Refusal, Long> refusals() {
      Map<Refusal, Long> all = new TreeMap<>(refusals.counts());
      meterWire.refusals().forEach((k, v) -> all.merge(k, v, Long::sum));
      utilityWire.refusals().forEach((k, v) -> all.merge(k, v, Long::sum));
      return all;
    }

    @Override
    public Optional<Billing> finish() throws SimulationException {
      // spec/distortion.md §3.3: the supplier queries each meter's bill of the closed cycle 0.
      for (int i = 0; i < meters.size(); i++) {
        utilityWire.feed(utility, new Utility.Input.QueryBill(meters.get(i).state().id(), group, 0), this::events);
      }
      deadline = Long.MAX_VALUE;
      deliverUntilIdle(false);
      long[] prices = new long[(int) cycleSlots];
      for (int j = 0; j < prices.length; j++) {
        prices[j] = tariff.price(j);
      }
      return Optional.of(new Billing(bills, billed, prices));
    }
  }
}
