// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.NoiseParameters;
import org.junit.jupiter.api.Test;

class ReconstructorTest {
  /** A two-component mixture, the kind of shape a neighbourhood's evening load has. */
  private static double[] mixture(int n, RandomSource rng) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = rng.nextUnitDouble() < 0.7 ? 300 + 60 * rng.nextGaussian() : 1500 + 200 * rng.nextGaussian();
      r[i] = Math.max(0, Math.min(2499, r[i]));
    }
    return r;
  }

  @Test
  void binned_matchesPerSample_withinL1OfOneThousandth() {
    RandomSource rng = DeterministicRandomSource.fromSeed(7);
    double[] r = mixture(10_000, rng);
    NoiseParameters noise = NoiseParameters.relativeTo(r, 1.0, 100.0);
    double[] d = noise.distortTrace(r, rng);
    BinGrid grid = new BinGrid(0, 2500, 100);
    ReconstructionOptions o = ReconstructionOptions.fixedIterations(40);
    Reconstruction binned = Reconstructor.reconstruct(d, noise, grid, o);
    Reconstruction sample = PerSampleReconstructor.reconstruct(d, noise, grid, o);
    double l1 = DistributionMetrics.l1(binned.distribution(), sample.distribution());
    assertTrue(l1 < 1e-3, "L1 " + l1);
    assertEquals(10_000, binned.distribution().count());
    assertEquals(10_000, sample.distribution().count());
  }

  @Test
  void reconstruction_ofSharpMixture_beatsDistortedHistogram() {
    RandomSource rng = DeterministicRandomSource.fromSeed(8);
    double[] r = mixture(50_000, rng);
    NoiseParameters noise = NoiseParameters.relativeTo(r, 1.0, 100.0);
    double[] d = noise.distortTrace(r, rng);
    BinGrid grid = new BinGrid(0, 2500, 50);
    BinnedDistribution truth = DistributionMetrics.histogram(grid, r);
    Reconstruction rec = Reconstructor.reconstruct(d, noise, grid, ReconstructionOptions.DEFAULT);
    assertTrue(rec.converged());
    double before = DistributionMetrics.mse(DistributionMetrics.histogram(grid, d), truth);
    double after = DistributionMetrics.mse(rec.distribution(), truth);
    assertTrue(after * 2 < before, before + " -> " + after);
    double sum = 0;
    for (double p : rec.distribution().probabilities()) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void observationsOutsideWindow_areExcludedAndCounted() {
    NoiseParameters noise = new NoiseParameters(0, 10);
    BinGrid grid = new BinGrid(0, 100, 10);
    double[] d = {50, 55, 60, 100 + 10 * 10 + 1, -10 * 10 - 1, Double.NaN};
    Reconstruction binned = Reconstructor.reconstruct(d, noise, grid, ReconstructionOptions.DEFAULT);
    Reconstruction sample = PerSampleReconstructor.reconstruct(d, noise, grid, ReconstructionOptions.DEFAULT);
    assertEquals(3, binned.excluded());
    assertEquals(3, sample.excluded());
    assertEquals(3, binned.distribution().count());
  }

  @Test
  void noObservations_giveUniformWithCountZero() {
    NoiseParameters noise = new NoiseParameters(0, 10);
    BinGrid grid = new BinGrid(0, 100, 4);
    Reconstruction r = Reconstructor.reconstruct(new double[0], noise, grid, ReconstructionOptions.DEFAULT);
    assertEquals(0, r.iterations());
    assertFalse(r.converged());
    assertEquals(0.25, r.distribution().probability(3));
    assertEquals(0, r.distribution().count());
  }

  @Test
  void iterationCap_isHonoured() {
    RandomSource rng = DeterministicRandomSource.fromSeed(9);
    double[] r = mixture(2000, rng);
    NoiseParameters noise = NoiseParameters.relativeTo(r, 1.0, 0.0);
    Reconstruction rec = Reconstructor.reconstruct(noise.distortTrace(r, rng), noise,
        new BinGrid(0, 2500, 20), new ReconstructionOptions(0.0, 7));
    assertEquals(7, rec.iterations());
    assertFalse(rec.converged());
  }

  @Test
  void gridAndOptions_outOfRange_areRefused() {
    assertRefused("DIST-P-07", () -> new BinGrid(0, 1, 1));
    assertRefused("DIST-P-07", () -> new BinGrid(0, 1, 10_001));
    assertRefused("DIST-P-07", () -> new BinGrid(1, 1, 10));
    assertRefused("DIST-P-07", () -> new BinGrid(0, Double.POSITIVE_INFINITY, 10));
    assertRefused("DIST-P-07", () -> new BinGrid(-Double.MAX_VALUE, Double.MAX_VALUE, 10));
    assertRefused("DIST-P-08", () -> new ObservationGrid(0, 0, 10));
    assertRefused("DIST-P-08", () -> new ObservationGrid(0, 1, ObservationGrid.MAX_BINS + 1));
    assertRefused("DIST-P-08", () -> ObservationGrid.covering(new BinGrid(0, 1000, 100),
        new NoiseParameters(0, 10), 1e-4));
    assertRefused("DIST-P-09", () -> new ReconstructionOptions(-1, 10));
    assertRefused("DIST-P-09", () -> new ReconstructionOptions(Double.NaN, 10));
    assertRefused("DIST-P-09", () -> new ReconstructionOptions(0.01, 0));
    assertRefused("DIST-P-09", () -> new ReconstructionOptions(0.01, 100_001));
  }

  @Test
  void defaultObservationGrid_staysWithinMatrixBound_forManyBins() {
    BinGrid grid = new BinGrid(0, 10_000, 10_000);
    ObservationGrid og = ObservationGrid.defaultFor(grid, new NoiseParameters(0, 2000));
    assertTrue((long) og.bins() * grid.bins() <= ObservationGrid.MAX_CELLS);
    assertTrue(og.lower() <= -10 * 2000 && og.lower() + og.width() * og.bins() >= 10_000 + 20_000);
  }

  @Test
  void binOf_respectsEdgesExactly() {
    BinGrid grid = new BinGrid(0, 1, 3);
    assertEquals(0, grid.binOf(0));
    assertEquals(0, grid.binOf(Math.nextDown(grid.edge(1))));
    assertEquals(1, grid.binOf(grid.edge(1)));
    assertEquals(2, grid.binOf(Math.nextDown(1.0)));
    assertEquals(-1, grid.binOf(1.0));
    assertEquals(-1, grid.binOf(-1e-300));
  }
}
