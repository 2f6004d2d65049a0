// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.household.HouseholdGenerator;
import io.gridveil.distortion.household.HouseholdProfile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Synthetic appliance-level households (spec/sim.md §3.4) from protocol-distortion's generator
 * (spec/distortion.md §7): household k draws its profile and its days from a random source
 * seeded by the run's seed and k, so it is the same in every scheme and every run with that seed.
 * Traces are generated on demand; nothing is cached.
 */
public final class SyntheticLoads implements LoadSet {
  private static final byte[] PURPOSE = "gridveil-sim household".getBytes(StandardCharsets.US_ASCII);

  private final long seed;
  private final int intervalMinutes;
  private final int households;

  private SyntheticLoads(long seed, int intervalMinutes, int households) {
    this.seed = seed;
    this.intervalMinutes = intervalMinutes;
    this.households = households;
  }

  /**
   * Creates the synthetic households of a run.
   *
   * @param seed the run's seed
   * @param intervalMinutes the round length, at least 1 minute
   * @param households the number of households, at least 1
   * @return the load set
   */
  public static SyntheticLoads create(long seed, int intervalMinutes, int households) {
    if (intervalMinutes < 1 || households < 1) {
      throw new IllegalArgumentException("interval and households must be at least 1");
    }
    return new SyntheticLoads(seed, intervalMinutes, households);
  }

  @Override
  public int households() {
    return households;
  }

  @Override
  public void trace(int household, long[] out) {
    RandomSource random =
        DeterministicRandomSource.fromSeed(
            ByteBuffer.allocate(12 + PURPOSE.length).putLong(seed).putInt(household).put(PURPOSE).array());
    HouseholdProfile profile = HouseholdGenerator.drawProfile(random);
    long minutes = (long) out.length * intervalMinutes;
    int days = (int) ((minutes + HouseholdGenerator.MINUTES_PER_DAY - 1) / HouseholdGenerator.MINUTES_PER_DAY);
    double[] wattMinutes = new double[out.length];
    for (int d = 0; d < days; d++) {
      double[] w = HouseholdGenerator.minuteLoad(profile, d, random);
      for (int m = 0; m < w.length; m++) {
        long abs = (long) d * HouseholdGenerator.MINUTES_PER_DAY + m;
        if (abs >= minutes) {
          break;
        }
        wattMinutes[(int) (abs / intervalMinutes)] += Math.min(w[m], PowerLimits.MAX_WATTS);
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] = PowerLimits.toWattHours(wattMinutes[j] * 60.0);
    }
  }

  @Override
  public String describe() {
    return "synthetic appliance-level households (protocol-distortion generator, seed " + seed + ")";
  }
}
