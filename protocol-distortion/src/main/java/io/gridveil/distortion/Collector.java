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
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.ObservationGrid;
import io.gridveil.distortion.reconstruction.ObservationHistogram;
import io.gridveil.distortion.reconstruction.Reconstruction;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import io.gridveil.distortion.reconstruction.Reconstructor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The neighbourhood data collector (spec/distortion.md §6.2, the first layer of the paper's
 * Fig. 5): it gathers one distorted reading per meter for the open slot and, at the slot's
 * deadline, reconstructs the local distribution and sends it, with its count, to the utility.
 * An immutable state; a step that throws leaves it unchanged.
 *
 * <p>Authentication (spec/distortion.md §13): it accepts frames addressed to
 * {@code LOCAL_CONCENTRATOR}, and a reading only as a licensed frame whose licence is for its group;
 * the endpoint checks that licence (signature, group, validity, revocation) on every frame. It
 * signs its local distributions with its own role key.
 *
 * <p>Security: honest-but-curious. It sees every meter's distorted trace d = r + n under the
 * meter's identity, and nothing else; spec/distortion.md §9 states what de-noising and NILM on d
 * recover.
 */
public final class Collector implements AuthenticatedParty<Collector, Collector.Input> {
  /** The inputs of a collector. */
  public sealed interface Input {
    /**
     * A message from the network, verified by the collector's endpoint (spec/distortion.md §13).
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
     * The open slot's deadline passed.
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
  }

  private final GroupId group;
  private final NoiseParameters noise;
  private final BinGrid grid;
  private final ObservationGrid observationGrid;
  private final ReconstructionOptions options;
  private final Round open;
  private final Map<MeterId, Long> readings;

  private Collector(
      GroupId group,
      NoiseParameters noise,
      BinGrid grid,
      ObservationGrid observationGrid,
      ReconstructionOptions options,
      Round open,
      Map<MeterId, Long> readings) {
    this.group = group;
    this.noise = noise;
    this.grid = grid;
    this.observationGrid = observationGrid;
    this.options = options;
    this.open = open;
    this.readings = readings;
  }

  /**
   * Creates a collector whose first open slot is {@code first}.
   *
   * @param group the collector's group
   * @param noise the public noise parameters of its meters
   * @param grid the public reconstruction grid
   * @param options the stopping rule
   * @param first the first slot
   * @return the collector
   */
  public static Collector create(
      GroupId group,
      NoiseParameters noise,
      BinGrid grid,
      ReconstructionOptions options,
      Round first) {
    return new Collector(
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(noise, "noise"),
        Objects.requireNonNull(grid, "grid"),
        ObservationGrid.defaultFor(grid, noise),
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(first, "first"),
        Map.of());
  }

  /**
   * Rebuilds a collector from its durable state (spec/runtime.md §6.2: the open slot and its
   * readings), for {@link CollectorHandle}.
   *
   * @param group the collector's group
   * @param noise the public noise parameters of its meters
   * @param grid the public reconstruction grid
   * @param options the stopping rule
   * @param open the open slot
   * @param readings the distorted reading of each meter that reported in the open slot
   * @return the collector
   */
  static Collector restore(
      GroupId group,
      NoiseParameters noise,
      BinGrid grid,
      ReconstructionOptions options,
      Round open,
      Map<MeterId, Long> readings) {
    Collector c = create(group, noise, grid, options, open);
    return new Collector(c.group, c.noise, c.grid, c.observationGrid, c.options, c.open,
        Map.copyOf(readings));
  }

  /**
   * Returns the readings of the open slot by meter, for the handle's state section.
   *
   * @return the readings
   */
  Map<MeterId, Long> readings() {
    return readings;
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
   * Returns the number of readings collected for the open slot.
   *
   * @return the count
   */
  public int collected() {
    return readings.size();
  }

  /**
   * Tells whether a frame is for this collector: {@code LOCAL_CONCENTRATOR} only
   * (spec/distortion.md §13.2; else AUTH-V-13 at the endpoint).
   *
   * @param recipient the frame's recipient
   * @return true for the collector's role address
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.LOCAL_CONCENTRATOR);
  }

  /**
   * Processes one input (spec/distortion.md §6.2).
   *
   * @param input an inbound reading or the deadline
   * @param random unused: the collector draws no randomness
   * @return the next state, the local distribution to send and a
   *     {@link DistortionEvent.LocalReconstructed} at the deadline
   * @throws DistortionViolationException DIST-V-03 for an unexpected message, recipient or group,
   *     or a reading that is not a licensed meter's own frame; DIST-S-05 for another slot; DIST-S-04 for a second, different reading of a meter
   */
  @Override
  public Step<Collector> step(Input input, RandomSource random)
      throws DistortionViolationException {
    if (input instanceof Input.Deadline d) {
      return onDeadline(d.round());
    }
    VerifiedEnvelope<DistortionMessage> v = ((Input.Inbound) input).verified();
    Envelope<DistortionMessage> e = v.envelope();
    if (!(e.body() instanceof DistortionMessage.DistortedReading r)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_03, "a collector accepts only distorted readings");
    }
    // §13.3: a reading counts only under a meter's licence, as that meter's own frame.
    Optional<Licence> licence = v.licence();
    if (licence.isEmpty()
        || !e.sender().equals(Address.identified(licence.get().meter()))
        || !(e.recipient() instanceof Address.LocalConcentrator)
        || !e.group().equals(group)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_03, "reading not from a licensed meter or for another collector");
    }
    MeterId meter = licence.get().meter();
    if (!e.round().equals(open)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_05, "reading for a slot that is not open");
    }
    Long previous = readings.get(meter);
    if (previous != null) {
      if (previous == r.value()) {
        return Step.of(this); // a duplicated delivery changes nothing
      }
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_04, "a second, different reading from the same meter");
    }
    Map<MeterId, Long> next = new HashMap<>(readings);
    next.put(meter, r.value());
    Step<Collector> step = Step.of(
        new Collector(group, noise, grid, observationGrid, options, open, Map.copyOf(next)));
    // spec/runtime.md §4.5: the first input of slot j arms ROUND_DEADLINE(j).
    return readings.isEmpty()
        ? step.withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(open))))
        : step;
  }

  private Step<Collector> onDeadline(Round round) throws DistortionViolationException {
    if (!round.equals(open)) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_05, "deadline for a slot that is not open");
    }
    long[] values = new long[readings.size()];
    int i = 0;
    for (long v : readings.values()) {
      values[i++] = v;
    }
    Reconstruction rec =
        Reconstructor.reconstruct(
            ObservationHistogram.of(observationGrid, values), noise, grid, options);
    Envelope<DistortionMessage> out =
        new Envelope<>(
            Address.LOCAL_CONCENTRATOR,
            Address.SUPPLIER,
            group,
            round,
            new DistortionMessage.LocalDistribution(rec.distribution()));
    DistortionEvent ev =
        new DistortionEvent.LocalReconstructed(
            group, round, rec.distribution(), rec.iterations(), rec.converged(), rec.excluded());
    Collector next =
        new Collector(group, noise, grid, observationGrid, options, round.next(), Map.of());
    return new Step<>(next, List.of(out), List.of(ev),
        List.of(new TimerRequest.Disarm(TimerId.roundDeadline(round))));
  }

  @Override
  public String toString() {
    return "Collector[" + group.value() + ", open=" + open.index() + ", collected="
        + readings.size() + "]";
  }
}
