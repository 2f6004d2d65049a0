// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.NoiseParameters;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import org.junit.jupiter.api.Test;

class ReconstructionProperties {
  /** Both forms return a probability vector over the grid and agree on what they exclude. */
  /** The noise N(mu, sigma^2). */
  record Noise(double sigma, double mu) {}

  /** The grid's bins and the number of observations. */
  record Shape(int bins, int observations) {}

  @Test
  void bothForms_returnDistributions_andAgreeOnExclusions() {
    Gen<Noise> noise = Gens.doubles(1.0, 500.0).zip(Gens.doubles(-200.0, 200.0), Noise::new);
    Pbt.property()
        .forAll(Gens.integers(2, 40).zip(Gens.integers(0, 400), Shape::new), noise,
            Gens.integers(1, 30), Gens.longs(0, 1000))
        .check((shape, n, iterations, seed) -> agreeOnExclusions(
            shape.bins(), shape.observations(), n.sigma(), n.mu(), iterations, seed));
  }

  private static void agreeOnExclusions(
      int bins, int observations, double sigma, double mu, int iterations, long seed) {
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
