// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.cmt.CmtCodec;
import io.gridveil.core.message.EnvelopeCodec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table of expected refusals is narrow (spec/sim.md §4.7). */
class ExpectedRefusalsTest {
  private static final Refusal DISCOVERY_AT_MEMBER = new Refusal("CMT-S-06", "LcDiscovery", Role.METER);

  @Test
  void classify_cmtDiscoveryAtAMember_isExpectedWithItsReason() {
    List<RefusalCount> c = ExpectedRefusals.classify(Scheme.CMT, Map.of(DISCOVERY_AT_MEMBER, 9702L));
    assertEquals(1, c.size());
    assertEquals(RefusalClass.EXPECTED, c.get(0).refusalClass());
    assertEquals(9702L, c.get(0).count());
    assertTrue(c.get(0).reason().contains("LcDiscovery"), c.get(0).reason());
  }

  @Test
  void classify_theSameKindInAnotherSchemeOrRoleOrCheck_isAProblem() {
    Map<Refusal, Long> m = new TreeMap<>();
    m.put(new Refusal("CMT-S-06", "LcDiscovery", Role.LOCAL_CONCENTRATOR), 1L);
    m.put(new Refusal("CMT-S-06", "ReRegister", Role.METER), 1L);
    m.put(new Refusal("AUTH-V-08", "LcDiscovery", Role.METER), 1L);
    m.put(new Refusal("AUTH-V-13", "KeyShare", Role.LOCAL_CONCENTRATOR), 1L);
    for (RefusalCount c : ExpectedRefusals.classify(Scheme.CMT, m)) {
      assertTrue(c.problem(), c.toString());
      assertEquals("", c.reason());
    }
    for (Scheme s : Scheme.values()) {
      if (s != Scheme.CMT) {
        assertTrue(ExpectedRefusals.classify(s, Map.of(DISCOVERY_AT_MEMBER, 1L)).get(0).problem(), s.id());
      }
    }
  }

  @Test
  void table_everyRowHasAReasonAndOnlyCmtHasRows() {
    assertFalse(ExpectedRefusals.TABLE.isEmpty());
    for (ExpectedRefusals.Row r : ExpectedRefusals.TABLE) {
      assertEquals(Scheme.CMT, r.scheme());
      assertFalse(r.reason().isBlank(), r.toString());
    }
  }

  @Test
  void refusalCount_expectedWithoutReason_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new RefusalCount(DISCOVERY_AT_MEMBER, 1, RefusalClass.EXPECTED, ""));
    assertThrows(IllegalArgumentException.class,
        () -> new RefusalCount(DISCOVERY_AT_MEMBER, 1, RefusalClass.PROBLEM, "why"));
    assertThrows(IllegalArgumentException.class,
        () -> new RefusalCount(DISCOVERY_AT_MEMBER, 0, RefusalClass.PROBLEM, ""));
  }

  @Test
  void messageType_ofBytesThatAreNoFrame_isMalformed() {
    RefusalCounter c = new RefusalCounter(EnvelopeCodec.of(CmtCodec.INSTANCE));
    assertEquals(Refusal.MALFORMED, c.messageType(new byte[0]));
    assertEquals(Refusal.MALFORMED, c.messageType(new byte[] {9, 0, 0}));
    assertEquals(Refusal.MALFORMED, c.messageType(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
  }
}
