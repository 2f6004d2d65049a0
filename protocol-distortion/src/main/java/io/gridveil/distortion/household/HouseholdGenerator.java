// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.household;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.DistortionChecks;
import java.util.Objects;

/**
 * The appliance-level synthetic household load model (spec/distortion.md §7): standby, fridge
 * compressor cycles, lighting after dark, kettle boils, cooking, washing machine, dishwasher and
 * evening electronics, arranged by a daily routine (wake-up, absence on working days, dinner,
 * bedtime) that differs between households and from day to day.
 *
 * <p>The model runs at 1-minute resolution and averages to the requested interval. Every draw
 * comes from the injected {@link RandomSource}, in the order spec/distortion.md §7.2 states, so a
 * seeded source reproduces the same loads.
 */
public final class HouseholdGenerator {
  /** Minutes per day. */
  public static final int MINUTES_PER_DAY = 1440;

  private HouseholdGenerator() {}

  /**
   * Draws a household profile (spec/distortion.md §7.1).
   *
   * @param random the injected random source
   * @return the profile
   */
  public static HouseholdProfile drawProfile(RandomSource random) {
    int occupants = 1 + (int) random.uniformLong(5);
    boolean worksAway = random.nextUnitDouble() < 0.6;
    int wake = clamp((int) Math.round(420 + 40 * random.nextGaussian()), 300, 600);
    int bed = clamp((int) Math.round(1380 + 50 * random.nextGaussian()), wake + 600, 1530);
    double standby = 30 + 60 * random.nextUnitDouble() + 10 * occupants;
    double fridge = 80 + 80 * random.nextUnitDouble();
    int fridgeOn = 12 + (int) random.uniformLong(14);
    int fridgeOff = 25 + (int) random.uniformLong(26);
    double kettle = 1800 + 1200 * random.nextUnitDouble();
    double cooking = 1200 + 1800 * random.nextUnitDouble();
    double cookingP = 0.4 + 0.55 * random.nextUnitDouble();
    double washerP = random.nextUnitDouble() < 0.85 ? 0.1 + 0.08 * occupants : 0.0;
    double dishP = random.nextUnitDouble() < 0.5 ? 0.3 + 0.1 * occupants : 0.0;
    double lighting = 40 + 40 * occupants + 120 * random.nextUnitDouble();
    double entertainment = 60 + 200 * random.nextUnitDouble();
    return new HouseholdProfile(occupants, worksAway, wake, bed, standby, fridge, fridgeOn,
        fridgeOff, kettle, cooking, cookingP, Math.min(1.0, washerP), Math.min(1.0, dishP),
        lighting, entertainment);
  }

