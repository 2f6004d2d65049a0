// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.household.HouseholdGenerator;
import io.gridveil.distortion.household.HouseholdProfile;
import io.gridveil.leakage.attack.LongTermAveraging;
import io.gridveil.leakage.attack.MeanFilter;
import io.gridveil.leakage.attack.NonLocalMeans;
import io.gridveil.leakage.metric.FeatureRecovery;
import io.gridveil.leakage.metric.Nilm;
import io.gridveil.leakage.metric.TraceMetrics;
import org.junit.jupiter.api.Test;

/**
 * The privacy evaluation of seed 002 §VI-C with protocol-leakage's attacks (spec/distortion.md
 * §9.2): de-noising by the linear mean and non-local means filters, then NILM edge extraction at
 * 0.3 kW, on synthetic days at 10-minute resolution, and long-term averaging over 349 days.
 */
class DistortionPrivacyTest {
  private static final int HOUSEHOLDS = 20;
  private static final int SLOTS = 144;

  /**
   * Sums the feature counts of every household for one attack at one noise level. With
   * {@code blind}, household h's original is compared with the attacked trace of household h + 1:
   * the matches an attacker gets by chance, with no information about h.
   */
  private static int[] evaluate(double varianceFactor, int attack, boolean blind) {
    RandomSource rng = DeterministicRandomSource.fromSeed(349);
    double[][] originals = new double[HOUSEHOLDS][];
    double[][] attacked = new double[HOUSEHOLDS][];
    for (int h = 0; h < HOUSEHOLDS; h++) {
      HouseholdProfile p = HouseholdGenerator.drawProfile(rng);
      double[] r = HouseholdGenerator.day(p, 5, 10, rng);
      NoiseParameters noise = NoiseParameters.relativeTo(r, varianceFactor, 0.0);
      double[] d = noise.distortTrace(r, rng);
      originals[h] = r;
      attacked[h] = switch (attack) {
        case 0 -> d;
        case 1 -> MeanFilter.apply(d, 1);
        case 2 -> new NonLocalMeans(2, 12, noise.sigma(), noise.sigma()).apply(d);
        default -> r;
      };
    }
    int[] sum = new int[4];
    for (int h = 0; h < HOUSEHOLDS; h++) {
      FeatureRecovery f =
          Nilm.DEFAULT.compare(originals[h], attacked[blind ? (h + 1) % HOUSEHOLDS : h]);
      sum[0] += f.totalFeatures();
      sum[1] += f.effectiveFeatures();
      sum[2] += f.extractedFeatures();
      sum[3] += f.falseFeatures();
    }
    return sum;
  }

  private static String row(String name, int[] s) {
    return String.format("%-26s TF %4d  extracted %4d  EF %4d  EF/TF %.3f  false %4d", name, s[0],
        s[2], s[1], (double) s[1] / s[0], s[3]);
  }

  @Test
  void denoisingThenNilm_recoversOnlyASmallFractionOfFeatures() {
    int[] original = evaluate(1.0, 3, false);
    assertEquals(original[0], original[1], "NILM on the true trace finds every feature");
    System.out.println(row("original", original));
    String[] names = {"distorted", "mean filter (L=1)", "NLM (P=2, R=12)"};
    for (double factor : new double[] {1.0, 1.5}) {
      for (int attack = 0; attack < 3; attack++) {
        int[] s = evaluate(factor, attack, false);
        int[] chance = evaluate(factor, attack, true);
        System.out.println(row(names[attack] + " " + factor + " Var", s));
        System.out.println(row("  blind control", chance));
        double ef = (double) s[1] / s[0];
        double blind = (double) chance[1] / chance[0];
        // Most extracted features are fabricated ...
        assertTrue(s[3] > s[1], "false features must outnumber the recovered ones");
        if (attack == 0) {
          // ... raw distortion fabricates many more features than the day has ...
          assertTrue(s[2] > 3 * original[0]);
          assertTrue((double) s[1] / s[2] < 0.15, "precision of raw NILM");
        } else {
          // ... and after de-noising only a small fraction is recovered, most of what the attacker
          // extracts is false, though it beats an attacker with another household's trace: the
          // large-appliance edges (kettle, cooking, several sigma high) survive (spec §9.4).
          assertTrue(ef < 0.4, "EF/TF " + ef);
          assertTrue((double) s[1] / s[2] < 0.3, "precision " + (double) s[1] / s[2]);
          assertTrue(ef > blind, "EF/TF " + ef + " vs blind " + blind);
        }
      }
    }
  }

  @Test
  void smallNoise_wouldNotProtect_soTheMetricDiscriminates() {
    int[] weak = evaluate(0.001, 0, false);
    assertTrue((double) weak[1] / weak[0] > 0.9, row("weak noise, raw", weak));
  }

  @Test
  void averaging349Days_recoversOnlyTheSmoothedDailyProfile() {
    RandomSource rng = DeterministicRandomSource.fromSeed(2007);
    HouseholdProfile p = HouseholdGenerator.drawProfile(rng);
    int days = 349;
    double[] r = HouseholdGenerator.days(p, 0, days, 10, rng);
    NoiseParameters noise = NoiseParameters.relativeTo(r, 1.0, 0.0);
    double[] d = noise.distortTrace(r, rng);
    double[] averagedDistorted = LongTermAveraging.dailyProfile(d, SLOTS);
    double[] averagedOriginal = LongTermAveraging.dailyProfile(r, SLOTS);
    double var = noise.sigma() * noise.sigma();
    // The distortion averages out (MSE near sigma^2 / 349) ...
    double mse = TraceMetrics.mse(averagedDistorted, averagedOriginal);
    assertTrue(mse < 2.0 * var / days, "mse " + mse + " vs " + var / days);
    // ... but the averaged profile has lost the days' variation and their features.
    double dayVariance = 0;
    int dayFeatures = 0;
    int recovered = 0;
    for (int k = 0; k < days; k++) {
      double[] day = java.util.Arrays.copyOfRange(r, k * SLOTS, (k + 1) * SLOTS);
      dayVariance += NoiseParameters.populationVariance(day) / days;
      FeatureRecovery f = Nilm.DEFAULT.compare(day, averagedDistorted);
      dayFeatures += f.totalFeatures();
      recovered += f.effectiveFeatures();
    }
    double profileVariance = NoiseParameters.populationVariance(averagedDistorted);
    System.out.printf("349-day averaging: profile variance %.0f vs daily %.0f W^2; EF/TF %.3f%n",
        profileVariance, dayVariance, (double) recovered / dayFeatures);
    assertTrue(profileVariance < 0.5 * dayVariance);
    assertTrue((double) recovered / dayFeatures < 0.1);
  }
}
