// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class BillingStateTest {
  private final BillingPlan plan = new BillingPlan(Tariff.flat(1000, 24), 10, 100, 2);

  @Test
  void readingOutOfRange_isRefused_stateUnchanged() throws Exception {
    BillingState s = BillingState.initial().accumulate(plan, 0, 5);
    assertViolation("DIST-V-01", () -> s.accumulate(plan, 1, 101));
    assertViolation("DIST-V-01", () -> s.accumulate(plan, 1, -1));
    assertEquals(5000, s.openTotal());
  }

  @Test
  void replayedOrOlderSlot_isRefused_neverCountedTwice() throws Exception {
    BillingState s = BillingState.initial().accumulate(plan, 3, 7);
    assertViolation("DIST-S-01", () -> s.accumulate(plan, 3, 7));
    assertViolation("DIST-S-01", () -> s.accumulate(plan, 2, 7));
    assertEquals(7000, s.accumulate(plan, 4, 0).openTotal());
  }

  @Test
  void cycleCloses_whenLaterCycleStarts_andQueriesAreIdempotent() throws Exception {
    BillingState s = BillingState.initial();
    for (long j = 0; j < 10; j++) {
      s = s.accumulate(plan, j, j);
    }
    BillingState open = s;
    assertViolation("DIST-S-02", () -> open.closedCycle(0));
    s = s.accumulate(plan, 10, 1);
    assertEquals(45_000, s.closedCycle(0).total());
    assertEquals(10, s.closedCycle(0).slots());
    assertEquals(s.closedCycle(0), s.closedCycle(0));
    assertEquals(1000, s.openTotal());
    assertViolation("DIST-S-02", () -> BillingState.initial().closedCycle(0));
  }

  @Test
  void skippedCycles_closeWithZero_andOnlyRetainedCyclesAnswer() throws Exception {
    BillingState s = BillingState.initial().accumulate(plan, 5, 2).accumulate(plan, 57, 3);
    assertEquals(5, s.openCycle());
    assertEquals(2, s.closed().size());
    assertEquals(0, s.closedCycle(4).total());
    assertEquals(0, s.closedCycle(3).slots());
    assertViolation("DIST-S-03", () -> s.closedCycle(0));
    assertViolation("DIST-S-03", () -> s.closedCycle(-1));
  }

  @Test
  void planBounds_areRefused() {
    Tariff t = Tariff.flat(1000, 24);
    assertRefused("DIST-P-06", () -> new BillingPlan(t, 0, 100, 1));
    assertRefused("DIST-P-06", () -> new BillingPlan(t, 10, 0, 1));
    assertRefused("DIST-P-06", () -> new BillingPlan(t, 10, (1L << 52) + 1, 1));
    assertRefused("DIST-P-06", () -> new BillingPlan(t, 10, 100, 0));
    assertRefused("DIST-P-06", () -> new BillingPlan(t, 10, 100, 17));
    assertRefused("DIST-P-06", () -> new BillingPlan(t, Long.MAX_VALUE / 1000, 100, 1));
  }

  @Test
  void toString_hidesTotals() throws Exception {
    BillingState s = BillingState.initial().accumulate(plan, 0, 77);
    assertFalse(s.toString().contains("77000"));
    assertFalse(s.accumulate(plan, 10, 1).closed().get(0).toString().contains("77000"));
  }
}
