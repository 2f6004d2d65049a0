// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.network.FaultPlan;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FaultSpecTest {
  @Test
  void parse_everyFault_setsEveryField() {
    FaultSpec f = FaultSpec.parse("drop=0.01, duplicate=0.02,delay=0.1:3,reorder,fail=0.05,lc-fail=40");
    assertEquals(new FaultPlan(0.01, 0.02, 0.1, 3, true), f.network());
    assertEquals(0.05, f.meterFailure());
    assertEquals(OptionalInt.of(40), f.concentratorFailureRound());
    assertEquals("drop=0.01,duplicate=0.02,delay=0.1:3,reorder,fail=0.05,lc-fail=40", f.describe());
  }

  @Test
  void parse_delayWithoutTicks_holdsBackUpToTwoTicks() {
    assertEquals(2, FaultSpec.parse("delay=0.5").network().maxDelayTicks());
  }

  @Test
  void parse_none_isNoFault() {
    assertTrue(FaultSpec.parse("none").none());
    assertTrue(FaultSpec.parse("").none());
    assertEquals("none", FaultSpec.NONE.describe());
  }

  @Test
  void parse_badItems_areRefusedWithTheirName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("drop=2"))
        .getMessage().startsWith("drop needs a probability"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("loss=0.1"))
        .getMessage().startsWith("unknown fault 'loss=0.1'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("lc-fail=-1"))
        .getMessage().startsWith("lc-fail needs a whole number"));
    assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("reorder=1"));
    assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("delay=0.1:0"));
  }

  @Test
  void parse_delayTicksOutOfRange_areRefusedUpFront() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("delay=0.5:100000"))
        .getMessage().startsWith("delay ticks need a whole number from 1 to 16"));
    assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("delay=0.5:17"));
    assertEquals(16, FaultSpec.parse("delay=0.5:16").network().maxDelayTicks());
    assertThrows(IllegalArgumentException.class,
        () -> new FaultSpec(new FaultPlan(0, 0, 0.5, 100_000, false), 0, OptionalInt.empty()));
  }
}
