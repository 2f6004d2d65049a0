// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.NoiseParameters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ReconstructionProperties {
  /** Both forms return a probability vector over the grid and agree on what they exclude. */
  @Property
  void bothForms_returnDistributions_andAgreeOnExclusions(
      @ForAll @IntRange(min = 2, max = 40) int bins,
      @ForAll @IntRange(min = 0, max = 400) int observations,
      @ForAll @DoubleRange(min = 1.0, max = 500.0) double sigma,
      @ForAll @DoubleRange(min = -200.0, max = 200.0) double mu,
      @ForAll @IntRange(min = 1, max = 30) int iterations,
      @ForAll @LongRange(min = 0, max = 1000) long seed) {
    RandomSource rng = DeterministicRandomSource.fromSeed(seed);
    BinGrid grid = new BinGrid(0, 1000, bins);
    NoiseParameters noise = new NoiseParameters(mu, sigma);
    double[] d = new double[observations];
    for (int i = 0; i < observations; i++) {
      // Mostly proper observations, some far outside the window.
      d[i] = rng.nextUnitDouble() < 0.05 ? 1e7 : 1000 * rng.nextUnitDouble() + mu + sigma * rng.nextGaussian();
    }
    ReconstructionOptions o = ReconstructionOptions.fixedIterations(iterations);
    Reconstruction b = Reconstructor.reconstruct(d, noise, grid, o);
    Reconstruction s = PerSampleReconstructor.reconstruct(d, noise, grid, o);
    for (Reconstruction r : new Reconstruction[] {b, s}) {
      double sum = 0;
      for (double p : r.distribution().probabilities()) {
        assertTrue(p >= 0 && p <= 1);
        sum += p;
      }
      assertEquals(1.0, sum, 1e-9);
      assertEquals(observations, r.distribution().count() + r.excluded());
    }
    assertEquals(s.excluded(), b.excluded());
    assertEquals(s.distribution().count(), b.distribution().count());
    assertEquals(b.distribution().count() > 0 ? iterations : 0, b.iterations());
  }
}
