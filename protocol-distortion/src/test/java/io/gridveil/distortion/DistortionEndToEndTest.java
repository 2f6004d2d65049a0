// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meters, collectors and the utility behind authenticated endpoints (spec/distortion.md §13),
 * without an attacker: on a perfect network every slot is reconstructed from every reading and
 * every bill arrives exact at the first query; on a network that drops, duplicates, delays and
 * reorders, what is published is still exact over the readings that arrived, and no bill is
 * counted twice.
 */
class DistortionEndToEndTest {
  @Test
  void perfectNetwork_everySlotFromEveryReading_everyBillExactAtFirstQuery() throws Exception {
    Neighbourhood n = new Neighbourhood(3, 3, FaultPlan.NONE, 0, 11);
    n.run();
    assertEquals(n.readingsSent(), n.assertSound(), "every reading counted");
    for (DistortionEvent.LocalReconstructed l : n.locals().values()) {
      assertEquals(3, l.distribution().count());
    }
    for (DistortionEvent.DistributionReconstructed m : n.merged()) {
      assertEquals(3, m.reporting().size());
      assertEquals(9, m.distribution().count());
    }
    Map<MeterId, DistortionEvent.BillReceived> bills = n.bills();
    assertEquals(n.meters.keySet(), bills.keySet());
    for (MeterId id : n.meters.keySet()) {
      assertEquals(n.trueBillExact(id).longValueExact(), bills.get(id).total());
    }
    // Only the structural refusals of the shared collector address: each reading reaches the
    // two collectors of the other groups, which refuse it as not theirs.
    assertEquals(Map.of("AUTH-V-07", n.readingsSent() * 2), n.network.rejections());
    assertEquals(0, n.network.replaysAccepted());
  }

  @Test
  void faultyNetwork_publishedDistributionsAndBillsStayExact() throws Exception {
    Neighbourhood n =
        new Neighbourhood(2, 12, new FaultPlan(0.1, 0.3, 0.2, 2, true), 0, 77).run();
    long counted = n.assertSound();
    assertTrue(counted < n.readingsSent(), "drops made some slot incomplete: " + counted);
    assertTrue(n.bills().size() > 0);
    assertTrue(n.network.rejections().getOrDefault("AUTH-V-08", 0) > 0,
        "duplicated frames are refused as replays");
    assertEquals(0, n.network.replaysAccepted());
  }
}
