// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CmtGroupTest {
  @Test
  void fullRound_bothPaths_decryptThePlaintextSum() throws Exception {
    for (int n : new int[] {2, 3, 10, 1000}) {
      CmtGroup g = new CmtGroup(n);
      long expected = 0;
      for (long r : g.readings) {
        expected += r;
      }
      assertEquals(expected, g.fullRound(1));
      for (int threads = 1; threads <= 3; threads++) {
        try (Parallel p = new Parallel(threads)) {
          assertEquals(expected, g.fullRound(2 + threads, p));
        }
      }
    }
  }

  @Test
  void check_refusesAWrongSum() {
    CmtGroup g = new CmtGroup(4);
    assertThrows(IllegalStateException.class, () -> g.check(g.expectedSum + 1));
  }
}
