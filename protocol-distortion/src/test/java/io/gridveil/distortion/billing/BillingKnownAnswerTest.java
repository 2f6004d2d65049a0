// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Billing against the independent Python computation (spec/vectors/tools/gen_distortion.py). */
class BillingKnownAnswerTest {
  @Test
  void accumulator_matchesExactIntegerBills() throws Exception {
    Vector v = Vectors.load("distortion/billing.json").get(0);
    List<Long> prices = new ArrayList<>();
    for (Object p : v.list("prices")) {
      prices.add(Long.parseLong((String) p));
    }
    List<Integer> schedule = new ArrayList<>();
    for (Object s : v.list("schedule")) {
      schedule.add(Vector.toInteger(s).intValueExact());
    }
    Tariff tariff = new Tariff(prices, schedule);
    assertEquals(v.string("digest"), tariff.digest().hex());
    BillingPlan plan = new BillingPlan(tariff, v.longValue("slotsPerCycle"),
        v.longValue("maxReading"), (int) v.longValue("retained"));
    assertEquals(v.string("fingerprint"), HexFormat.of().formatHex(plan.fingerprint()));
    BillingState s = BillingState.initial();
    for (Object o : v.list("readings")) {
      List<?> pair = (List<?>) o;
      s = s.accumulate(plan, Long.parseLong((String) pair.get(0)), Long.parseLong((String) pair.get(1)));
    }
    assertEquals(v.longValue("openCycle"), s.openCycle());
    assertEquals(Long.parseLong(v.string("openTotal")), s.openTotal());
    List<?> closed = v.list("closed");
    assertEquals(closed.size(), s.closed().size());
    for (Object o : closed) {
      Vector c = new Vector(castMap(o));
      ClosedCycle got = s.closedCycle(c.longValue("cycle"));
      assertEquals(Long.parseLong(c.string("total")), got.total());
      assertEquals(c.longValue("slots"), got.slots());
    }
  }

  @Test
  void overflowBoundary_isExact() {
    Vector v = Vectors.load("distortion/billing.json").get(1);
    long tmax = Long.parseLong(v.string("maxReading"));
    long price = Long.parseLong(v.string("price"));
    long largest = Long.parseLong(v.string("largestJ"));
    Tariff t = Tariff.flat(price, 24);
    new BillingPlan(t, largest, tmax, 1);
    assertRefused("DIST-P-06", () -> new BillingPlan(t, largest + 1, tmax, 1));
  }

  @SuppressWarnings("unchecked") // the JSON parser yields maps with string keys
  private static java.util.Map<String, Object> castMap(Object o) {
    return (java.util.Map<String, Object>) o;
  }
}
