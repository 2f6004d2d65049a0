// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.cmt.CmtNetworkProperties.Action;
import io.gridveil.cmt.CmtNetworkProperties.Step;
import io.gridveil.core.network.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios the network property once found, kept as examples (spec/cmt.md §3.6 step 3). */
class CmtNetworkRegressionTest {
  @Test
  void lcLeftThenRotation_settledGroup_roundIsExact() {
    // Found with seed 285488 when picks and readings came from an LCG over the seed; the steps
    // are that run's, rebuilt by the same LCG (the group has 3 live meters, 2 after the leave).
    List<Action> actions = List.of(Action.ROUND, Action.LEAVE, Action.ROUND, Action.ROUND,
        Action.ROUND, Action.ROTATE, Action.ROUND);
    int[] live = {3, 3, 2, 2, 2, 2, 2};
    CmtNetworkProperties.exactRoundsArePlaintextSums(new CmtNetworkProperties.Scenario(
        new FaultPlan(0, 0, 0, 0, true), lcgSteps(285488, actions, live), 285488, false));
  }

  /** The picks and readings the property's former LCG drew for these actions. */
  private static List<Step> lcgSteps(long seed, List<Action> actions, int[] live) {
    List<Step> steps = new ArrayList<>();
    long r = seed;
    for (int k = 0; k < actions.size(); k++) {
      int pick = Math.floorMod(r, live[k]);
      r = r * 6364136223846793005L + 1442695040888963407L;
      List<Long> readings = new ArrayList<>();
      if (actions.get(k) == Action.ROUND) {
        for (int i = 0; i < live[k]; i++) {
          long t = CmtNetworkProperties.T_MAX;
          readings.add(Math.floorMod(r >>> 7, 3) == 0 ? 0
              : Math.floorMod(r >>> 9, 3) == 0 ? t : Math.floorMod(r >>> 11, t + 1));
          r = r * 6364136223846793005L + 1442695040888963407L;
        }
      }
      steps.add(new Step(actions.get(k), pick, readings));
    }
    return steps;
  }
}
