// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.distortion.NoiseParameters;
import io.gridveil.distortion.household.HouseholdGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the paper's Fig. 11 to 14 on synthetic households (spec/distortion.md §5.7, §10):
 * 53 bins, noise variance equal to the data's, noise mean 100 W, the late-morning hour
 * (11:00-12:00) of a weekday, MSE averaged over three repetitions.
 */
class ReconstructionAccuracyTest {
  private static final int POOL = 20_000;
  private static final int REPS = 3;
  private static double[] pool;
  private static BinGrid grid;

  @BeforeAll
  static void households() {
    pool = HouseholdGenerator.crossSection(POOL, 2, 11, 60, DeterministicRandomSource.fromSeed(11));
    grid = new BinGrid(0, Math.ceil(Arrays.stream(pool).max().orElseThrow() + 1), 53);
  }

  private static double[] sample(int n, int rep) {
    int from = (rep * 7919) % (POOL - n + 1);
    return Arrays.copyOfRange(pool, from, from + n);
  }

  /** Returns {distorted MSE, centralised MSE, 10-group hierarchical MSE}, averaged. */
  private static double[] mse(int n, boolean hierarchical) {
    return mse(n, hierarchical ? 10 : 0);
  }

  /** Returns {distorted MSE, centralised MSE, hierarchical MSE over the given groups}, averaged. */
  private static double[] mse(int n, int groups) {
    boolean hierarchical = groups > 0;
    double[] out = new double[3];
    for (int rep = 0; rep < REPS; rep++) {
      double[] r = sample(n, rep);
      NoiseParameters noise = NoiseParameters.relativeTo(r, 1.0, 100.0);
      double[] d = noise.distortTrace(r, DeterministicRandomSource.fromSeed(100 + rep));
      BinnedDistribution truth = DistributionMetrics.histogram(grid, r);
      out[0] += DistributionMetrics.mse(DistributionMetrics.histogram(grid, d), truth) / REPS;
      out[1] += DistributionMetrics.mse(
          Reconstructor.reconstruct(d, noise, grid, ReconstructionOptions.DEFAULT).distribution(),
          truth) / REPS;
      if (hierarchical) {
        List<BinnedDistribution> locals = new ArrayList<>();
        int size = n / groups;
        for (int g = 0; g < groups; g++) {
          locals.add(Reconstructor.reconstruct(Arrays.copyOfRange(d, g * size, (g + 1) * size),
              noise, grid, ReconstructionOptions.DEFAULT).distribution());
        }
        out[2] += DistributionMetrics.mse(HierarchicalMerge.merge(locals), truth) / REPS;
      }
    }
    return out;
  }

  @Test
  void tenThousandHouseholds_reconstructionBeatsDistortedHistogramFiveFold_andHierarchyMatches() {
    double[] m = mse(10_000, true);
    System.out.printf("distortion accuracy (N=10000, K=53): distorted %.4f, centralised %.4f, "
        + "10-group %.4f%n", m[0], m[1], m[2]);
    assertTrue(m[1] * 5 <= m[0], "reconstruction MSE " + m[1] + " vs distorted " + m[0]);
    assertTrue(Math.abs(m[2] - m[1]) <= 0.10 * m[1], "hierarchical " + m[2] + " vs " + m[1]);
  }

  @Test
  void hierarchical_keepsAccuracy_overAWideRangeOfGroupCounts() {
    double central = mse(10_000, 2)[1];
    StringBuilder line = new StringBuilder("distortion accuracy by groups (N=10000): 1 " + central);
    for (int groups : new int[] {2, 5, 20}) {
      double h = mse(10_000, groups)[2];
      line.append(String.format(", %d %.4f", groups, h));
      assertTrue(Math.abs(h - central) <= 0.25 * central, groups + " groups: " + h + " vs " + central);
    }
    System.out.println(line);
  }

  @Test
  void strongerNoise_needsMoreIterations_forItsBestAccuracy() {
    double[] r = sample(10_000, 0);
    BinnedDistribution truth = DistributionMetrics.histogram(grid, r);
    int[] schedule = {10, 20, 40, 80, 160, 320, 640, 1280};
    StringBuilder line = new StringBuilder("distortion accuracy by iterations (Fig. 15):");
    int previousBest = 0;
    double[] bestMse = new double[3];
    double[] factors = {0.25, 1.0, 4.0};
    for (int f = 0; f < factors.length; f++) {
      NoiseParameters noise = NoiseParameters.relativeTo(r, factors[f], 100.0);
      double[] d = noise.distortTrace(r, DeterministicRandomSource.fromSeed(500 + f));
      ObservationHistogram h = ObservationHistogram.of(ObservationGrid.defaultFor(grid, noise), d);
      int best = 0;
      bestMse[f] = Double.MAX_VALUE;
      line.append(String.format("%n  sigma^2 = %.2f Var:", factors[f]));
      for (int it : schedule) {
        double m = DistributionMetrics.mse(Reconstructor.reconstruct(h, noise, grid,
            ReconstructionOptions.fixedIterations(it)).distribution(), truth);
        line.append(String.format(" %d:%.3f", it, m));
        if (m < bestMse[f]) {
          bestMse[f] = m;
          best = it;
        }
      }
      assertTrue(best >= previousBest, "the best iteration count grows with the noise");
      previousBest = best;
    }
    System.out.println(line);
    assertTrue(bestMse[0] < bestMse[1] && bestMse[1] < bestMse[2]);
  }

  @Test
  void mse_fallsAsHouseholdsGrow() {
    double small = mse(500, false)[1];
    double medium = mse(4_000, false)[1];
    double large = mse(20_000, false)[1];
    System.out.printf("distortion accuracy by N: 500 %.4f, 4000 %.4f, 20000 %.4f%n",
        small, medium, large);
    assertTrue(small > medium && medium > large, small + " > " + medium + " > " + large);
  }
}
