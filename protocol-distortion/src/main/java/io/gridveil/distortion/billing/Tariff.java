// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.distortion.DistortionChecks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * A public time-of-use tariff, identical for every customer (spec/distortion.md §2.2): at most
 * {@value #MAX_LEVELS} price levels and a daily schedule in which every level holds for blocks of
 * at least one hour. The price of slot j is P[j] = prices[schedule[j mod slotsPerDay]].
 *
 * <p>Security: the bound is what keeps a single bill from revealing the trace. A free price vector
 * (P[j] = B^j, or a one-hot vector) would let the biller read readings out of one bill; under
 * this tariff a bill is one linear combination of at most four hour-long block totals per day,
 * summed over the cycle (spec/distortion.md §9.3).
 *
 * @param prices the price levels in micro-units per Wh, 1 to 4 of them, each in [1, 10^9]
 * @param schedule the level index of each slot of the day, slot 0 starting at 00:00; its size is
 *     slotsPerDay, which divides 1440
 */
public record Tariff(List<Long> prices, List<Integer> schedule) {
  /** The largest number of price levels. */
  public static final int MAX_LEVELS = 4;
  /** The largest price of one Wh, in micro-units (1,000 currency units per Wh). */
  public static final long MAX_PRICE = 1_000_000_000L;
  /** The shortest run of one level, in minutes. */
  public static final int MIN_BLOCK_MINUTES = 60;

  private static final byte[] DOMAIN =
      "gridveil-v1 distortion tariff".getBytes(StandardCharsets.US_ASCII);

  /**
   * Validates the tariff.
   *
   * @param prices the price levels in micro-units per Wh, 1 to 4 of them, each in [1, 10^9]
   * @param schedule the level index of each slot of the day, slot 0 starting at 00:00; its size
   *     is slotsPerDay, which divides 1440
   * @throws IllegalParameterException DIST-P-04 for a wrong number of levels or a price out of
   *     range; DIST-P-05 for a schedule whose size does not divide 1440, names an unknown level,
   *     leaves a level unused or holds a level for less than an hour
   */
  public Tariff {
    prices = List.copyOf(Objects.requireNonNull(prices, "prices"));
    schedule = List.copyOf(Objects.requireNonNull(schedule, "schedule"));
    if (prices.isEmpty() || prices.size() > MAX_LEVELS) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_04, "a tariff has 1 to " + MAX_LEVELS + " price levels");
    }
    for (long p : prices) {
      if (p < 1 || p > MAX_PRICE) {
        throw new IllegalParameterException(
            DistortionChecks.DIST_P_04, "a price level is in [1, 10^9] micro-units per Wh");
      }
    }
    int n = schedule.size();
    if (n < 1 || n > 1440 || 1440 % n != 0) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_05, "the day schedule size must divide 1440");
    }
    boolean[] used = new boolean[prices.size()];
    for (int level : schedule) {
      if (level < 0 || level >= prices.size()) {
        throw new IllegalParameterException(
            DistortionChecks.DIST_P_05, "the schedule names an unknown level");
      }
      used[level] = true;
    }
    for (boolean u : used) {
      if (!u) {
        throw new IllegalParameterException(
            DistortionChecks.DIST_P_05, "every price level is used by the schedule");
      }
    }
    int minutesPerSlot = 1440 / n;
    int minSlots = (MIN_BLOCK_MINUTES + minutesPerSlot - 1) / minutesPerSlot;
    if (shortestCyclicRun(schedule) < minSlots) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_05, "every level holds for blocks of at least one hour");
    }
  }

  /**
   * Returns a single-level tariff: the same price in every slot.
   *
   * @param price the price in micro-units per Wh
   * @param slotsPerDay the number of slots per day, dividing 1440
   * @return the tariff
   */
  public static Tariff flat(long price, int slotsPerDay) {
    if (slotsPerDay < 1) {
      throw new IllegalParameterException(DistortionChecks.DIST_P_05, "slotsPerDay must be positive");
    }
    return new Tariff(List.of(price), java.util.Collections.nCopies(slotsPerDay, 0));
  }

  private static int shortestCyclicRun(List<Integer> s) {
    int n = s.size();
    int start = -1;
    for (int i = 0; i < n; i++) {
      if (!s.get(i).equals(s.get((i + n - 1) % n))) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return Integer.MAX_VALUE;
    }
    int shortest = Integer.MAX_VALUE;
    int run = 0;
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (k > 0 && !s.get(i).equals(s.get((i + n - 1) % n))) {
        shortest = Math.min(shortest, run);
        run = 0;
      }
      run++;
    }
    return Math.min(shortest, run);
  }

  /**
   * Returns the number of slots per day.
   *
   * @return slotsPerDay
   */
  public int slotsPerDay() {
    return schedule.size();
  }

  /**
   * Returns P[j], the price of slot j (spec/distortion.md §2.2).
   *
   * @param slot j, non-negative
   * @return the price in micro-units per Wh
   */
  public long price(long slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be non-negative");
    }
    return prices.get(schedule.get((int) (slot % schedule.size())));
  }

  /**
   * Returns P_max, the highest price level.
   *
   * @return the maximum price
   */
  public long maxPrice() {
    long m = 0;
    for (long p : prices) {
      m = Math.max(m, p);
    }
    return m;
  }

  /**
   * Returns the tariff's digest: SHA-256 over "gridveil-v1 distortion tariff", u8 L, L u64
   * prices, u16 slotsPerDay and one u8 level per slot (spec/distortion.md §2.2).
   *
   * @return the digest
   */
  public TariffDigest digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(DOMAIN);
      md.update((byte) prices.size());
      for (long p : prices) {
        for (int i = 7; i >= 0; i--) {
          md.update((byte) (p >>> (8 * i)));
        }
      }
      md.update((byte) (schedule.size() >>> 8));
      md.update((byte) schedule.size());
      for (int level : schedule) {
        md.update((byte) level);
      }
      return TariffDigest.of(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
