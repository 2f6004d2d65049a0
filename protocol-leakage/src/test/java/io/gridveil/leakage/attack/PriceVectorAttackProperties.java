// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PriceVectorAttackProperties {
  /** Brute force over every reading vector: the independent reference for feasibleValues. */
  private static SortedSet<Long> bruteForce(long[] p, long bill, int slot, long tMax) {
    SortedSet<Long> out = new TreeSet<>();
    long[] r = new long[p.length];
    while (true) {
      long ab = 0;
      for (int j = 0; j < p.length; j++) {
        ab += r[j] * p[j];
      }
      if (ab == bill) {
        out.add(r[slot]);
      }
      int j = p.length - 1;
      while (j >= 0 && r[j] == tMax) {
        r[j] = 0;
        j--;
      }
      if (j < 0) {
        return out;
      }
      r[j]++;
    }
  }

  @Test
  void feasibleValues_equalBruteForce() {
    Pbt.property()
        .forAll(Gens.lists(Gens.integers(0, 6), 1, 4), Gens.lists(Gens.integers(0, 3), 4, 4),
            Gens.integers(0, 3))
        .check(PriceVectorAttackProperties::feasibleValuesEqualBruteForce);
  }

  private static void feasibleValuesEqualBruteForce(
      List<Integer> prices, List<Integer> readings, int slot) {
    int t = prices.size();
    long[] p = prices.stream().mapToLong(Integer::longValue).toArray();
    long[] r = readings.subList(0, t).stream().mapToLong(Integer::longValue).toArray();
    int k = slot % t;
    long bill = PriceVectorAttack.bill(r, p);
    SortedSet<Long> feasible = PriceVectorAttack.feasibleValues(p, bill, k, 3);
    assertEquals(bruteForce(p, bill, k, 3), feasible);
  }
}
