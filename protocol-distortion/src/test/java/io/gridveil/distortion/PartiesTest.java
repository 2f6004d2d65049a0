// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.Tariff;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The party rules of spec/distortion.md §6, one check at a time. */
class PartiesTest {
  private static final GroupId G = new GroupId("north");
  private static final MeterId M = new MeterId("meter-1");
  private static final NoiseParameters NOISE = new NoiseParameters(100, 50);
  private static final BillingPlan PLAN = new BillingPlan(Tariff.flat(200_000, 24), 3, 10_000, 2);
  private static final BinGrid GRID = new BinGrid(0, 1000, 20);
  private final RandomSource rng = DeterministicRandomSource.fromSeed(5);

  private static DistortingMeter meter() {
    return DistortingMeter.create(M, G, NOISE, PLAN, BillingState.initial());
  }

  private static DistortingMeter.Input reading(long slot, long wh) {
    return new DistortingMeter.Input.LocalReading(new Round(slot), Reading.ofWattHours(wh));
  }

  private static DistortingMeter.Input query(Address from, Address to, GroupId g, long round,
      long cycle, Tariff t) {
    return new DistortingMeter.Input.Inbound(new Envelope<>(from, to, g, new Round(round),
        new DistortionMessage.BillingQuery(cycle, t.digest())));
  }

  @Test
  void meter_sendsOnlyDistortedReading_andAccumulatesTrueBill() throws Exception {
    Step<DistortingMeter> s = meter().step(reading(0, 400), rng);
    assertEquals(1, s.outbound().size());
    Envelope<?> e = s.outbound().get(0);
    assertEquals(Address.LOCAL_CONCENTRATOR, e.recipient());
    assertInstanceOf(DistortionMessage.DistortedReading.class, e.body());
    assertEquals(400L * 200_000, s.next().billing().openTotal());
  }

  @Test
  void meter_refusesBadReadings_stateUnchanged() throws Exception {
    DistortingMeter m = meter().step(reading(4, 10), rng).next();
    assertViolation("DIST-V-01", () -> m.step(reading(5, 10_001), rng));
    assertViolation("DIST-V-01", () -> m.step(new DistortingMeter.Input.LocalReading(
        new Round(5), new Reading(10, ReadingUnit.WATT)), rng));
    assertViolation("DIST-S-01", () -> m.step(reading(4, 10), rng));
    assertEquals(4, m.billing().lastSlot());
  }

