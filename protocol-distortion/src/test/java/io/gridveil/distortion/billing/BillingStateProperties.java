// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingStateProperties {
  /** Every accumulated bill equals the BigInteger sum of r_j P[j] over its cycle's slots. */
  @Test
  void bills_equalExactSums_andSurviveStorage() {
    Pbt.property()
        .forAll(Gens.lists(Gens.longs(0, 3), 0, 200), Gens.longs(1, 1_000_000_000L),
            Gens.integers(1, 30), Gens.longs(0, 1L << 20))
        .check(BillingStateProperties::billsAreExactAndSurviveStorage);
  }

  private static void billsAreExactAndSurviveStorage(
      List<Long> gaps, long peak, int cycle, long seed) throws Exception {
    Tariff t = new Tariff(List.of(1L, peak), java.util.stream.IntStream.range(0, 24)
        .map(h -> h >= 17 && h < 21 ? 1 : 0).boxed().toList());
    long tmax = 300_000_000L; // 30 * 3e8 * 1e9 long tmax = 4_000_000_000L;lt; 2^63
    BillingPlan plan = new BillingPlan(t, cycle, tmax, 16);
    BillingState s = BillingState.initial();
    Map<Long, BigInteger> oracle = new HashMap<>();
    long slot = -1;
    long x = seed;
    for (long g : gaps) {
      slot += 1 + g;
      x = x * 6364136223846793005L + 1442695040888963407L;
      long r = Math.floorMod(x >>> 11, tmax + 1);
      if (g == 3) {
        r = tmax; // reach t_max
      }
      s = s.accumulate(plan, slot, r);
      long hour = slot % 24;
      long price = hour >= 17 && hour < 21 ? peak : 1;
      oracle.merge(slot / cycle, BigInteger.valueOf(r).multiply(BigInteger.valueOf(price)),
          BigInteger::add);
    }
    assertEquals(oracle.getOrDefault(s.openCycle(), BigInteger.ZERO), BigInteger.valueOf(s.openTotal()));
    for (ClosedCycle c : s.closed()) {
      assertEquals(oracle.getOrDefault(c.cycle(), BigInteger.ZERO), BigInteger.valueOf(c.total()));
    }
    InMemoryBillingStore store = new InMemoryBillingStore(plan);
    store.commit(s);
    assertEquals(s, store.load().orElseThrow());
  }
}
