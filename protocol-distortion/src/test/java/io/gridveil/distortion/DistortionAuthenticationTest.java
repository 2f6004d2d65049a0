// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.testkit.TestPki;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The authentication of spec/distortion.md §13 at the endpoints: licences are checked on every
 * licensed frame (expired, revoked, foreign group), the billing query rests on the supplier's key,
 * and a replayed query is refused and changes nothing.
 */
class DistortionAuthenticationTest {
  private static final GroupId NORTH = new GroupId("north");
  private static final GroupId SOUTH = new GroupId("south");
  private static final Round SLOT = new Round(8);

  private final RandomSource rng = DeterministicRandomSource.fromSeed(21);
  private final TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(22));
  private final Ed25519SigningKey supplierKey = pki.key(Address.SUPPLIER);
  private final TrustAnchors supplierOnly =
      TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()));
  private final CollectorKeys collectorKeys =
      new CollectorKeys(DeterministicRandomSource.fromSeed(23), supplierOnly);

  private Endpoint<Collector, Collector.Input, DistortionMessage> collector(GroupId g) {
    Collector c = Collector.create(g, Neighbourhood.NOISE, Neighbourhood.GRID,
        Neighbourhood.OPTIONS, SLOT);
    return Endpoint.signing(c, Neighbourhood.CODEC, Collector.Input.Inbound::new,
        EnvelopeVerifier.of(Neighbourhood.CODEC, c, g, supplierOnly), collectorKeys.key(g), 0);
  }

  private Endpoint<Utility, Utility.Input, DistortionMessage> utility(RevocationList revoked) {
    Utility u = Utility.create(Neighbourhood.GRID, Neighbourhood.TARIFF.digest(),
        Map.of(NORTH, CollectorKeys.identity(NORTH)), Round.FIRST);
    return Endpoint.signing(u, Neighbourhood.CODEC, Utility.Input.Inbound::new,
        EnvelopeVerifier.of(Neighbourhood.CODEC, u, u.groups(), collectorKeys.anchors(u.groups()))
            .withRevocations(revoked),
        supplierKey, 0);
  }

  /** A meter of {@code group} that sends under {@code licence}. */
  private Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> meter(
      MeterId id, GroupId group, SignedLicence licence, Ed25519SigningKey key) {
    DistortingMeter m =
        DistortingMeter.create(id, group, Neighbourhood.NOISE, Neighbourhood.PLAN,
            BillingState.initial());
    return Endpoint.licensed(m, Neighbourhood.CODEC, DistortingMeter.Input.Inbound::new,
        EnvelopeVerifier.of(Neighbourhood.CODEC, m, group, supplierOnly), licence, key, 0);
  }

  private Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> licensedMeter(
      MeterId id, GroupId group) {
    return meter(id, group, pki.licence(id, group), pki.meterKey(id));
  }

  private byte[] reading(
      Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> m, Round slot, long wh)
      throws Exception {
    return m.input(new DistortingMeter.Input.LocalReading(slot, Reading.ofWattHours(wh)), rng)
        .outbound().get(0).bytes();
  }

  @Test
  void collector_refusesReadingUnderExpiredLicence() throws Exception {
    MeterId id = new MeterId("expired");
    Ed25519SigningKey key = pki.meterKey(id);
    SignedLicence until3 = SignedLicence.issue(
        new Licence(500, id, key.publicKey(), NORTH, Round.FIRST, new Round(3)), supplierKey);
    byte[] frame = reading(meter(id, NORTH, until3, key), SLOT, 700);
    Endpoint<Collector, Collector.Input, DistortionMessage> c = collector(NORTH);
    assertViolation("AUTH-V-10", () -> c.receive(frame, SLOT, rng));
    assertEquals(0, c.party().collected());
    // The same frame while the licence was valid: the receiver's round decides.
    c.receive(frame, new Round(3), rng);
    assertEquals(1, c.party().collected());
  }

  @Test
  void collector_checksRevocationOnEveryFrame_notOnlyTheFirst() throws Exception {
    MeterId id = new MeterId("revoked");
    Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> m =
        licensedMeter(id, NORTH);
    Endpoint<Collector, Collector.Input, DistortionMessage> c = collector(NORTH);
    c.receive(reading(m, SLOT, 300), SLOT, rng);
    assertEquals(1, c.party().collected());
    c.input(new Collector.Input.Deadline(SLOT), rng);
    long serial = pki.licence(id, NORTH).licence().serial();
    c.updateRevocations(
        SignedRevocationList.issue(new RevocationList(1, Set.of(serial)), supplierKey), SLOT);
    byte[] next = reading(m, SLOT.next(), 310);
    assertViolation("AUTH-V-11", () -> c.receive(next, SLOT.next(), rng));
    assertEquals(0, c.party().collected());
  }

  @Test
  void collector_refusesForeignGroupLicences() throws Exception {
    Endpoint<Collector, Collector.Input, DistortionMessage> c = collector(NORTH);
    // A meter of the south group, with its south licence, is not the north collector's.
    MeterId southern = new MeterId("southern");
    byte[] south = reading(licensedMeter(southern, SOUTH), SLOT, 100);
    assertViolation("AUTH-V-07", () -> c.receive(south, SLOT, rng));
    // A meter that claims the north group under a south licence.
    MeterId stray = new MeterId("stray");
    byte[] claimed = reading(meter(stray, NORTH, pki.licence(stray, SOUTH), pki.meterKey(stray)),
        SLOT, 100);
    assertViolation("AUTH-V-07", () -> c.receive(claimed, SLOT, rng));
    assertEquals(0, c.party().collected());
  }

  @Test
  void utility_refusesBillUnderRevokedLicence() throws Exception {
    MeterId id = new MeterId("billed");
    Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> m =
        licensedMeter(id, NORTH);
    for (long j = 0; j <= Neighbourhood.J; j++) {
      reading(m, new Round(j), 50 + j);
    }
    long serial = pki.licence(id, NORTH).licence().serial();
    Endpoint<Utility, Utility.Input, DistortionMessage> u =
        utility(new RevocationList(1, Set.of(serial)));
    byte[] query = u.input(new Utility.Input.QueryBill(id, NORTH, 0), rng).outbound().get(0)
        .bytes();
    byte[] bill = m.receive(query, SLOT, rng).outbound().get(0).bytes();
    assertViolation("AUTH-V-11", () -> u.receive(bill, SLOT, rng));
    // Without the revocation the same bill is accepted.
    Endpoint<Utility, Utility.Input, DistortionMessage> trusting = utility(RevocationList.NONE);
    trusting.input(new Utility.Input.QueryBill(id, NORTH, 0), rng);
    assertEquals(1, trusting.receive(bill, SLOT, rng).events().size());
  }

  @Test
  void meter_replayedBillingQuery_isRefused_andNoQueryChangesTheAccumulator() throws Exception {
    MeterId id = new MeterId("queried");
    Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> m =
        licensedMeter(id, NORTH);
    for (long j = 0; j <= Neighbourhood.J; j++) {
      reading(m, new Round(j), 40 + j);
    }
    DistortingMeter before = m.party();
    Endpoint<Utility, Utility.Input, DistortionMessage> u = utility(RevocationList.NONE);
    byte[] query = u.input(new Utility.Input.QueryBill(id, NORTH, 0), rng).outbound().get(0)
        .bytes();
    Endpoint.Output answered = m.receive(query, SLOT, rng);
    assertEquals(1, answered.outbound().size());
    assertSame(before, m.party());
    assertViolation("AUTH-V-08", () -> m.receive(query, SLOT, rng));
    assertSame(before, m.party());
    // A new query of the same cycle is answered with the same total, still without a reset.
    byte[] again = u.input(new Utility.Input.QueryBill(id, NORTH, 0), rng).outbound().get(0)
        .bytes();
    DistortionMessage.BillingResponse first = (DistortionMessage.BillingResponse)
        Neighbourhood.decodeInner(answered.outbound().get(0).bytes()).body();
    DistortionMessage.BillingResponse second = (DistortionMessage.BillingResponse)
        Neighbourhood.decodeInner(m.receive(again, SLOT, rng).outbound().get(0).bytes()).body();
    assertEquals(first, second);
    assertSame(before, m.party());
    assertEquals(before.billing(), m.party().billing());
  }

  @Test
  void meter_refusesQuerySignedByAnyKeyButTheSuppliers() throws Exception {
    MeterId id = new MeterId("target");
    Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage> m =
        licensedMeter(id, NORTH);
    // A collector's role key, which the meter does not trust.
    Utility u = Utility.create(Neighbourhood.GRID, Neighbourhood.TARIFF.digest(),
        Map.of(NORTH, CollectorKeys.identity(NORTH)), Round.FIRST);
    Endpoint<Utility, Utility.Input, DistortionMessage> impostor =
        Endpoint.signing(u, Neighbourhood.CODEC, Utility.Input.Inbound::new,
            EnvelopeVerifier.of(Neighbourhood.CODEC, u, u.groups(), supplierOnly),
            collectorKeys.key(NORTH), 0);
    byte[] query = impostor.input(new Utility.Input.QueryBill(id, NORTH, 0), rng).outbound()
        .get(0).bytes();
    assertViolation("AUTH-V-02", () -> m.receive(query, SLOT, rng));
  }
}
