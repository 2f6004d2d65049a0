// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import java.util.BitSet;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The price-vector attack on an aggregated bill (spec/leakage.md §6.2): the meter reports only
 * AB = sum_j r_j P[j], but a biller that chooses the tariff P can make AB reveal a slot's reading
 * r_k, or the whole trace. A public tariff with few levels, identical for every customer, leaves
 * r_k ambiguous.
 *
 * <p>Readings r_j are integers in [0, t_max] (for example watt-hours per slot); prices are
 * non-negative integers (for example tenths of a cent per unit).
 */
public final class PriceVectorAttack {
  /** The largest bill {@link #feasibleValues} decides by dynamic programming: 2^22. */
  public static final long MAX_DP_BILL = 1L << 22;

  private PriceVectorAttack() {}

  /**
   * Returns AB = sum_j r_j P[j] (seed 002 eq. (2), accumulated to the end of the cycle).
   *
   * @param readings r_j, each in [0, t_max]
   * @param tariff P[j], same length, each non-negative
   * @return the bill
   * @throws IllegalParameterException LEAK-P-13 if the lengths differ, a value is negative or the
   *     bill overflows a long
   */
  public static long bill(long[] readings, long[] tariff) {
    Require.that(
        readings.length == tariff.length && tariff.length > 0,
        LeakageChecks.LEAK_P_13,
        "one price per reading");
    long ab = 0;
    try {
      for (int j = 0; j < tariff.length; j++) {
        Require.that(
            readings[j] >= 0 && tariff[j] >= 0, LeakageChecks.LEAK_P_13, "values are non-negative");
        ab = Math.addExact(ab, Math.multiplyExact(readings[j], tariff[j]));
      }
    } catch (ArithmeticException e) {
      throw new IllegalParameterException(LeakageChecks.LEAK_P_13, "the bill overflows 64 bits");
    }
    return ab;
  }

  /**
   * Returns the chosen tariff that reads slot k (spec/leakage.md §6.2.1): P[j] = 1 for j != k and
   * P[k] = B = (T - 1) t_max + 1, so that the other slots contribute less than B and
   * r_k = floor(AB / B). Every price is positive, so the tariff does not look degenerate.
   *
   * @param slots T, at least 1
   * @param target k, in [0, T)
   * @param tMax t_max, at least 1
   * @return the tariff
   * @throws IllegalParameterException LEAK-P-13 if a parameter is out of range
   */
  public static long[] chosenTariff(int slots, int target, long tMax) {
    Require.that(slots >= 1 && target >= 0 && target < slots && tMax >= 1,
        LeakageChecks.LEAK_P_13, "T >= 1, k in [0, T), t_max >= 1");
    long[] p = new long[slots];
    java.util.Arrays.fill(p, 1);
    p[target] = Math.addExact(Math.multiplyExact(slots - 1L, tMax), 1);
    return p;
  }

  /**
   * Reads slot k from a bill when the tariff makes it dominant (spec/leakage.md §6.2.1): if
   * P[k] &gt; t_max sum_{j != k} P[j], then r_k = floor(AB / P[k]).
   *
   * @param tariff P
   * @param bill AB
   * @param slot k
   * @param tMax t_max
   * @return r_k, or empty if P[k] does not dominate
   * @throws IllegalParameterException LEAK-P-13 if a parameter is out of range
   */
  public static OptionalLong readDominantSlot(long[] tariff, long bill, int slot, long tMax) {
    checkTariff(tariff, bill, slot, tMax);
    long rest = 0;
    try {
      for (int j = 0; j < tariff.length; j++) {
        if (j != slot) {
          rest = Math.addExact(rest, Math.multiplyExact(tariff[j], tMax));
        }
      }
    } catch (ArithmeticException e) {
      return OptionalLong.empty();
    }
    if (tariff[slot] > rest) {
      return OptionalLong.of(bill / tariff[slot]);
    }
    return OptionalLong.empty();
  }

