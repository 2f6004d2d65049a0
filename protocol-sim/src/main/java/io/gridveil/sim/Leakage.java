// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.distortion.NoiseParameters;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.DistributionMetrics;
import io.gridveil.distortion.reconstruction.Reconstruction;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import io.gridveil.distortion.reconstruction.Reconstructor;
import io.gridveil.leakage.attack.MeanFilter;
import io.gridveil.leakage.attack.NonLocalMeans;
import io.gridveil.leakage.defence.BatteryModel;
import io.gridveil.leakage.metric.FeatureRecovery;
import io.gridveil.leakage.metric.Nilm;
import io.gridveil.sim.distortion.DistortionDriver;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.report.LeakageReport;
import io.gridveil.sim.run.DistortionData;
import io.gridveil.sim.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The leakage analysis of a distortion run (spec/sim.md §5.2), with protocol-leakage's attacks
 * and protocol-distortion's reconstruction: NILM EF/TF on household 0 after each de-noising
 * filter and under the battery model, and the distribution reconstructed from the pooled
 * distorted readings.
 */
final class Leakage {
  /** Mean filter half-width L: a window of 5 rounds. */
  static final int MEAN_HALF_WIDTH = 2;

  /** Non-local means patch half-width P. */
  static final int NLM_PATCH = 2;

  /** Non-local means search half-width R. */
  static final int NLM_SEARCH = 10;

  /** Battery of the comparison: 5 kWh usable, 3 kW, ideal (protocol-leakage BatteryModel.ideal). */
  static final double BATTERY_KWH = 5.0;

  /** The battery's largest charge and discharge power, kW. */
  static final double BATTERY_KW = 3.0;

  /** Bins of the distribution plots and metrics. */
  static final int BINS = 40;

  private Leakage() {}

  static Optional<LeakageReport> analyse(RunResult result, SchemeDriver driver) {
    if (result.distortion().isEmpty() || !(driver instanceof DistortionDriver d)) {
      return Optional.empty();
    }
    DistortionData data = result.distortion().get();
    int interval = result.config().intervalMinutes();
    double[] trueWh = toDouble(data.householdTrue());
    return Optional.of(
        analyse(trueWh, data.householdDistorted(), interval, d.noise(), data.pooledTrue(), data.pooledDistorted()));
  }

  /**
   * Runs the attacks on one household and the reconstruction on a pooled sample.
   *
   * @param trueWh the household's true readings, Wh per round
   * @param distortedWh its distorted readings
   * @param intervalMinutes the round length
   * @param noise the noise the meters used, in Wh
   * @param pooledTrue true readings of many meters and rounds, Wh
   * @param pooledDistorted their distorted readings
   * @return the report
   */
  static LeakageReport analyse(
      double[] trueWh,
      double[] distortedWh,
      int intervalMinutes,
      NoiseParameters noise,
      double[] pooledTrue,
      double[] pooledDistorted) {
    double toWatts = 60.0 / intervalMinutes;
    double[] x = scale(trueWh, toWatts);
    double[] dist = scale(distortedWh, toWatts);
    double sigmaWatts = noise.sigma() * toWatts;
    Nilm nilm = Nilm.DEFAULT;
    List<LeakageReport.Metric> metrics = new ArrayList<>();
    String nilmDetail = String.format(Locale.ROOT, "NILM edges of %.0f W over %d rounds",
        Nilm.DEFAULT_THRESHOLD_WATTS, x.length);
    FeatureRecovery raw = nilm.compare(x, dist);
    metrics.add(new LeakageReport.Metric("EF/TF, distorted trace as received", raw.ratio(),
        "TF " + raw.totalFeatures() + ", " + nilmDetail));
    double[] mean = MeanFilter.apply(dist, MEAN_HALF_WIDTH);
    FeatureRecovery mf = nilm.compare(x, mean);
    metrics.add(new LeakageReport.Metric("EF/TF after the mean filter", mf.ratio(),
        "window " + (2 * MEAN_HALF_WIDTH + 1)));
    double[] nlm =
        new NonLocalMeans(NLM_PATCH, NLM_SEARCH, Math.max(1.0, sigmaWatts), sigmaWatts).apply(dist);
    FeatureRecovery nl = nilm.compare(x, nlm);
    metrics.add(new LeakageReport.Metric("EF/TF after non-local means", nl.ratio(),
        "P " + NLM_PATCH + ", R " + NLM_SEARCH + ", h = sigma"));
    double[] battery = BatteryModel.ideal(BATTERY_KWH, BATTERY_KW).apply(x, intervalMinutes).meterWatts();
    FeatureRecovery bt = nilm.compare(x, battery);
    metrics.add(new LeakageReport.Metric("EF/TF under the battery model (no distortion)", bt.ratio(),
        BATTERY_KWH + " kWh, " + BATTERY_KW + " kW, ideal"));
    boolean meanStronger = mf.ratio() > nl.ratio();
    double[] best = meanStronger ? mean : nlm;
    String bestName = meanStronger ? "mean filter" : "non-local means";

    double upper = 1;
    for (double v : pooledTrue) {
      upper = Math.max(upper, v);
    }
    BinGrid grid = new BinGrid(0, Math.ceil(upper * 1.0001) + 1, BINS);
    BinnedDistribution truth = DistributionMetrics.histogram(grid, pooledTrue);
    BinnedDistribution observed = DistributionMetrics.histogram(grid, pooledDistorted);
    double[] rec = new double[BINS];
    if (pooledDistorted.length > 0) {
      Reconstruction r =
          Reconstructor.reconstruct(pooledDistorted, noise, grid, ReconstructionOptions.DEFAULT);
      rec = r.distribution().probabilities();
      metrics.add(new LeakageReport.Metric("reconstruction MSE (squared percentage points)",
          DistributionMetrics.mse(truth, r.distribution()),
          r.iterations() + " EM iterations over " + pooledDistorted.length + " readings, " + BINS + " bins"));
      metrics.add(new LeakageReport.Metric("reconstruction L1 distance", DistributionMetrics.l1(truth, r.distribution()),
          "distorted histogram: " + String.format(Locale.ROOT, "%.3f", DistributionMetrics.l1(truth, observed))));
    }
    double[] centres = new double[BINS];
    for (int p = 0; p < BINS; p++) {
      centres[p] = grid.midpoint(p);
    }
    return new LeakageReport(metrics, bestName, scale(best, 1 / toWatts), centres,
        truth.probabilities(), observed.probabilities(), rec);
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * f;
    }
    return out;
  }

  static double[] toDouble(long[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
