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
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.Tariff;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import io.gridveil.testkit.TestPki;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The party rules of spec/distortion.md §6 and §13.3, one check at a time. Inbound envelopes are
 * sealed as their sender would and verified ({@link TestPki#verified}); a check that the receiver
 * policy already makes at the endpoint is reached here by verifying under another policy.
 */
class PartiesTest {
  private static final EnvelopeCodec<DistortionMessage> CODEC =
      EnvelopeCodec.of(DistortionCodec.INSTANCE);
  private static final GroupId G = new GroupId("north");
  private static final MeterId M = new MeterId("meter-1");
  private static final NoiseParameters NOISE = new NoiseParameters(100, 50);
  private static final BillingPlan PLAN = new BillingPlan(Tariff.flat(200_000, 24), 3, 10_000, 2);
  private static final BinGrid GRID = new BinGrid(0, 1000, 20);
  /** A receiver policy that accepts every recipient and every claim. */
  private static final ReceiverPolicy ANY =
      new ReceiverPolicy() {
        @Override
        public boolean isAddressedTo(Address recipient) {
          return true;
        }

        @Override
        public boolean mayClaim(Address sender, Address principal) {
          return true;
        }
      };

  private final RandomSource rng = DeterministicRandomSource.fromSeed(5);
  private final TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(6));
  private final CollectorKeys collectorKeys =
      new CollectorKeys(DeterministicRandomSource.fromSeed(7), pki.anchors());

  private static DistortingMeter meter() {
    return DistortingMeter.create(M, G, NOISE, PLAN, BillingState.initial());
  }

  private static DistortingMeter.Input reading(long slot, long wh) {
    return new DistortingMeter.Input.LocalReading(new Round(slot), Reading.ofWattHours(wh));
  }

  private static Envelope<DistortionMessage> queryEnvelope(
      Address from, Address to, GroupId g, long round, long cycle, Tariff t) {
    return new Envelope<>(from, to, g, new Round(round),
        new DistortionMessage.BillingQuery(cycle, t.digest()));
  }

  private DistortingMeter.Input query(Address from, Address to, GroupId g, long round,
      long cycle, Tariff t) throws Exception {
    return new DistortingMeter.Input.Inbound(
        pki.verified(queryEnvelope(from, to, g, round, cycle, t), CODEC, meter()));
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
    // Signed by another role key: a verified envelope, but not the supplier's query.
    assertViolation("DIST-V-03", () -> closed.step(query(Address.AGGREGATOR, Address.identified(M),
        G, 0, 0, PLAN.tariff()), rng));
    // Another meter's query never reaches this one through its own policy...
    Address other = Address.identified(new MeterId("other"));
    assertViolation("AUTH-V-13", () -> query(Address.SUPPLIER, other, G, 0, 0, PLAN.tariff()));
    // ...and the party refuses it when verified under another policy.
    assertViolation("DIST-V-03", () -> closed.step(new DistortingMeter.Input.Inbound(pki.verified(
        queryEnvelope(Address.SUPPLIER, other, G, 0, 0, PLAN.tariff()), CODEC,
        ReceiverPolicy.of(other))), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        new GroupId("south"), 0, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(query(Address.SUPPLIER, Address.identified(M),
        G, 1, 0, PLAN.tariff()), rng));
    assertViolation("DIST-V-03", () -> closed.step(new DistortingMeter.Input.Inbound(pki.verified(
        new Envelope<>(Address.SUPPLIER, Address.identified(M), G, new Round(0),
            new DistortionMessage.DistortedReading(5)), CODEC, closed)), rng));
  }

  @Test
  void meter_policy_acceptsOnlyItsOwnIdentity() {
    DistortingMeter m = meter();
    assertTrue(m.isAddressedTo(Address.identified(M)));
    assertEquals(false, m.isAddressedTo(Address.GROUP_BROADCAST));
    assertEquals(false, m.isAddressedTo(Address.LOCAL_CONCENTRATOR));
    assertEquals(false, m.isAddressedTo(Address.identified(new MeterId("meter-2"))));
  }

  private Collector.Input inbound(Address from, Address to, GroupId g, long round, long d)
      throws Exception {
    Envelope<DistortionMessage> e =
        new Envelope<>(from, to, g, new Round(round), new DistortionMessage.DistortedReading(d));
    return new Collector.Input.Inbound(pki.verified(e, CODEC, ReceiverPolicy.of(to)));
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
    // A reading signed by a role key carries no licence: not a meter's reading.
    assertViolation("DIST-V-03", () -> once.step(inbound(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, G, 7, 5), rng));
    assertViolation("DIST-V-03", () -> once.step(inbound(b, Address.SUPPLIER, G, 7, 5), rng));
    Address stranger = Address.identified(new MeterId("stranger"));
    assertViolation("DIST-V-03", () -> once.step(inbound(stranger, Address.LOCAL_CONCENTRATOR, new GroupId("x"), 7, 5), rng));
    assertViolation("DIST-V-03", () -> once.step(new Collector.Input.Inbound(pki.verified(new Envelope<>(b,
        Address.LOCAL_CONCENTRATOR, G, new Round(7), new DistortionMessage.BillingResponse(0, 0, 0)),
        CODEC, once)), rng));
    assertTrue(once.isAddressedTo(Address.LOCAL_CONCENTRATOR));
    assertEquals(false, once.isAddressedTo(Address.SUPPLIER));
    assertEquals(false, once.isAddressedTo(Address.GROUP_BROADCAST));
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

  private static Envelope<DistortionMessage> localEnvelope(
      GroupId g, long round, BinnedDistribution d) {
    return new Envelope<>(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, g, new Round(round),
        new DistortionMessage.LocalDistribution(d));
  }

  /** A local distribution of group g, signed by g's own collector. */
  private Utility.Input local(Utility u, GroupId g, long round, BinnedDistribution d)
      throws Exception {
    return new Utility.Input.Inbound(
        collectorKeys.verified(g, localEnvelope(g, round, d), u, u.groups()));
  }

  @Test
  void utility_mergesByCounts_andChecksLocals() throws Exception {
    GroupId h = new GroupId("south");
    Utility u = Utility.create(GRID, PLAN.tariff().digest(),
        Map.of(G, CollectorKeys.identity(G), h, CollectorKeys.identity(h)), new Round(3));
    double[] p = new double[20];
    p[0] = 1;
    double[] q = new double[20];
    q[1] = 1;
    BinnedDistribution dg = new BinnedDistribution(GRID, p, 30);
    u = u.step(local(u, G, 3, dg), rng).next();
    Utility one = u;
    assertSame(one, one.step(local(one, G, 3, dg), rng).next());
    assertViolation("DIST-S-07", () -> one.step(local(one, G, 3, new BinnedDistribution(GRID, q, 30)), rng));
    assertViolation("DIST-S-05", () -> one.step(local(one, h, 4, dg), rng));
    assertViolation("DIST-V-04", () -> one.step(local(one, h, 3,
        new BinnedDistribution(new BinGrid(0, 1000, 21), new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1)), rng));
    // A group the utility does not serve: its policy refuses the claim (AUTH-V-06); verified
    // under a policy that allows it, the party still refuses.
    GroupId west = new GroupId("west");
    assertViolation("AUTH-V-06", () -> collectorKeys.verified(
        west, localEnvelope(west, 3, dg), one, Set.of(G, h, west)));
    assertViolation("DIST-V-03", () -> one.step(new Utility.Input.Inbound(collectorKeys.verified(
        west, localEnvelope(west, 3, dg), ANY, Set.of(G, h, west))), rng));
    u = u.step(local(u, h, 3, new BinnedDistribution(GRID, q, 10)), rng).next();
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
  void utility_acceptsLocalsOnlyFromTheGroupsOwnCollector() throws Exception {
    GroupId h = new GroupId("south");
    Utility u = Utility.create(GRID, PLAN.tariff().digest(),
        Map.of(G, CollectorKeys.identity(G), h, CollectorKeys.identity(h)), new Round(3));
    double[] p = new double[20];
    p[0] = 1;
    BinnedDistribution d = new BinnedDistribution(GRID, p, 30);
    // south's collector signs a distribution for north: a valid signature, the wrong collector.
    assertViolation("DIST-V-03", () -> u.step(new Utility.Input.Inbound(
        collectorKeys.verified(h, localEnvelope(G, 3, d), u, u.groups())), rng));
    // The shared role key of LOCAL_CONCENTRATOR (principal LOCAL_CONCENTRATOR) is no collector.
    assertViolation("DIST-V-03", () -> u.step(new Utility.Input.Inbound(
        pki.verified(localEnvelope(G, 3, d), CODEC, u)), rng));
    // A licensed meter may not send as LOCAL_CONCENTRATOR (receiver policy, AUTH-V-06)...
    assertEquals(false, u.mayClaim(Address.LOCAL_CONCENTRATOR, Address.identified(M)));
    assertTrue(u.mayClaim(Address.LOCAL_CONCENTRATOR, Address.identified(CollectorKeys.identity(h))));
    assertTrue(u.mayClaim(Address.identified(M), Address.identified(M)));
    // ...and a meter licensed under a collector's identity still carries a licence: refused.
    assertViolation("DIST-V-03", () -> u.step(new Utility.Input.Inbound(CollectorKeys.licensed(
        pki, CollectorKeys.identity(G), localEnvelope(G, 3, d), u, u.groups())), rng));
    assertTrue(u.isAddressedTo(Address.SUPPLIER));
    assertEquals(false, u.isAddressedTo(Address.LOCAL_CONCENTRATOR));
  }

  @Test
  void utility_countsEachBillOnce_andRefusesContradictions() throws Exception {
    Utility u = Utility.create(GRID, PLAN.tariff().digest(), Map.of(G, CollectorKeys.identity(G)),
        new Round(0));
    Step<Utility> q = u.step(new Utility.Input.QueryBill(M, G, 2), rng);
    assertEquals(Address.identified(M), q.outbound().get(0).recipient());
    Utility asked = q.next();
    Utility.Input bill = new Utility.Input.Inbound(pki.verified(new Envelope<>(Address.identified(M),
        Address.SUPPLIER, G, new Round(2), new DistortionMessage.BillingResponse(2, 900, 3)),
        CODEC, asked));
    Step<Utility> got = asked.step(bill, rng);
    assertEquals(1, got.events().size());
    Step<Utility> again = got.next().step(bill, rng);
    assertTrue(again.events().isEmpty(), "a repeated bill is not counted twice");
    assertViolation("DIST-V-06", () -> got.next().step(new Utility.Input.Inbound(pki.verified(
        new Envelope<>(Address.identified(M), Address.SUPPLIER, G, new Round(2),
            new DistortionMessage.BillingResponse(2, 901, 3)), CODEC, asked)), rng));
    assertViolation("DIST-V-03", () -> u.step(bill, rng)); // never asked
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(pki.verified(
        new Envelope<>(Address.identified(M), Address.SUPPLIER, G, new Round(3),
            new DistortionMessage.BillingResponse(2, 900, 3)), CODEC, asked)), rng));
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(pki.verified(
        new Envelope<>(Address.identified(M), Address.AGGREGATOR, G, new Round(2),
            new DistortionMessage.BillingResponse(2, 900, 3)), CODEC,
        ReceiverPolicy.of(Address.AGGREGATOR))), rng));
    assertViolation("DIST-V-03", () -> asked.step(new Utility.Input.Inbound(pki.verified(
        new Envelope<>(Address.identified(M), Address.SUPPLIER, G, new Round(2),
            new DistortionMessage.DistortedReading(1)), CODEC, asked)), rng));
    // A bill signed by a role key (the collector's identity) instead of under a meter's licence.
    MeterId lc = CollectorKeys.identity(G);
    Utility askedLc = asked.step(new Utility.Input.QueryBill(lc, G, 2), rng).next();
    assertViolation("DIST-V-03", () -> askedLc.step(new Utility.Input.Inbound(collectorKeys.verified(
        G, new Envelope<>(Address.identified(lc), Address.SUPPLIER, G, new Round(2),
            new DistortionMessage.BillingResponse(2, 900, 3)), askedLc, askedLc.groups())), rng));
    assertTrue(got.events().get(0).toString().contains("redacted"));
  }
}
