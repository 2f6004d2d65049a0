// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class BillingStateProperties {
  /** Every accumulated bill equals the BigInteger sum of r_j P[j] over its cycle's slots. */
  @Property
  void bills_equalExactSums_andSurviveStorage(
      @ForAll @Size(min = 0, max = 200) List<@LongRange(min = 0, max = 3) Long> gaps,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long peak,
      @ForAll @IntRange(min = 1, max = 30) int cycle,
      @ForAll @LongRange(min = 0, max = 1L << 20) long seed) throws Exception {
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
