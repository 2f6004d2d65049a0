// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec/cmt.md §8 item 9, the epoch collision after a complete turnover: the case the network
 * property found (pbt seed 44), replayed step by step. It pins today's behaviour: the new ring
 * reuses the supplier's epoch number, the supplier keeps the old ring's key, and the rounds are
 * void, never wrong. When the liveness gap is closed this test changes with the spec.
 */
class CmtTurnoverTest {
  @Test
  void everyMemberThatKnewTheEpochLeaves_theNewRingCollides_andItsRoundsAreVoidNeverWrong() {
    CmtGroupDriver d = new CmtGroupDriver(CmtNetworkProperties.PARAMS,
        new FaultPlan(0.0, 0.0, 0.0, 0, true), -81);
    d.join();
    d.join();
    d.join();
    assertTrue(d.settle(8));
    MeterId down = d.live().get(2);
    d.fail(down);
    assertTrue(d.settle(8), "the two others re-key without it");
    assertInstanceOf(RoundOutcome.Exact.class, d.round(zeros(d.live())).orElseThrow());
    long supplierEpoch = d.supplier().epoch();
    d.join();
    d.recover(down);
    List<MeterId> old = d.live().subList(0, 2);
    d.leave(old.get(0));
    d.leave(old.get(1));
    d.settle(8);
    MeterId lc = d.lcs().get(0);
    assertEquals(down, lc, "the recovered meter, which last saw an older epoch, leads the new ring");
    assertTrue(d.meter(lc).keyedEpoch() <= supplierEpoch,
        "the new ring's epoch does not exceed the supplier's: " + d.dump());
    assertEquals(supplierEpoch, d.supplier().epoch(), "the supplier refused the new ring's key");
    assertTrue(!d.stable(), "so the driver does not call the group settled");
    RoundOutcome o = d.round(zeros(d.live())).orElseThrow();
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, o, "void, never wrong");
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
    assertNotEquals(0, d.rejections().getOrDefault("AUTH-V-05", 0),
        "the new ring's reading frames are refused under the supplier's old keyring");
  }

  private static Map<MeterId, Long> zeros(List<MeterId> ids) {
    Map<MeterId, Long> r = new HashMap<>();
    for (MeterId id : ids) {
      r.put(id, 0L);
    }
    return r;
  }
}
