// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.leakage.attack.MembershipDifferencing.ReadingModel;
import io.gridveil.leakage.attack.MembershipDifferencing.Recovery;
import io.gridveil.leakage.attack.MembershipDifferencing.Unknown;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipDifferencingTest {
  // Constant readings: A = 100, B = 200, C = 300, D = 400, E = 500, F = 600.
  private static final Map<String, Long> E =
      Map.of("A", 100L, "B", 200L, "C", 300L, "D", 400L, "E", 500L, "F", 600L);

  private static GroupObservation obs(long round, String... members) {
    long sum = 0;
    for (String m : members) {
      sum += E.get(m);
    }
    return GroupObservation.of(round, Set.of(members), sum);
  }

  @Test
  void singleLeave_constantReadings_revealsTheLeaver() {
    List<GroupObservation> o = List.of(obs(0, "A", "B", "C"), obs(1, "A", "B"));
    Recovery r = MembershipDifferencing.attack(o, ReadingModel.CONSTANT);
    assertEquals(Map.of(new Unknown("C", -1), 300L), r.recovered());
    assertEquals(3, r.unknowns());
    assertEquals(2, r.rank());
    assertTrue(r.reveals("C"));
    assertFalse(r.reveals("A"));
  }

  @Test
  void singleLeave_perRoundReadings_revealsNothingAcrossRounds() {
    List<GroupObservation> o = List.of(obs(0, "A", "B", "C"), obs(1, "A", "B"));
    assertTrue(MembershipDifferencing.attack(o, ReadingModel.PER_ROUND).recovered().isEmpty());
  }

  @Test
  void reKeyWithinARound_perRoundReadings_revealsTheLeaver() {
    List<GroupObservation> o = List.of(obs(3, "A", "B", "C"), obs(3, "A", "B"));
    assertEquals(
        Map.of(new Unknown("C", 3), 300L),
        MembershipDifferencing.attack(o, ReadingModel.PER_ROUND).recovered());
  }

  @Test
  void minimumGroupSizeAlone_doesNotStopDifferencing() {
    MembershipPolicy p = new MembershipPolicy(3, 1);
    List<GroupObservation> o = List.of(obs(0, "A", "B", "C", "D"), obs(1, "A", "B", "C"));
    assertEquals(o, p.released(o));
    assertTrue(MembershipDifferencing.attack(p.released(o), ReadingModel.CONSTANT).reveals("D"));
    // A group below the minimum is not released at all.
    assertEquals(1, p.released(List.of(obs(0, "A", "B", "C"), obs(1, "A", "B"))).size());
  }

  @Test
  void batchedChanges_singleLeaveIsVoided() {
    MembershipPolicy p = new MembershipPolicy(2, 2);
    List<GroupObservation> o = List.of(obs(0, "A", "B", "C"), obs(1, "A", "B"));
    List<GroupObservation> released = p.released(o);
    assertEquals(List.of(o.get(0)), released);
    assertTrue(
        MembershipDifferencing.recoverableUnder(p, o, ReadingModel.CONSTANT).recovered().isEmpty());
    assertTrue(
        MembershipDifferencing.recoverableUnder(MembershipPolicy.NONE, o, ReadingModel.CONSTANT)
            .reveals("C"));
    // A batched leave of two reveals only their sum.
    List<GroupObservation> batched = List.of(obs(0, "A", "B", "C", "D"), obs(1, "A", "B"));
    assertEquals(batched, p.released(batched));
    assertTrue(
        MembershipDifferencing.attack(batched, ReadingModel.CONSTANT).recovered().isEmpty());
    assertEquals(MembershipPolicy.NONE.released(o), o);
  }

  @Test
  void batchedChangesCombinedOverTime_stillRevealAReading() {
    // Every change moves 2 meters, yet B + E, E + F and B + F become known: B = 200.
    MembershipPolicy p = new MembershipPolicy(2, 2);
    List<GroupObservation> o =
        List.of(
            obs(0, "C", "D"),
            obs(1, "B", "C", "D", "E"),
            obs(2, "C", "D"),
            obs(3, "C", "D", "E", "F"),
            obs(4, "C", "D"),
            obs(5, "B", "C", "D", "F"));
    assertEquals(o, p.released(o));
    Recovery r = MembershipDifferencing.attack(o, ReadingModel.CONSTANT);
    assertEquals(200L, r.recovered().get(new Unknown("B", -1)));
    assertEquals(500L, r.recovered().get(new Unknown("E", -1)));
    assertEquals(600L, r.recovered().get(new Unknown("F", -1)));
    assertFalse(r.reveals("C"));
  }

  @Test
  void policyAdmits_handCases() {
    MembershipPolicy p = new MembershipPolicy(3, 2);
    assertTrue(p.admits(Set.of("A", "B", "C"), Set.of("A", "B", "C")));
    assertFalse(p.admits(Set.of("A", "B", "C", "D"), Set.of("A", "B", "C")));
    assertTrue(p.admits(Set.of("A", "B", "C", "D"), Set.of("A", "B", "E")));
    assertFalse(p.admits(Set.of("A", "B", "C", "D"), Set.of("A", "B")));
  }

  @Test
  void badPolicyOrObservations_areRefused() {
    assertRefused("LEAK-P-11", () -> new MembershipPolicy(1, 1));
    assertRefused("LEAK-P-11", () -> new MembershipPolicy(2, 0));
    assertRefused("LEAK-P-12", () -> GroupObservation.of(-1, Set.of("A"), 1));
    assertRefused("LEAK-P-12", () -> GroupObservation.of(0, Set.of(), 1));
    assertRefused(
        "LEAK-P-12",
        () ->
            MembershipDifferencing.attack(
                List.of(
                    GroupObservation.of(0, Set.of("A", "B"), 3),
                    GroupObservation.of(0, Set.of("A", "B"), 4)),
                ReadingModel.PER_ROUND));
    // B + E = 1, E + F = 0, B + F = 0 determine B = 1/2: not integer readings.
    assertRefused(
        "LEAK-P-12",
        () ->
            MembershipDifferencing.attack(
                List.of(
                    GroupObservation.of(0, Set.of("B", "E"), 1),
                    GroupObservation.of(0, Set.of("E", "F"), 0),
                    GroupObservation.of(0, Set.of("B", "F"), 0)),
                ReadingModel.PER_ROUND));
  }
}