  /**
   * Returns one day's load at 1-minute resolution (spec/distortion.md §7.2).
   *
   * @param profile the household
   * @param day the day index (day 0 is a Monday; days 5 and 6 of each week are the weekend)
   * @param random the injected random source
   * @return 1440 values in watts
   */
  public static double[] minuteLoad(HouseholdProfile profile, int day, RandomSource random) {
    Objects.requireNonNull(profile, "profile");
    if (day < 0) {
      throw new IllegalParameterException(DistortionChecks.DIST_P_10, "day must be non-negative");
    }
    double[] w = new double[MINUTES_PER_DAY];
    boolean weekend = day % 7 >= 5;
    // Step 1: routine of the day.
    int wake = clamp(profile.wakeMinute() + (weekend ? 75 : 0)
        + (int) Math.round(20 * random.nextGaussian()), 240, 720);
    int bed = clamp(profile.bedMinute() + (weekend ? 30 : 0)
        + (int) Math.round(25 * random.nextGaussian()), wake + 480, 1530);
    boolean away = profile.worksAway() && !weekend;
    int leave = away ? wake + 40 + (int) random.uniformLong(40) : -1;
    int back = away ? 990 + (int) random.uniformLong(120) : -1;
    // Step 2: standby, with a slow drift.
    double standby = profile.standbyWatts() * (0.9 + 0.2 * random.nextUnitDouble());
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
      w[m] += standby;
    }
    // Step 3: fridge compressor cycles with a random phase; longer on-time in the afternoon.
    int period = profile.fridgeOnMinutes() + profile.fridgeOffMinutes();
    int phase = (int) random.uniformLong(period);
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
      int extra = m >= 720 && m < 1080 ? 3 : 0;
      if ((m + phase) % period < profile.fridgeOnMinutes() + extra) {
        w[m] += profile.fridgeWatts();
      }
    }
    // Step 4: lighting while awake, at home and dark (sunset moves with the season).
    double season = Math.sin(2 * Math.PI * ((day % 365) - 80) / 365.0);
    int sunrise = (int) Math.round(420 - 75 * season);
    int sunset = (int) Math.round(1080 + 100 * season);
    double lightLevel = profile.lightingWatts() * (0.8 + 0.4 * random.nextUnitDouble());
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
      if (awake(m, wake, bed) && home(m, leave, back) && (m < sunrise || m >= sunset)) {
        w[m] += lightLevel * (m >= sunset + 120 ? 1.0 : 0.7);
      }
    }
    // Step 5: kettle after waking, then a Poisson number of boils while at home.
    if (random.nextUnitDouble() < 0.8) {
      burst(w, wake + 5 + (int) random.uniformLong(20), 3, profile.kettleWatts());
    }
    int boils = poisson(random, 0.6 + 0.3 * profile.occupants());
    for (int i = 0; i < boils; i++) {
      int t = wake + 60 + (int) random.uniformLong(Math.max(1, bed - wake - 90));
      if (home(t, leave, back)) {
        burst(w, t, 3 + (int) random.uniformLong(2), profile.kettleWatts());
      }
    }
    // Step 6: dinner (and lunch at weekends), with thermostat duty cycling.
    int dinner = -1;
    if (random.nextUnitDouble() < profile.cookingProbability()) {
      int start = Math.max(back, 1020) + (int) random.uniformLong(90);
      int length = 20 + (int) random.uniformLong(41);
      cook(w, start, length, profile.cookingWatts(), random);
      dinner = start + length;
    }
    if (weekend && random.nextUnitDouble() < 0.5) {
      cook(w, 720 + (int) random.uniformLong(60), 20 + (int) random.uniformLong(21),
          profile.cookingWatts(), random);
    }
    // Step 7: washing machine: heating, washing, spin.
    if (random.nextUnitDouble() < profile.washerProbability()) {
      int start = away ? back + 30 + (int) random.uniformLong(120)
          : wake + 60 + (int) random.uniformLong(Math.max(1, bed - wake - 240));
      burst(w, start, 15, 2000);
      burst(w, start + 15, 40, 250);
      burst(w, start + 55, 10, 500);
    }
    // Step 8: dishwasher after dinner.
    if (dinner >= 0 && random.nextUnitDouble() < profile.dishwasherProbability()) {
      int start = dinner + 15 + (int) random.uniformLong(60);
      burst(w, start, 20, 1800);
      burst(w, start + 20, 40, 120);
      burst(w, start + 60, 15, 1800);
    }
    // Step 9: evening electronics.
    if (random.nextUnitDouble() < 0.85) {
      int from = Math.max(away ? back + 20 : 1080, wake);
      for (int m = from; m < Math.min(bed - 10, MINUTES_PER_DAY); m++) {
        w[m] += profile.entertainmentWatts();
      }
    }
    return w;
  }

  /**
   * Returns one day's load averaged to a resolution (spec/distortion.md §7.3).
   *
   * @param profile the household
   * @param day the day index
   * @param resolutionMinutes the interval length in minutes, dividing 1440
   * @param random the injected random source
   * @return 1440 / resolution values, the mean watts of each interval
   * @throws IllegalParameterException DIST-P-10 if the resolution does not divide a day
   */
  public static double[] day(
      HouseholdProfile profile, int day, int resolutionMinutes, RandomSource random) {
    checkResolution(resolutionMinutes);
    return average(minuteLoad(profile, day, random), resolutionMinutes);
  }

  /**
   * Returns consecutive days' load averaged to a resolution.
   *
   * @param profile the household
   * @param firstDay the first day's index
   * @param days the number of days, at least 1
   * @param resolutionMinutes the interval length in minutes, dividing 1440
   * @param random the injected random source
   * @return days * 1440 / resolution values in watts
   * @throws IllegalParameterException DIST-P-10 if days &lt; 1 or the resolution does not divide
   *     a day
   */
  public static double[] days(
      HouseholdProfile profile, int firstDay, int days, int resolutionMinutes, RandomSource random) {
    checkResolution(resolutionMinutes);
    if (days < 1) {
      throw new IllegalParameterException(DistortionChecks.DIST_P_10, "days must be at least 1");
    }
    int per = MINUTES_PER_DAY / resolutionMinutes;
    double[] out = new double[Math.multiplyExact(days, per)];
    for (int d = 0; d < days; d++) {
      double[] one = day(profile, firstDay + d, resolutionMinutes, random);
      System.arraycopy(one, 0, out, d * per, per);
    }
    return out;
  }

  /**
   * Returns the load of many households in one interval (a cross-section, the input of the
   * distribution reconstruction): for each household in turn, draw a profile and its day, and take
   * the interval's mean watts.
   *
   * @param households the number of households, at least 1
   * @param day the day index
   * @param interval the interval within the day, 0 to 1440 / resolution - 1
   * @param resolutionMinutes the interval length, dividing 1440
   * @param random the injected random source
   * @return one value per household, in watts
   * @throws IllegalParameterException DIST-P-10 if a count or the resolution is out of range
   */
  public static double[] crossSection(
      int households, int day, int interval, int resolutionMinutes, RandomSource random) {
    checkResolution(resolutionMinutes);
    if (households < 1 || interval < 0 || interval >= MINUTES_PER_DAY / resolutionMinutes) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_10, "need households >= 1 and an interval within the day");
    }
    double[] out = new double[households];
    for (int h = 0; h < households; h++) {
      HouseholdProfile p = drawProfile(random);
      out[h] = day(p, day, resolutionMinutes, random)[interval];
    }
    return out;
  }

  /**
   * Converts mean watts per interval to whole watt-hours per interval, rounding half to even:
   * the integer readings a meter bills and distorts.
   *
   * @param watts mean watts per interval, non-negative
   * @param resolutionMinutes the interval length, dividing 1440
   * @return Wh per interval
   */
  public static long[] toWattHours(double[] watts, int resolutionMinutes) {
    checkResolution(resolutionMinutes);
    long[] out = new long[watts.length];
    for (int i = 0; i < watts.length; i++) {
      out[i] = (long) Math.rint(watts[i] * resolutionMinutes / 60.0);
    }
    return out;
  }

  private static void checkResolution(int resolutionMinutes) {
    if (resolutionMinutes < 1 || resolutionMinutes > MINUTES_PER_DAY
        || MINUTES_PER_DAY % resolutionMinutes != 0) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_10, "the resolution must divide 1440 minutes");
    }
  }

  private static double[] average(double[] minutes, int resolution) {
    double[] out = new double[minutes.length / resolution];
    for (int i = 0; i < out.length; i++) {
      double s = 0;
      for (int k = 0; k < resolution; k++) {
        s += minutes[i * resolution + k];
      }
      out[i] = s / resolution;
    }
    return out;
  }

  private static boolean awake(int m, int wake, int bed) {
    return bed > MINUTES_PER_DAY ? m >= wake || m < bed - MINUTES_PER_DAY : m >= wake && m < bed;
  }

  private static boolean home(int m, int leave, int back) {
    return leave < 0 || m < leave || m >= back;
  }

  private static void burst(double[] w, int start, int length, double watts) {
    for (int m = Math.max(0, start); m < Math.min(MINUTES_PER_DAY, start + length); m++) {
      w[m] += watts;
    }
  }

  private static void cook(double[] w, int start, int length, double watts, RandomSource random) {
    // The first 5 minutes at full power, then a thermostat duty cycle of 2 minutes on, 1 off.
    burst(w, start, Math.min(5, length), watts);
    for (int k = 5; k < length; k++) {
      if (k % 3 != 2) {
        burst(w, start + k, 1, watts * (0.85 + 0.15 * random.nextUnitDouble()));
      }
    }
  }

  private static int poisson(RandomSource random, double lambda) {
    double l = Math.exp(-lambda);
    double p = 1.0;
    int k = 0;
    do {
      k++;
      p *= random.nextUnitDouble();
    } while (p > l && k < 64);
    return k - 1;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
