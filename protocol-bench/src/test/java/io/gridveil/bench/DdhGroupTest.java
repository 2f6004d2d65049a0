// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.ddh.psa.PsaDiscreteLog;
import org.junit.jupiter.api.Test;

class DdhGroupTest {
  @Test
  void supplier_decryptsTheGroupsPlaintextSum() throws Exception {
    for (int n : new int[] {3, 4, 50}) {
      DdhGroup g = new DdhGroup(n);
      long expected = 0;
      for (var r : g.readings) {
        expected += r.value();
      }
      assertEquals(expected, g.decryptChecked());
    }
  }

  @Test
  void counter_seesOnePrfCallPerMeterAtTheSupplierAndThreeAtAMeter() throws Exception {
    CountingAesProvider.install();
    DdhGroup g = new DdhGroup(20);
    CountingAesProvider.reset();
    g.decryptChecked();
    assertEquals(20, CountingAesProvider.blocks());
    CountingAesProvider.reset();
    g.meters[3].encrypt(new io.gridveil.core.Round(9), g.readings[3]);
    assertEquals(3, CountingAesProvider.blocks());
  }

  @Test
  void psaParameters_spanTenToTheTen() {
    assertEquals(DdhBench.PSA_RANGE + 1, DdhBench.psaParameters().width());
    PsaDiscreteLog small = PsaDiscreteLog.build(1000);
    assertEquals(999, small.log(PsaDiscreteLog.power(999)).orElseThrow());
  }
}
