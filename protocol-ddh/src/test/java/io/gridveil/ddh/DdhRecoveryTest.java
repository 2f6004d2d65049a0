// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dropout recovery (spec/ddh.md §3.4). */
class DdhRecoveryTest {
  private static final long[] E = {10, 20, 30, 40, 50, 60};

  private static EdatRounds rounds(int n) throws Exception {
    return new EdatRounds(new EdatGroup(DdhParameters.of(n, 1000, 64), n, n));
  }

  @Test
  void fullRound_isExactWithoutReveals() throws Exception {
    EdatRounds r = rounds(6);
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class, EdatRounds.only(r.run(new Round(0), E, Set.of())));
    assertEquals(210, x.sum());
    assertEquals(0, x.recovered());
    assertTrue(r.revealRequests.isEmpty());
  }

  @Test
  void oneMissingMeter_isRecoveredByItsTwoNeighbours() throws Exception {
    EdatRounds r = rounds(6);
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class, EdatRounds.only(r.run(new Round(0), E, Set.of(2))));
    assertEquals(210 - 30, x.sum());
    assertEquals(5, x.contributors());
    assertEquals(1, x.recovered());
    assertEquals(2, r.reveals.size());
    assertEquals(Set.of(Address.identified(r.meters.get(1).id()), Address.identified(r.meters.get(3).id())),
        Set.of(r.revealRequests.get(0).recipient(), r.revealRequests.get(1).recipient()));
  }

  @Test
  void twoAdjacentMissingMeters_needOnlyTheOuterNeighbours() throws Exception {
    // Meters 2 and 3 missing: 3 is a neighbour of 2 that must reveal but is itself missing; the pad
    // k_(2,3) cancels inside the run, so only meters 1 and 4 reveal.
    EdatRounds r = rounds(6);
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class,
        EdatRounds.only(r.run(new Round(4), E, Set.of(2, 3))));
    assertEquals(210 - 30 - 40, x.sum());
    assertEquals(2, x.recovered());
    assertEquals(2, r.reveals.size());
    for (Envelope<DdhMessage> rv : r.reveals) {
      assertTrue(rv.sender().equals(Address.identified(r.meters.get(1).id()))
          || rv.sender().equals(Address.identified(r.meters.get(4).id())));
    }
  }

  @Test
  void missingRunAcrossTheRingSeam_isRecovered() throws Exception {
    EdatRounds r = rounds(6);
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class,
        EdatRounds.only(r.run(new Round(1), E, Set.of(5, 0, 1))));
    assertEquals(30 + 40 + 50, x.sum());
    assertEquals(3, x.recovered());
  }

  @Test
  void twoSeparateRuns_areRecovered() throws Exception {
    EdatRounds r = rounds(6);
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class,
        EdatRounds.only(r.run(new Round(1), E, Set.of(0, 3))));
    assertEquals(20 + 30 + 50 + 60, x.sum());
    assertEquals(4, r.reveals.size());
  }

  @Test
  void presentMeterBetweenTwoMissingOnes_voidsTheRound() throws Exception {
    // Meter 2 would have to reveal both ring pads (DDH-V-11); the supplier voids instead.
    EdatRounds r = rounds(6);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class,
        EdatRounds.only(r.run(new Round(0), E, Set.of(1, 3))));
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
    assertTrue(r.revealRequests.isEmpty());
  }

  @Test
  void fewerContributorsThanMinimum_voidsTheRound() throws Exception {
    EdatRounds r = rounds(4);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class,
        EdatRounds.only(r.run(new Round(0), E, Set.of(0, 1))));
    assertEquals(VoidReason.BELOW_MINIMUM_GROUP, v.reason());
  }

  @Test
  void neighbourThatMustRevealButIsSilent_voidsAtTheDeadline() throws Exception {
    // Meter 2 is missing; its neighbour 3 contributed but then fails before revealing.
    EdatRounds r = rounds(6);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class,
        EdatRounds.only(r.run(new Round(0), E, Set.of(2), Set.of(3))));
    assertEquals(VoidReason.RECOVERY_INCOMPLETE, v.reason());
  }

  @Test
  void lateContributionForRecoveredRound_isRefused() throws Exception {
    EdatRounds r = rounds(5);
    Round j = new Round(2);
    r.run(j, E, Set.of(3));
    var late = r.meters.get(3).step(new DdhInput.LocalReading(j, Reading.ofWattHours(1)), EdatRounds.RNG);
    DdhAggregator a = r.aggregator;
    assertViolation("DDH-S-04", () -> a.step(r.group.in(EdatRounds.cast(late.outbound().get(0)), a), EdatRounds.RNG));
  }

  @Test
  void revealAfterRecoveryCompleted_isRefused() throws Exception {
    EdatRounds r = rounds(5);
    Round j = new Round(2);
    r.run(j, E, Set.of(3));
    Envelope<DdhMessage> replay = r.reveals.get(0);
    DdhSupplier s = r.supplier;
    assertViolation("DDH-S-07", () -> s.step(r.group.in(replay, s), EdatRounds.RNG));
  }

  @Test
  void roundsKeepWorkingAfterARecovery() throws Exception {
    EdatRounds r = rounds(5);
    r.run(new Round(0), E, Set.of(1));
    RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class, EdatRounds.only(r.run(new Round(1), E, Set.of())));
    assertEquals(150, x.sum());
    assertEquals(0, x.recovered());
  }
}
