// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.blinding.KeySize;
import io.gridveil.sim.blinding.BlindingDriver;
import io.gridveil.distortion.NoiseParameters;
import io.gridveil.sim.cmt.CmtDriver;
import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.distortion.DistortionDriver;
import io.gridveil.sim.ddh.DdhDriver;
import io.gridveil.sim.ddh.PsaDriver;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.run.SimulationConfig;
import java.io.PrintWriter;

/** The program's drivers, one per scheme (spec/sim.md §4.1). */
final class Drivers {
  private Drivers() {}

  static SchemeDriver create(
      Scheme scheme, SimulationConfig config, DriverSettings settings, LoadSet loads, PrintWriter out)
      throws UsageException {
    return switch (scheme) {
      case CMT -> new CmtDriver();
      case BLINDING -> {
        KeySize size =
            KeySize.ofBits(settings.paillierBits())
                .orElseThrow(() -> new UsageException("--paillier-bits must be 2048 or 3072"));
        out.println("blinding: generating one " + size.bits() + "-bit Paillier key pair for the run (once per run; this takes a few seconds)...");
        out.flush();
        yield BlindingDriver.generate(size, config.seed());
      }
      case DDH -> new DdhDriver();
      case PSA -> new PsaDriver();
      case DISTORTION -> {
        // The round length was checked against the per-day tariff before the run (SchemeLimits).
        double sigma = Math.max(1.0, settings.sigmaRatio() * readingStdDev(loads, config.rounds()));
        yield new DistortionDriver(new NoiseParameters(0, sigma), settings.sigmaRatio());
      }
    };
  }

  /** The population standard deviation of the readings of up to 500 households, in Wh. */
  static double readingStdDev(LoadSet loads, int rounds) {
    int h = Math.min(500, loads.households());
    long[] trace = new long[rounds];
    double sum = 0;
    double sumSq = 0;
    long count = 0;
    for (int k = 0; k < h; k++) {
      loads.trace(k, trace);
      for (long v : trace) {
        sum += v;
        sumSq += (double) v * v;
        count++;
      }
    }
    double mean = sum / count;
    return Math.sqrt(Math.max(0, sumSq / count - mean * mean));
  }
}
