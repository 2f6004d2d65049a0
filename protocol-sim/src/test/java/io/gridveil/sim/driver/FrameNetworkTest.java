// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.message.Address;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import org.junit.jupiter.api.Test;

/** The group network's clock in ticks (spec/sim.md §4.2). */
class FrameNetworkTest {
  private static FrameNetwork network(FaultPlan plan) {
    return new FrameNetwork(plan, DeterministicRandomSource.fromSeed(7L), new CostLedger());
  }

  @Test
  void tick_withoutFaults_deliversAtTheNextTickWellBeforeTheDeadline() {
    FrameNetwork n = network(FaultPlan.NONE);
    n.send(Role.METER, Address.SUPPLIER, new byte[] {1});
    assertEquals(0, n.now());
    assertEquals(1, n.tick().size());
    assertEquals(1, n.now());
    assertTrue(n.idle());
  }

  @Test
  void tick_delayedFrames_arriveUpToTLater_someAfterTheDeadline() {
    FrameNetwork n = network(new FaultPlan(0, 0, 1, FrameNetwork.MAX_DELAY_TICKS, false));
    for (int i = 0; i < 200; i++) {
      n.send(Role.METER, Address.SUPPLIER, new byte[] {1});
    }
    int late = 0;
    int delivered = 0;
    while (!n.idle()) {
      for (Delivery<byte[]> d : n.tick()) {
        delivered++;
        assertTrue(n.now() >= 2 && n.now() <= 1 + FrameNetwork.MAX_DELAY_TICKS, "tick " + n.now());
        if (n.now() >= FrameNetwork.DEADLINE_TICKS) {
          late++;
        }
      }
    }
    assertEquals(200, delivered);
    assertTrue(late > 0 && late < 200, "late " + late);
  }

  @Test
  void create_delayBeyondTheDocumentedRange_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> network(new FaultPlan(0, 0, 0.5, FrameNetwork.MAX_DELAY_TICKS + 1, false)));
  }
}
