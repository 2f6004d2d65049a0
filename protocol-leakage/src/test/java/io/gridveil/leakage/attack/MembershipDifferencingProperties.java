// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.leakage.attack.MembershipDifferencing.ReadingModel;
import io.gridveil.leakage.attack.MembershipDifferencing.Recovery;
import io.gridveil.leakage.attack.MembershipDifferencing.Unknown;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MembershipDifferencingProperties {
  private static final String[] METERS = {"A", "B", "C", "D", "E"};

  /** Observations over random member subsets (bit masks) of random rounds. */
  private static List<GroupObservation> observations(
      List<Integer> masks, List<Integer> rounds, long[][] e) {
    List<GroupObservation> out = new ArrayList<>();
    for (int t = 0; t < masks.size(); t++) {
      int round = rounds.get(t % rounds.size());
      Set<String> members = new TreeSet<>();
      long sum = 0;
      for (int i = 0; i < METERS.length; i++) {
        if ((masks.get(t) & (1 << i)) != 0) {
          members.add(METERS[i]);
          sum += e[i][round];
        }
      }
      out.add(GroupObservation.of(round, members, sum));
    }
    return out;
  }

  @Test
  void everyRecoveredReading_isTheTrueReading() {
    Pbt.property()
        .forAll(Gens.lists(Gens.integers(1, 31), 1, 8), Gens.lists(Gens.integers(0, 2), 1, 3),
            Gens.lists(Gens.integers(0, 5000), 15, 15))
        .check(MembershipDifferencingProperties::recoversOnlyTrueReadings);
  }

  private static void recoversOnlyTrueReadings(
      List<Integer> masks, List<Integer> rounds, List<Integer> readings) {
    long[][] e = new long[METERS.length][3];
    for (int i = 0; i < METERS.length; i++) {
      for (int j = 0; j < 3; j++) {
        e[i][j] = readings.get(3 * i + j);
      }
    }
    Recovery r = MembershipDifferencing.attack(observations(masks, rounds, e), ReadingModel.PER_ROUND);
    assertTrue(r.rank() <= Math.min(masks.size(), r.unknowns()));
    for (Map.Entry<Unknown, Long> x : r.recovered().entrySet()) {
      int i = x.getKey().member().charAt(0) - 'A';
      assertEquals(e[i][(int) x.getKey().round()], x.getValue(), x.getKey().toString());
    }
  }

  @Test
  void singletonGroup_isAlwaysRecovered() {
    Pbt.property()
        .forAll(Gens.integers(0, 4), Gens.integers(0, 9999))
        .check(MembershipDifferencingProperties::singletonIsRecovered);
  }

  private static void singletonIsRecovered(int meter, int v) {
    Recovery r =
        MembershipDifferencing.attack(
            List.of(GroupObservation.of(0, Set.of(METERS[meter]), v)), ReadingModel.CONSTANT);
    assertEquals(Map.of(new Unknown(METERS[meter], -1), (long) v), r.recovered());
  }
}