  @Test
  void meter_answersQueriesIdempotently_underItsTariffOnly() throws Exception {
    DistortingMeter m = meter();
    for (long j = 0; j < 4; j++) {
      m = m.step(reading(j, 100 + j), rng).next();
    }
    DistortingMeter closed = m;
    Step<DistortingMeter> a =
        closed.step(query(Address.SUPPLIER, Address.identified(M), G, 0, 0, PLAN.tariff()), rng);
    Step<DistortingMeter> b =
        a.next().step(query(Address.SUPPLIER, Address.identified(M), G, 0, 0, PLAN.tariff()), rng);
    DistortionMessage.BillingResponse ra = (DistortionMessage.BillingResponse) a.outbound().get(0).body();
    DistortionMessage.BillingResponse rb = (DistortionMessage.BillingResponse) b.outbound().get(0).body();
    assertEquals((100 + 101 + 102) * 200_000L, ra.total());
    assertEquals(ra, rb);
    assertSame(closed, a.next());
    assertViolation("DIST-V-02", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        G, 0, 0, Tariff.flat(200_001, 24)), rng));
    assertViolation("DIST-S-02", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        G, 1, 1, PLAN.tariff()), rng));
    DistortingMeter later = closed.step(reading(20, 1), rng).next();
    assertViolation("DIST-S-03", () -> later.step(query(Address.SUPPLIER, Address.identified(M),
        G, 0, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.AGGREGATOR, Address.identified(M),
        G, 0, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.SUPPLIER,
        Address.identified(new MeterId("other")), G, 0, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        new GroupId("south"), 0, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        G, 1, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(new DistortingMeter.Input.Inbound(
        new Envelope<>(Address.SUPPLIER, Address.identified(M), G, new Round(0),
            new DistortionMessage.DistortedReading(5))), rng));
  }

  private static Collector.Input inbound(Address from, Address to, GroupId g, long round, long d) {
    return new Collector.Input.Inbound(new Envelope<>(from, to, g, new Round(round),
        new DistortionMessage.DistortedReading(d)));
  }

  @Test
  void collector_takesOneReadingPerMeter_andReconstructsAtDeadline() throws Exception {
    Collector c = Collector.create(G, NOISE, GRID, ReconstructionOptions.DEFAULT, new Round(7));
    Address a = Address.identified(new MeterId("a"));
    Address b = Address.identified(new MeterId("b"));
    c = c.step(inbound(a, Address.LOCAL_CONCENTRATOR, G, 7, 500), rng).next();
    Collector once = c;
    assertSame(once, once.step(inbound(a, Address.LOCAL_CONCENTRATOR, G, 7, 500), rng).next());
    assertViolation("DIST-S-04", () -> once.step(inbound(a, Address.LOCAL_CONCENTRATOR, G, 7, 501), rng));
    assertViolation("DIST-S-05", () -> once.step(inbound(b, Address.LOCAL_CONCENTRATOR, G, 8, 5), rng));
    assertViolation("DIST-S-05", () -> once.step(new Collector.Input.Deadline(new Round(6)), rng));
    assertViolation("DIST-V-03", () -> once.step(inbound(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, G, 7, 5), rng));
    assertViolation("DIST-V-03", () -> once.step(inbound(b, Address.SUPPLIER, G, 7, 5), rng));
    assertViolation("DIST-V-03", () -> once.step(inbound(b, Address.LOCAL_CONCENTRATOR, new GroupId("x"), 7, 5), rng));
    assertViolation("DIST-V-03", () -> once.step(new Collector.Input.Inbound(new Envelope<>(b,
        Address.LOCAL_CONCENTRATOR, G, new Round(7), new DistortionMessage.BillingResponse(0, 0, 0))), rng));
    c = c.step(inbound(b, Address.LOCAL_CONCENTRATOR, G, 7, 700), rng).next();
    assertEquals(2, c.collected());
    Step<Collector> d = c.step(new Collector.Input.Deadline(new Round(7)), rng);
    assertEquals(new Round(8), d.next().open());
    assertEquals(0, d.next().collected());
    DistortionMessage.LocalDistribution l =
        (DistortionMessage.LocalDistribution) d.outbound().get(0).body();
    assertEquals(2, l.distribution().count());
    assertEquals(Address.SUPPLIER, d.outbound().get(0).recipient());
    assertInstanceOf(DistortionEvent.LocalReconstructed.class, d.events().get(0));
  }

  private static Utility.Input local(GroupId g, long round, BinnedDistribution d) {
    return new Utility.Input.Inbound(new Envelope<>(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER,
        g, new Round(round), new DistortionMessage.LocalDistribution(d)));
  }

  @Test
  void utility_mergesByCounts_andChecksLocals() throws Exception {
    GroupId h = new GroupId("south");
    Utility u = Utility.create(GRID, PLAN.tariff().digest(), List.of(G, h), new Round(3));
    double[] p = new double[20];
    p[0] = 1;
    double[] q = new double[20];
    q[1] = 1;
    BinnedDistribution dg = new BinnedDistribution(GRID, p, 30);
    u = u.step(local(G, 3, dg), rng).next();
    Utility one = u;
    assertSame(one, one.step(local(G, 3, dg), rng).next());
    assertViolation("DIST-S-07", () -> one.step(local(G, 3, new BinnedDistribution(GRID, q, 30)), rng));
    assertViolation("DIST-S-05", () -> one.step(local(h, 4, dg), rng));
    assertViolation("DIST-V-04", () -> one.step(local(h, 3,
        new BinnedDistribution(new BinGrid(0, 1000, 21), new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1)), rng));
    assertViolation("DIST-V-03", () -> one.step(local(new GroupId("west"), 3, dg), rng));
    u = u.step(local(h, 3, new BinnedDistribution(GRID, q, 10)), rng).next();
    Step<Utility> d = u.step(new Utility.Input.Deadline(new Round(3)), rng);
    DistortionEvent.DistributionReconstructed ev =
        (DistortionEvent.DistributionReconstructed) d.events().get(0);
    assertEquals(0.75, ev.distribution().probability(0), 1e-15);
    assertEquals(0.25, ev.distribution().probability(1), 1e-15);
    assertEquals(40, ev.distribution().count());
    assertTrue(ev.missing().isEmpty());
    Step<Utility> e = d.next().step(new Utility.Input.Deadline(new Round(4)), rng);
    assertEquals(2, ((DistortionEvent.DistributionReconstructed) e.events().get(0)).missing().size());
  }

  @Test
  void utility_countsEachBillOnce_andRefusesContradictions() throws Exception {
    Utility u = Utility.create(GRID, PLAN.tariff().digest(), List.of(G), new Round(0));
    Step<Utility> q = u.step(new Utility.Input.QueryBill(M, G, 2), rng);
    assertEquals(Address.identified(M), q.outbound().get(0).recipient());
    Utility asked = q.next();
    Utility.Input bill = new Utility.Input.Inbound(new Envelope<>(Address.identified(M),
        Address.SUPPLIER, G, new Round(2), new DistortionMessage.BillingResponse(2, 900, 3)));
    Step<Utility> got = asked.step(bill, rng);
    assertEquals(1, got.events().size());
    Step<Utility> again = got.next().step(bill, rng);
    assertTrue(again.events().isEmpty(), "a repeated bill is not counted twice");
    assertViolation("DIST-V-06", () -> got.next().step(new Utility.Input.Inbound(new Envelope<>(
        Address.identified(M), Address.SUPPLIER, G, new Round(2),
        new DistortionMessage.BillingResponse(2, 901, 3))), rng));
    assertViolation("DIST-V-03", () -> u.step(bill, rng)); // never asked
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(new Envelope<>(
        Address.identified(M), Address.SUPPLIER, G, new Round(3),
        new DistortionMessage.BillingResponse(2, 900, 3))), rng));
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(new Envelope<>(
        Address.identified(M), Address.AGGREGATOR, G, new Round(2),
        new DistortionMessage.BillingResponse(2, 900, 3))), rng));
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(new Envelope<>(
        Address.identified(M), Address.SUPPLIER, G, new Round(2),
        new DistortionMessage.DistortedReading(1))), rng));
    assertTrue(got.events().get(0).toString().contains("redacted"));
  }
}