  /**
   * Returns every value of r_k consistent with the bill (spec/leakage.md §6.2.2): the v in
   * [0, t_max] such that AB - v P[k] is a sum of the other slots' contributions r_j P[j] with
   * r_j in [0, t_max], decided exactly by dynamic programming over [0, AB].
   *
   * @param tariff P
   * @param bill AB, at most 2^22
   * @param slot k
   * @param tMax t_max
   * @return the feasible values of r_k; one value means the bill reveals r_k
   * @throws IllegalParameterException LEAK-P-13 if a parameter is out of range or AB &gt; 2^22
   */
  public static SortedSet<Long> feasibleValues(long[] tariff, long bill, int slot, long tMax) {
    checkTariff(tariff, bill, slot, tMax);
    Require.that(bill <= MAX_DP_BILL, LeakageChecks.LEAK_P_13, "the bill exceeds 2^22");
    int size = (int) bill + 1;
    BitSet reach = new BitSet(size);
    reach.set(0);
    for (int j = 0; j < tariff.length; j++) {
      if (j != slot && tariff[j] > 0 && tariff[j] <= bill) {
        reach = boundedShifts(reach, (int) tariff[j], tMax, size);
      }
    }
    SortedSet<Long> out = new TreeSet<>();
    long price = tariff[slot];
    for (long v = 0; v <= tMax; v++) {
      if (price != 0 && v > bill / price) {
        break;
      }
      // With P[k] = 0 every v leaves the same remainder, AB.
      if (reach.get((int) (bill - v * price))) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Returns the attack's answer for slot k: r_k if the bill determines it (dominance, or a single
   * feasible value), otherwise empty.
   *
   * @param tariff P
   * @param bill AB
   * @param slot k
   * @param tMax t_max
   * @return r_k, or empty if the bill leaves it ambiguous
   * @throws IllegalParameterException LEAK-P-13 if a parameter is out of range, or if P[k] does
   *     not dominate and AB &gt; 2^22
   */
  public static OptionalLong readSlot(long[] tariff, long bill, int slot, long tMax) {
    OptionalLong dominant = readDominantSlot(tariff, bill, slot, tMax);
    if (dominant.isPresent()) {
      return dominant;
    }
    SortedSet<Long> feasible = feasibleValues(tariff, bill, slot, tMax);
    return feasible.size() == 1 ? OptionalLong.of(feasible.first()) : OptionalLong.empty();
  }

  /**
   * Returns the number of distinct price levels in a tariff.
   *
   * @param tariff P
   * @return the number of distinct values
   */
  public static int levels(long[] tariff) {
    return (int) java.util.Arrays.stream(tariff).distinct().count();
  }

  /** new[s] = OR over r in [0, tMax] of old[s - r p], by a sliding window along each residue. */
  private static BitSet boundedShifts(BitSet old, int p, long tMax, int size) {
    BitSet out = new BitSet(size);
    for (int start = 0; start < p && start < size; start++) {
      long window = 0;
      int count = 0;
      for (int s = start; s < size; s += p) {
        if (old.get(s)) {
          window++;
        }
        if (count > tMax) {
          int leaving = s - (int) ((tMax + 1) * p);
          if (old.get(leaving)) {
            window--;
          }
        }
        count++;
        if (window > 0) {
          out.set(s);
        }
      }
    }
    return out;
  }

  private static void checkTariff(long[] tariff, long bill, int slot, long tMax) {
    Require.that(tariff.length > 0, LeakageChecks.LEAK_P_13, "the tariff has slots");
    Require.that(slot >= 0 && slot < tariff.length, LeakageChecks.LEAK_P_13, "slot in range");
    Require.that(tMax >= 1 && bill >= 0, LeakageChecks.LEAK_P_13, "t_max >= 1 and AB >= 0");
    for (long p : tariff) {
      Require.that(p >= 0, LeakageChecks.LEAK_P_13, "prices are non-negative");
    }
  }
}
