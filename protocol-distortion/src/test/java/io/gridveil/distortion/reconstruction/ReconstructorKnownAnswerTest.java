// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.distortion.NoiseParameters;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EM iteration of spec/distortion.md §5.3 against the independent Python computation. */
class ReconstructorKnownAnswerTest {
  /** The absolute tolerance that em.json declares (spec/distortion.md §5.8). */
  private static final double TOLERANCE = Double.parseDouble(
      Vectors.parameters("distortion/em.json").object("tolerance").get("absolute").toString());

  @Test
  void emIterates_matchIndependentComputation() {
    List<Vector> vectors = Vectors.load("distortion/em.json");
    assertEquals(2, vectors.size());
    for (Vector v : vectors) {
      BinGrid grid = new BinGrid(d(v, "lower"), d(v, "upper"), (int) v.longValue("bins"));
      NoiseParameters noise = new NoiseParameters(d(v, "mu"), d(v, "sigma"));
      ObservationGrid og =
          new ObservationGrid(d(v, "obsLower"), d(v, "obsWidth"), (int) v.longValue("obsBins"));
      List<?> obs = v.list("observations");
      double[] x = new double[obs.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = Double.parseDouble((String) obs.get(i));
      }
      ObservationHistogram h = ObservationHistogram.of(og, x);
      List<?> iterates = v.list("iterates");
      for (int k = 1; k <= iterates.size(); k++) {
        Reconstruction r =
            Reconstructor.reconstruct(h, noise, grid, ReconstructionOptions.fixedIterations(k));
        assertEquals(k, r.iterations());
        List<?> expected = (List<?>) iterates.get(k - 1);
        for (int p = 0; p < grid.bins(); p++) {
          assertEquals(Double.parseDouble((String) expected.get(p)),
              r.distribution().probability(p), TOLERANCE, "iteration " + k + " bin " + p);
        }
        Reconstruction s =
            PerSampleReconstructor.reconstruct(x, noise, grid, ReconstructionOptions.fixedIterations(k));
        for (int p = 0; p < grid.bins(); p++) {
          assertEquals(Double.parseDouble((String) expected.get(p)),
              s.distribution().probability(p), TOLERANCE, "per-sample iteration " + k + " bin " + p);
        }
      }
    }
  }

  private static double d(Vector v, String name) {
    return Double.parseDouble(v.string(name));
  }
}
