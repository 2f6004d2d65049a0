// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;

/**
 * The long-term averaging attack (spec/leakage.md §4.3, seed 002 §VI): average the trace over D
 * days slot by slot, profile[s] = (1/D) sum_{day} d[day * S + s], so that zero-mean noise of
 * variance sigma^2 shrinks to sigma^2 / D while day-to-day variation is averaged away too.
 */
public final class LongTermAveraging {
  private LongTermAveraging() {}

  /**
   * Returns the daily profile.
   *
   * @param trace d, watts per interval, D whole days
   * @param samplesPerDay S, at least 1
   * @return the profile, S values
   * @throws IllegalParameterException LEAK-P-10 if the trace is empty, not finite, or not a whole
   *     number of days; LEAK-P-08 if S &lt; 1
   */
  public static double[] dailyProfile(double[] trace, int samplesPerDay) {
    Require.that(samplesPerDay >= 1, LeakageChecks.LEAK_P_08, "S must be at least 1");
    Require.trace(trace, "trace");
    Require.that(
        trace.length % samplesPerDay == 0,
        LeakageChecks.LEAK_P_10,
        "the trace must cover whole days");
    int days = trace.length / samplesPerDay;
    double[] profile = new double[samplesPerDay];
    for (int s = 0; s < samplesPerDay; s++) {
      double sum = 0;
      for (int day = 0; day < days; day++) {
        sum += trace[day * samplesPerDay + s];
      }
      profile[s] = sum / days;
    }
    return profile;
  }
}
