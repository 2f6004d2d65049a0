// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.TestPki;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A group driven for several rounds behind authenticated endpoints over a network with faults
 * (spec/blinding.md §4, §5.3): every round is exact over the contributions the aggregator
 * accepted, or void.
 */
class EndToEndTest {
  private static final int N = 5;
  private static final int ROUNDS = 10;
  /** The refusals benign faults may cause: duplicates, late frames, a second setup. */
  private static final Set<String> BENIGN =
      Set.of("AUTH-V-08", "AUTH-V-09", "BLND-S-01", "BLND-S-02", "BLND-S-05", "BLND-S-06", "BLND-S-07");

  private static AuthenticatedGroup drive(boolean recovery, FaultPlan faults) throws Exception {
    GroupId group = new GroupId("feeder-9");
    AuthenticatedGroup g =
        new AuthenticatedGroup(
            new TestPki(DeterministicRandomSource.fromSeed(99)),
            group,
            N,
            BlindingParameters.of(N, 10_000, recovery),
            faults,
            5,
            null,
            RevocationList.NONE);
    g.setUp(TestKeys.k2048());
    for (long j = 1; j <= ROUNDS; j++) {
      g.round(j);
    }
    for (Map.Entry<String, Integer> r : g.network.rejections().entrySet()) {
      assertTrue(BENIGN.contains(r.getKey()), "unexpected refusal " + r.getKey());
    }
    assertEquals(0, g.network.replaysAccepted());
    return g;
  }

  @Test
  void faultyNetwork_withoutRecovery_roundsAreExactOrVoid() throws Exception {
    AuthenticatedGroup g = drive(false, new FaultPlan(0.05, 0.3, 0.2, 4, true));
    int exact = g.checkOutcomes();
    assertTrue(exact > 0 && exact < ROUNDS, "some rounds exact, some void: " + exact);
    assertTrue(g.network.rejections().getOrDefault("AUTH-V-08", 0) > 0, "duplicates were refused");
  }

  @Test
  void faultyNetwork_withRecovery_roundsAreExactOverContributors() throws Exception {
    AuthenticatedGroup g = drive(true, new FaultPlan(0.05, 0.3, 0.2, 4, true));
    int exact = g.checkOutcomes();
    assertTrue(exact > ROUNDS / 2, "recovery keeps most rounds: " + exact);
    assertTrue(
        g.supplierOutcomes.stream().anyMatch(o -> o instanceof RoundOutcome.Exact e && e.recovered() > 0),
        g.supplierOutcomes::toString);
  }

  @Test
  void reliableNetwork_everyRoundExact() throws Exception {
    AuthenticatedGroup g = drive(false, FaultPlan.NONE);
    assertEquals(ROUNDS, g.checkOutcomes());
    assertEquals(ROUNDS, g.supplierOutcomes.size());
    assertEquals(Map.of(), g.network.rejections());
  }
}
