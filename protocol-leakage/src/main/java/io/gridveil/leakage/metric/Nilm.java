// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.metric;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * NILM ON/OFF edge extraction and the EF/TF feature-recovery metric (spec/leakage.md §5.2, §5.3;
 * seed 002 §VI, after Hart 1992).
 *
 * @param threshold theta, watts: an edge needs |x[j] - x[j-1]| &gt;= theta (seed 002: 0.3 kW)
 * @param timeTolerance tau, samples: an attacker's edge matches an original edge of the same
 *     direction at most tau samples away
 * @param magnitudeTolerance epsilon, watts: and whose magnitude differs by at most epsilon
 */
public record Nilm(double threshold, int timeTolerance, double magnitudeTolerance) {
  /** The default threshold, 0.3 kW (seed 002). */
  public static final double DEFAULT_THRESHOLD_WATTS = 300.0;

  /** The defaults: theta = 300 W, tau = 1 sample, epsilon = 300 W (spec/leakage.md §5.3). */
  public static final Nilm DEFAULT = new Nilm(DEFAULT_THRESHOLD_WATTS, 1, DEFAULT_THRESHOLD_WATTS);

  /**
   * Validates the parameters.
   *
   * @param threshold theta, watts: an edge needs |x[j] - x[j-1]| &gt;= theta (seed 002: 0.3 kW)
   * @param timeTolerance tau, samples: an attacker's edge matches an original edge of the same
   *     direction at most tau samples away
   * @param magnitudeTolerance epsilon, watts: and whose magnitude differs by at most epsilon
   * @throws IllegalParameterException LEAK-P-09 if theta &lt;= 0, tau &lt; 0 or epsilon &lt; 0
   */
  public Nilm {
    Require.that(
        threshold > 0 && Double.isFinite(threshold), LeakageChecks.LEAK_P_09, "theta > 0");
    Require.that(timeTolerance >= 0, LeakageChecks.LEAK_P_09, "tau >= 0");
    Require.that(magnitudeTolerance >= 0, LeakageChecks.LEAK_P_09, "epsilon >= 0");
  }

  /**
   * Extracts the ON/OFF edges of a trace (spec/leakage.md §5.2): an edge at every j &gt;= 1 with
   * |x[j] - x[j-1]| &gt;= theta, in index order.
   *
   * @param trace x, watts per interval
   * @return the edges
   * @throws IllegalParameterException LEAK-P-10 if the trace is empty or not finite
   */
  public List<Edge> edges(double[] trace) {
    Require.trace(trace, "trace");
    List<Edge> out = new ArrayList<>();
    for (int j = 1; j < trace.length; j++) {
      double delta = trace[j] - trace[j - 1];
      if (Math.abs(delta) >= threshold) {
        out.add(new Edge(j, delta > 0, Math.abs(delta)));
      }
    }
    return out;
  }

  /**
   * Compares the attacker's trace with the original (spec/leakage.md §5.3): extracts both traces'
   * edges and matches them one-to-one, greedily in the original's index order: each original edge
   * takes the unmatched attacker edge of the same direction with |j - j'| &lt;= tau and
   * ||delta| - |delta'|| &lt;= epsilon that is nearest in time (the earlier one on a tie).
   *
   * @param original the original trace
   * @param attacked the attacker's trace (distorted, filtered, or battery-shaped), same length
   * @return TF, EF, the extracted count and the false features
   * @throws IllegalParameterException LEAK-P-10 if a trace is invalid or the lengths differ
   */
  public FeatureRecovery compare(double[] original, double[] attacked) {
    Require.sameLength(original, attacked);
    return match(edges(original), edges(attacked));
  }

  /**
   * Matches two edge lists one-to-one by the rule of {@link #compare}.
   *
   * @param original the original trace's edges, in index order
   * @param attacked the attacker's edges, in index order
   * @return TF, EF, the extracted count and the false features
   */
  public FeatureRecovery match(List<Edge> original, List<Edge> attacked) {
    boolean[] used = new boolean[attacked.size()];
    int matched = 0;
    int from = 0;
    for (Edge e : original) {
      while (from < attacked.size() && attacked.get(from).index() < e.index() - timeTolerance) {
        from++;
      }
      int best = -1;
      int bestDistance = Integer.MAX_VALUE;
      for (int k = from; k < attacked.size(); k++) {
        Edge a = attacked.get(k);
        int distance = Math.abs(a.index() - e.index());
        if (a.index() > e.index() + timeTolerance) {
          break;
        }
        if (!used[k] && a.on() == e.on()
            && Math.abs(a.magnitude() - e.magnitude()) <= magnitudeTolerance
            && distance < bestDistance) {
          best = k;
          bestDistance = distance;
        }
      }
      if (best >= 0) {
        used[best] = true;
        matched++;
      }
    }
    return new FeatureRecovery(original.size(), matched, attacked.size(), attacked.size() - matched);
  }
}
