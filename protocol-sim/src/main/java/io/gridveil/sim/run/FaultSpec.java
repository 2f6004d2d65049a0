// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import io.gridveil.core.network.FaultPlan;
import io.gridveil.sim.driver.FrameNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The faults of a run (spec/sim.md §2.2): the network faults of every group's
 * {@link io.gridveil.core.network.InMemoryNetwork}, meters that fail for a round, and the failure
 * of every group's local concentrator (or aggregator) in one round.
 *
 * <p>Text form, comma-separated: {@code none}, {@code drop=P}, {@code duplicate=P},
 * {@code delay=P[:T]} (T the largest hold-back in ticks, 1 to {@link
 * FrameNetwork#MAX_DELAY_TICKS}, default 2), {@code reorder},
 * {@code fail=P} (each meter is down in each round with probability P), {@code lc-fail=J} (the
 * concentrator of every group fails in round J). Probabilities are in [0, 1].
 *
 * @param network the network faults
 * @param meterFailure the probability that a meter is down in a round
 * @param concentratorFailureRound the round in which every group's concentrator fails, if any
 */
public record FaultSpec(FaultPlan network, double meterFailure, OptionalInt concentratorFailureRound) {
  /** No fault at all. */
  public static final FaultSpec NONE = new FaultSpec(FaultPlan.NONE, 0, OptionalInt.empty());

  /**
   * Validates the fields.
   *
   * @param network the network faults
   * @param meterFailure the probability that a meter is down in a round
   * @param concentratorFailureRound the round in which every group's concentrator fails, if any
   * @throws IllegalArgumentException if the probability is outside [0, 1], the round negative, or
   *     the network delays frames by more than {@link FrameNetwork#MAX_DELAY_TICKS}
   */
  public FaultSpec {
    if (network.delay() > 0 && network.maxDelayTicks() > FrameNetwork.MAX_DELAY_TICKS) {
      throw new IllegalArgumentException(
          "delay ticks must be 1 to " + FrameNetwork.MAX_DELAY_TICKS);
    }
    if (!(meterFailure >= 0 && meterFailure <= 1)) {
      throw new IllegalArgumentException("fail must be a probability in [0, 1]");
    }
    if (concentratorFailureRound.isPresent() && concentratorFailureRound.getAsInt() < 0) {
      throw new IllegalArgumentException("lc-fail must be a round number, at least 0");
    }
  }

  /**
   * Parses the text form.
   *
   * @param text for example {@code "drop=0.01,reorder,fail=0.02,lc-fail=40"}
   * @return the faults
   * @throws IllegalArgumentException naming the first item that is not understood
   */
  public static FaultSpec parse(String text) {
    double drop = 0;
    double duplicate = 0;
    double delay = 0;
    int maxDelay = 0;
    boolean reorder = false;
    double fail = 0;
    OptionalInt lcFail = OptionalInt.empty();
    String t = text.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) {
      return NONE;
    }
    for (String raw : t.split(",", -1)) {
      String item = raw.trim().toLowerCase(Locale.ROOT);
      int eq = item.indexOf('=');
      String key = eq < 0 ? item : item.substring(0, eq);
      String value = eq < 0 ? "" : item.substring(eq + 1);
      switch (key) {
        case "drop" -> drop = probability(key, value);
        case "duplicate" -> duplicate = probability(key, value);
        case "delay" -> {
          int colon = value.indexOf(':');
          delay = probability(key, colon < 0 ? value : value.substring(0, colon));
          maxDelay = colon < 0 ? 2 : ticks(value.substring(colon + 1));
        }
        case "reorder" -> {
          if (eq >= 0) {
            throw new IllegalArgumentException("reorder takes no value");
          }
          reorder = true;
        }
        case "fail" -> fail = probability(key, value);
        case "lc-fail" -> lcFail = OptionalInt.of(integer(key, value, 0));
        default -> throw new IllegalArgumentException(
            "unknown fault '" + raw.trim() + "' (expected drop=P, duplicate=P, delay=P[:T], reorder, fail=P, lc-fail=J or none)");
      }
    }
    return new FaultSpec(new FaultPlan(drop, duplicate, delay, maxDelay, reorder), fail, lcFail);
  }

  /**
   * Tells whether the run injects no fault.
   *
   * @return true for {@link #NONE}
   */
  public boolean none() {
    return equals(NONE);
  }

  /**
   * Returns the text form, for the report.
   *
   * @return for example {@code "drop=0.01,reorder"}, or {@code "none"}
   */
  public String describe() {
    List<String> items = new ArrayList<>();
    if (network.drop() > 0) {
      items.add("drop=" + network.drop());
    }
    if (network.duplicate() > 0) {
      items.add("duplicate=" + network.duplicate());
    }
    if (network.delay() > 0) {
      items.add("delay=" + network.delay() + ":" + network.maxDelayTicks());
    }
    if (network.reorder()) {
      items.add("reorder");
    }
    if (meterFailure > 0) {
      items.add("fail=" + meterFailure);
    }
    concentratorFailureRound.ifPresent(j -> items.add("lc-fail=" + j));
    return items.isEmpty() ? "none" : String.join(",", items);
  }

  private static double probability(String key, String value) {
    try {
      double p = Double.parseDouble(value);
      if (p >= 0 && p <= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below, with the item's name
    }
    throw new IllegalArgumentException(key + " needs a probability in [0, 1], as " + key + "=0.01");
  }

  /** §2.2: T of {@code delay=P:T} is 1 to MAX_DELAY_TICKS, checked before any group runs. */
  private static int ticks(String value) {
    try {
      int t = Integer.parseInt(value);
      if (t >= 1 && t <= FrameNetwork.MAX_DELAY_TICKS) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below, with the item's name
    }
    throw new IllegalArgumentException(
        "delay ticks need a whole number from 1 to " + FrameNetwork.MAX_DELAY_TICKS
            + " (the round's deadline is " + FrameNetwork.DEADLINE_TICKS + " ticks), as delay=0.1:4");
  }

  private static int integer(String key, String value, int min) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below, with the item's name
    }
    throw new IllegalArgumentException(key + " needs a whole number of at least " + min);
  }
}
