// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.distortion.DistortionChecks;
import io.gridveil.distortion.DistortionViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The meter's aggregated-bill accumulator (spec/distortion.md §3.2): the open cycle's running
 * total AB[j] = AB[j-1] + r_j P[j] in exact 64-bit integer arithmetic, the last accumulated slot,
 * and the frozen totals of the last R closed cycles.
 *
 * <p>An immutable value: {@link #accumulate} returns the next state or throws with this state
 * unchanged. Its toString never shows a total.
 *
 * @param openCycle c, the cycle that receives readings
 * @param openTotal AB of the open cycle so far, in micro-units
 * @param lastSlot the last accumulated slot j, or -1 before the first reading
 * @param openSlots the number of readings accumulated into the open cycle
 * @param closed the last closed cycles, ascending, at most R of them, all before the open cycle
 */
public record BillingState(
    long openCycle, long openTotal, long lastSlot, long openSlots, List<ClosedCycle> closed) {

  /**
   * Validates the invariants.
   *
   * @param openCycle c, the cycle that receives readings
   * @param openTotal AB of the open cycle so far, in micro-units
   * @param lastSlot the last accumulated slot j, or -1 before the first reading
   * @param openSlots the number of readings accumulated into the open cycle
   * @param closed the last closed cycles, ascending, at most R of them, all before the open cycle
   * @throws IllegalArgumentException if an invariant of spec/distortion.md §3.2 does not hold
   */
  public BillingState {
    closed = List.copyOf(Objects.requireNonNull(closed, "closed"));
    if (openCycle < 0 || openTotal < 0 || lastSlot < -1 || openSlots < 0) {
      throw new IllegalArgumentException("billing state values out of range");
    }
    long previous = -1;
    for (ClosedCycle c : closed) {
      if (c.cycle() <= previous || c.cycle() >= openCycle) {
        throw new IllegalArgumentException("closed cycles must ascend and precede the open cycle");
      }
      previous = c.cycle();
    }
  }

  /**
   * Returns the state of a new meter: cycle 0 open, nothing accumulated.
   *
   * @return the initial state
   */
  public static BillingState initial() {
    return new BillingState(0, 0, -1, 0, List.of());
  }

  /**
   * Accumulates reading r_j of slot j (spec/distortion.md §3.2).
   *
   * @param plan the billing plan
   * @param slot j, the reading's slot, non-negative
   * @param reading r_j in Wh
   * @return the next state
   * @throws DistortionViolationException DIST-V-01 if r_j is outside [0, t_max]; DIST-S-01 if
   *     slot j is not after the last accumulated slot
   */
  public BillingState accumulate(BillingPlan plan, long slot, long reading)
      throws DistortionViolationException {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be non-negative");
    }
    if (reading < 0 || reading > plan.maxReading()) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_V_01, "reading outside [0, t_max]");
    }
    if (slot <= lastSlot) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_01, "slot is not after the last accumulated slot");
    }
    long cycle = plan.cycleOf(slot);
    long total = openTotal;
    long slots = openSlots;
    List<ClosedCycle> closedNext = closed;
    if (cycle > openCycle) {
      // §3.2 step 4: close the open cycle, and every skipped cycle with total 0, keeping R.
      List<ClosedCycle> grown = new ArrayList<>(closed);
      grown.add(new ClosedCycle(openCycle, openTotal, openSlots));
      long firstSkipped = Math.max(openCycle + 1, cycle - plan.retainedCycles());
      for (long c = firstSkipped; c < cycle; c++) {
        grown.add(new ClosedCycle(c, 0, 0));
      }
      int drop = Math.max(0, grown.size() - plan.retainedCycles());
      closedNext = grown.subList(drop, grown.size());
      total = 0;
      slots = 0;
    }
    // §3.2 step 3: AB[j] = AB[j-1] + r_j * P[j]; r_j <= t_max and at most J slots per cycle, so
    // the sum stays below J * t_max * P_max <= 2^63 - 1 (DIST-P-06); the exact ops only assert it.
    long next = Math.addExact(total, Math.multiplyExact(reading, plan.tariff().price(slot)));
    return new BillingState(cycle, next, slot, slots + 1, closedNext);
  }

  /**
   * Returns the frozen bill of a closed cycle for a billing query (spec/distortion.md §3.3).
   *
   * @param cycle c, the queried cycle
   * @return the closed cycle, the same however often it is asked
   * @throws DistortionViolationException DIST-S-02 if the cycle is not closed yet; DIST-S-03 if
   *     it is older than the retained cycles
   */
  public ClosedCycle closedCycle(long cycle) throws DistortionViolationException {
    if (cycle >= openCycle) {
      throw new DistortionViolationException(
          DistortionChecks.DIST_S_02, "the queried cycle is not closed");
    }
    for (ClosedCycle c : closed) {
      if (c.cycle() == cycle) {
        return c;
      }
    }
    throw new DistortionViolationException(
        DistortionChecks.DIST_S_03, "the queried cycle is no longer retained");
  }

  /**
   * Encodes this state as the file billing store does (spec/distortion.md §3.4, GVBS v1): the
   * content of the distortion meter's state section (spec/runtime.md §6.2).
   *
   * @param plan the billing plan the state is bound to
   * @return the encoding
   */
  public byte[] encode(BillingPlan plan) {
    return BillingStateCodec.encode(plan, this);
  }

  /**
   * Decodes a GVBS v1 encoding strictly (spec/distortion.md §3.4).
   *
   * @param plan the billing plan the state must be bound to
   * @param stored the encoding
   * @return the state
   * @throws DistortionViolationException DIST-S-06 for a corrupt, foreign or inconsistent state
   */
  public static BillingState decode(BillingPlan plan, byte[] stored)
      throws DistortionViolationException {
    return BillingStateCodec.decode(plan, stored);
  }

  @Override
  public String toString() {
    return "BillingState[openCycle=" + openCycle + ", lastSlot=" + lastSlot + ", totals=redacted]";
  }
}
