// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.blinding.KeySize;
import io.gridveil.sim.blinding.BlindingDriver;
import io.gridveil.sim.cmt.CmtDriver;
import io.gridveil.sim.ddh.DdhDriver;
import io.gridveil.sim.ddh.PsaDriver;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.run.SimulationConfig;
import java.io.PrintWriter;

/** The program's drivers, one per scheme (spec/sim.md §4.1). */
final class Drivers {
  private Drivers() {}

  static SchemeDriver create(Scheme scheme, SimulationConfig config, DriverSettings settings, PrintWriter out)
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
      default -> throw new UsageException("scheme " + scheme.id() + " is not available in this build yet");
    };
  }
}
