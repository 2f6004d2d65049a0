// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The reveals that recover a round with missing meters (spec/ddh.md §3.4): for every maximal run
 * a..b of consecutive missing positions, the present predecessor a-1 reveals F(k_(a-1,a), j) and
 * the present successor b+1 reveals F(k_(b,b+1), j).
 */
final class RecoveryPlan {
  /**
   * One reveal the plan needs.
   *
   * @param revealer the present meter that reveals
   * @param missing its missing neighbour
   * @param successorSide true if missing = revealer + 1 (the pad enters with a minus sign)
   */
  record Need(int revealer, int missing, boolean successorSide) {}

  private RecoveryPlan() {}

  /**
   * Computes the needs, or null when a present meter would have to reveal both of its pads
   * (§3.4 step 2: the round is void instead).
   */
  static @Nullable List<Need> of(int n, boolean[] present) {
    List<Need> needs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!present[i]) {
        continue;
      }
      boolean succMissing = !present[(i + 1) % n];
      boolean predMissing = !present[(i - 1 + n) % n];
      if (succMissing && predMissing) {
        return null;
      }
      if (succMissing) {
        needs.add(new Need(i, (i + 1) % n, true));
      }
      if (predMissing) {
        needs.add(new Need(i, (i - 1 + n) % n, false));
      }
    }
    return needs;
  }
}
