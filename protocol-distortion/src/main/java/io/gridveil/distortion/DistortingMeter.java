// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.ClosedCycle;
import java.util.List;
import java.util.Objects;

/**
 * The distorting smart meter (spec/distortion.md §6.1): for every slot it accumulates the true
 * reading into its bill and sends only the distorted reading d = r + n to its collector; it
 * answers billing queries for closed cycles under its public tariff. An immutable state; a step
 * that throws leaves it unchanged.
 *
 * <p>The embedding product commits {@link #billing()} of the next state to a
 * {@link io.gridveil.distortion.billing.BillingStore} before it sends the step's outbound messages
 * (spec/distortion.md §3.4), and restores the meter with {@link #create} from the loaded state.
 *
 * <p>Authentication (spec/distortion.md §13): the meter's frames travel as licensed frames (kind 3)
 * under its supplier-signed licence, from {@code Identified(id)}; it accepts only frames addressed
 * to {@code Identified(id)}, and only billing queries signed by the supplier's role key.
 *
 * <p>Security: the meter is trusted (seed 002, assumption 1). It reveals r only through d, whose
 * noise it draws fresh for every slot from the injected random source, and through the bills of
 * whole cycles under a tariff bounded as in spec/distortion.md §2.2. An unverified envelope cannot
 * reach it: its only network input is a {@link VerifiedEnvelope}.
 */
public final class DistortingMeter
    implements AuthenticatedParty<DistortingMeter, DistortingMeter.Input> {
  /**
   * The inputs of a meter.
   */
  public sealed interface Input {
    /**
     * The meter's own measurement of slot j (from the sensor).
     *
     * @param slot j
     * @param reading r_j in Wh
     */
    record LocalReading(Round slot, Reading reading) implements Input {
      /**
       * Checks the references.
       *
       * @param slot j
       * @param reading r_j in Wh
       */
      public LocalReading {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(reading, "reading");
      }
    }

    /**
     * A message from the network, verified by the meter's endpoint (spec/distortion.md §13).
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
  }

  private final MeterId id;
  private final GroupId group;
  private final NoiseParameters noise;
  private final BillingPlan plan;
  private final BillingState billing;

  private DistortingMeter(
      MeterId id, GroupId group, NoiseParameters noise, BillingPlan plan, BillingState billing) {
    this.id = Objects.requireNonNull(id, "id");
    this.group = Objects.requireNonNull(group, "group");
    this.noise = Objects.requireNonNull(noise, "noise");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.billing = Objects.requireNonNull(billing, "billing");
  }

  /**
   * Creates a meter from its configuration and its (new or recovered) billing state.
   *
   * @param id the meter's identity, with which it authenticates (seed 002, assumption 3)
   * @param group the collector's group
   * @param noise the noise parameters N(mu, sigma^2)
   * @param plan the billing plan
   * @param billing the billing state: {@link BillingState#initial()} or the loaded one
   * @return the meter
   */
  public static DistortingMeter create(
      MeterId id, GroupId group, NoiseParameters noise, BillingPlan plan, BillingState billing) {
    return new DistortingMeter(id, group, noise, plan, billing);
  }

  /**
   * Returns the billing state to commit.
   *
   * @return the state
   */
  public BillingState billing() {
    return billing;
  }

  /**
   * Returns the meter's identity.
   *
   * @return the id
   */
  public MeterId id() {
    return id;
  }

  /**
   * Returns the billing plan.
   *
   * @return the plan
   */
  public BillingPlan plan() {
    return plan;
  }

  /**
   * Tells whether a frame is for this meter: only its own identity address (spec/distortion.md
   * §13.2); the protocol has no group broadcast (else AUTH-V-13 at the endpoint).
   *
   * @param recipient the frame's recipient
   * @return true for {@code Identified(id)}
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.identified(id));
  }

  /**
   * Processes one input (spec/distortion.md §6.1).
   *
   * @param input a local reading or an inbound message
   * @param random the source of the noise
   * @return the next state and the messages to send
   * @throws DistortionViolationException DIST-V-01 for a reading outside [0, t_max] or not in Wh;
   *     DIST-S-01 for a slot not after the last; DIST-V-03 for an unexpected message, a sender or
   *     principal other than the supplier, or another recipient, group or round; DIST-V-02 for a query under another tariff; DIST-S-02 and
   *     DIST-S-03 for a cycle not closed or no longer retained
   */
  @Override
  public Step<DistortingMeter> step(Input input, RandomSource random)
      throws DistortionViolationException {
    if (input instanceof Input.LocalReading r) {
      return onReading(r, random);
    }
    return onMessage(((Input.Inbound) input).verified());
  }

  private Step<DistortingMeter> onReading(Input.LocalReading in, RandomSource random)
      throws DistortionViolationException {
    if (in.reading().unit() != ReadingUnit.WATT_HOUR) {
      throw new DistortionViolationException(DistortionChecks.DIST_V_01, "reading unit is not Wh");
    }
    long r = in.reading().value();
    // §3.2: accumulate first (it validates r and the slot), then §3.1: distort.
    BillingState next = billing.accumulate(plan, in.slot().index(), r);
    long d = noise.distort(r, random);
    Envelope<DistortionMessage> out =
        new Envelope<>(
            Address.identified(id),
            Address.LOCAL_CONCENTRATOR,
            group,
            in.slot(),
            new DistortionMessage.DistortedReading(d));
    return new Step<>(new DistortingMeter(id, group, noise, plan, next), List.of(out), List.of());
  }

  private Step<DistortingMeter> onMessage(VerifiedEnvelope<DistortionMessage> v)
      throws DistortionViolationException {
    Envelope<DistortionMessage> e = v.envelope();
    if (!(e.body() instanceof DistortionMessage.BillingQuery q)) {
      throw violation("a meter accepts only billing queries");
    }
    // §13.3: the query is the supplier's, proven by its role key (the DESIGN's authenticated query).
    if (!(e.sender() instanceof Address.Supplier) || !v.principal().equals(Address.SUPPLIER)) {
      throw violation("a billing query comes from the supplier");
    }
    if (!e.recipient().equals(Address.identified(id)) || !e.group().equals(group)) {
      throw violation("the query is addressed to another meter or group");
    }
    if (e.round().index() != q.cycle()) {
      throw violation("the envelope round is not the queried cycle");
    }
    if (!q.tariff().equals(plan.tariff().digest())) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_02, "the query names another tariff");
    }
    ClosedCycle c = billing.closedCycle(q.cycle());
    Envelope<DistortionMessage> out =
        new Envelope<>(
            Address.identified(id),
            Address.SUPPLIER,
            group,
            e.round(),
            new DistortionMessage.BillingResponse(c.cycle(), c.total(), c.slots()));
    // §3.3: answering changes nothing, so a repeated query gets the same total.
    return new Step<>(this, List.of(out), List.of());
  }

  private static DistortionViolationException violation(String detail) {
    return new DistortionViolationException(DistortionChecks.DIST_V_03, detail);
  }

  @Override
  public String toString() {
    return "DistortingMeter[" + id.value() + ", group=" + group.value() + ", " + billing + "]";
  }
}
