// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Licences at set-up, at re-key and on every frame; principals decide roles (spec/ddh.md §10). */
class DdhAuthenticationTest {
  private static final DdhParameters P = DdhParameters.of(4, 100, 32);
  private static final Round NOW = new Round(10);
  private static final GroupId FOREIGN = new GroupId("g-other");

  private static EdatGroup group() throws Exception {
    return new EdatGroup(P, 4, 5);
  }

  /** A licence for meter i of the group under a fresh key, signed by {@code signer}. */
  private static SignedLicence licence(EdatGroup g, long serial, int i, GroupId group, long from, long until,
      Ed25519SigningKey key, Ed25519SigningKey signer) {
    return SignedLicence.issue(
        new Licence(serial, g.ids.get(i), key.publicKey(), group, new Round(from), new Round(until)), signer);
  }

  private static List<DdhEnrolment> with(EdatGroup g, int i, SignedLicence l) {
    List<DdhEnrolment> out = new ArrayList<>(g.enrolments());
    out.set(i, new DdhEnrolment(l, g.keys.get(i).publicKey()));
    return out;
  }

  private static Admission at(EdatGroup g, RevocationList revoked) {
    return new Admission(g.pki.anchors(), revoked, NOW);
  }

  @Test
  void setUp_refusesExpiredRevokedForeignOrUnsignedLicences() throws Exception {
    EdatGroup g = group();
    Ed25519SigningKey k = Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(3));
    Ed25519SigningKey supplier = g.pki.key(Address.SUPPLIER);
    Admission none = at(g, RevocationList.NONE);
    List<DdhEnrolment> expired = with(g, 1, licence(g, 50, 1, g.group, 0, 5, k, supplier));
    assertViolation("AUTH-V-10", () -> DdhSupplier.create(P, g.group, 1, expired, none, g.supplierKey, g.signingKey));
    List<DdhEnrolment> notYet = with(g, 1, licence(g, 51, 1, g.group, 11, 20, k, supplier));
    assertViolation("AUTH-V-10", () -> DdhSupplier.create(P, g.group, 1, notYet, none, g.supplierKey, g.signingKey));
    List<DdhEnrolment> foreign = with(g, 2, licence(g, 52, 2, FOREIGN, 0, 20, k, supplier));
    assertViolation("AUTH-V-07", () -> DdhSupplier.create(P, g.group, 1, foreign, none, g.supplierKey, g.signingKey));
    long serial = g.pki.licence(g.ids.get(3), g.group).licence().serial();
    Admission revoked = at(g, new RevocationList(1, Set.of(serial)));
    assertViolation("AUTH-V-11", () -> DdhSupplier.create(P, g.group, 1, g.enrolments(), revoked, g.supplierKey, g.signingKey));
    List<DdhEnrolment> byAggregator = with(g, 0, licence(g, 53, 0, g.group, 0, 20, k, g.pki.key(Address.AGGREGATOR)));
    assertViolation("AUTH-V-06", () -> DdhSupplier.create(P, g.group, 1, byAggregator, none, g.supplierKey, g.signingKey));
    List<DdhEnrolment> byStranger = with(g, 0, licence(g, 54, 0, g.group, 0, 20, k, k));
    assertViolation("AUTH-V-02", () -> DdhSupplier.create(P, g.group, 1, byStranger, none, g.supplierKey, g.signingKey));
    assertEquals(1, DdhSupplier.create(P, g.group, 1, g.enrolments(), none, g.supplierKey, g.signingKey).rosterVersion());
  }

  @Test
  void rekey_refusesARevokedLicenceAndKeepsTheRosterInForce() throws Exception {
    EdatGroup g = group();
    long serial = g.pki.licence(g.ids.get(2), g.group).licence().serial();
    Admission revoked = at(g, new RevocationList(1, Set.of(serial)));
    DdhSupplier s = g.supplier;
    assertViolation("AUTH-V-11", () -> s.rekey(g.enrolments(), revoked));
    assertViolation("AUTH-V-11", () -> s.step(new DdhInput.Rekey(g.enrolments(), revoked), EdatRounds.RNG));
    assertEquals(1, s.rosterVersion());
    List<DdhEnrolment> without = new ArrayList<>(g.enrolments());
    without.remove(2);
    Step<DdhSupplier> rk = s.step(new DdhInput.Rekey(without, revoked), EdatRounds.RNG);
    assertEquals(2, rk.next().rosterVersion());
    DdhMessage.RosterAnnouncement ann = assertInstanceOf(DdhMessage.RosterAnnouncement.class, rk.outbound().get(0).body());
    assertEquals(3, ann.roster().unverifiedRoster().size());
    assertEquals(-1, ann.roster().unverifiedRoster().positionOf(g.ids.get(2)));
  }

  @Test
  void contribution_underAnExpiredRevokedOrForeignLicence_isRefusedByTheAggregatorsVerifier() throws Exception {
    EdatGroup g = group();
    Ed25519SigningKey supplier = g.pki.key(Address.SUPPLIER);
    Ed25519SigningKey k = Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(4));
    EdatNet net = new EdatNet(g, new RevocationList(1, Set.of(77L)), FaultPlan.NONE, null, 1);
    byte[] frame = EdatGroup.CODEC.encode(new Envelope<>(Address.identified(g.ids.get(0)), Address.AGGREGATOR, g.group,
        NOW, new DdhMessage.Contribution(1, 5)));
    SignedLicence expired = licence(g, 60, 0, g.group, 0, 5, k, supplier);
    assertViolation("AUTH-V-10", () -> net.aggregator.receive(AuthCodec.signLicensed(frame, 1, expired, k), NOW, EdatRounds.RNG));
    SignedLicence revoked = licence(g, 77, 0, g.group, 0, 20, k, supplier);
    assertViolation("AUTH-V-11", () -> net.aggregator.receive(AuthCodec.signLicensed(frame, 2, revoked, k), NOW, EdatRounds.RNG));
    SignedLicence foreign = licence(g, 61, 0, FOREIGN, 0, 20, k, supplier);
    assertViolation("AUTH-V-07", () -> net.aggregator.receive(AuthCodec.signLicensed(frame, 3, foreign, k), NOW, EdatRounds.RNG));
    // The meter's own licence is accepted, once.
    byte[] genuine = AuthCodec.signLicensed(frame, 4, g.pki.licence(g.ids.get(0), g.group), g.pki.meterKey(g.ids.get(0)));
    net.aggregator.receive(genuine, NOW, EdatRounds.RNG);
    assertViolation("AUTH-V-08", () -> net.aggregator.receive(genuine, NOW, EdatRounds.RNG));
  }

  @Test
  void revealUnderARevokedLicence_isRefusedByTheSuppliersVerifier() throws Exception {
    EdatGroup g = group();
    MeterId m1 = g.ids.get(1);
    SignedLicence l = g.pki.licence(m1, g.group);
    EdatNet net = new EdatNet(g, new RevocationList(1, Set.of(l.licence().serial())), FaultPlan.NONE, null, 1);
    byte[] frame = EdatGroup.CODEC.encode(new Envelope<>(Address.identified(m1), Address.SUPPLIER, g.group, NOW,
        new DdhMessage.PadReveal(1, 2, SecretLong.of(9))));
    assertViolation("AUTH-V-11", () -> net.supplier.receive(AuthCodec.signLicensed(frame, 1, l, g.pki.meterKey(m1)), NOW,
        EdatRounds.RNG));
  }

  @Test
  void licenceRevokedAfterSetUp_stopsCounting_andTheRoundIsRecoveredOrRekeyedWithoutIt() throws Exception {
    EdatGroup g = group();
    EdatNet net = new EdatNet(g, RevocationList.NONE, FaultPlan.NONE, null, 1);
    long[] e = {10, 20, 30, 40};
    net.readings(new Round(10), e, Set.of());
    net.close(new Round(10), 2);
    long serial = g.pki.licence(g.ids.get(2), g.group).licence().serial();
    RevocationList revoked = new RevocationList(1, Set.of(serial));
    net.revoke(revoked, new Round(11));
    net.readings(new Round(11), e, Set.of());
    net.close(new Round(11), 2);
    // The revoked meter's contribution is refused; its neighbours reveal; the sum is over the others.
    assertEquals(Integer.valueOf(1), net.net.rejections().get("AUTH-V-11"));
    Admission a = new Admission(g.pki.anchors(), revoked, new Round(12));
    assertViolation("AUTH-V-11", () -> net.supplier.input(new DdhInput.Rekey(g.enrolments(), a), EdatRounds.RNG));
    List<DdhEnrolment> without = new ArrayList<>(g.enrolments());
    without.remove(2);
    net.net.post(net.supplier.input(new DdhInput.Rekey(without, a), EdatRounds.RNG));
    net.net.run(new Round(12), 50);
    net.readings(new Round(12), e, Set.of());
    net.close(new Round(12), 2);
    net.net.run(new Round(12), 50);
    List<RoundOutcome> outcomes = new ArrayList<>();
    for (ProtocolEvent ev : net.net.events()) {
      if (ev instanceof RoundOutcome o) {
        outcomes.add(o);
      }
    }
    assertEquals(3, outcomes.size());
    RoundOutcome.Exact full = assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(0));
    assertEquals(100, full.sum());
    RoundOutcome.Exact recovered = assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(1));
    assertEquals(70, recovered.sum());
    assertEquals(1, recovered.recovered());
    RoundOutcome.Exact rekeyed = assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(2));
    assertEquals(70, rekeyed.sum());
    assertEquals(3, rekeyed.contributors());
    assertEquals(0, rekeyed.recovered());
    // The excluded meter refused the new roster (it is not listed) and its contribution its licence.
    assertEquals(Integer.valueOf(1), net.net.rejections().get("DDH-V-05"));
    assertEquals(Integer.valueOf(2), net.net.rejections().get("AUTH-V-11"));
  }

  @Test
  void contributionSignedWithoutItsLicence_isRefusedEvenUnderATrustedMeterKey() throws Exception {
    // A product that put a meter's licence key among its anchors would accept its kind-1 frames
    // with principal Identified(id) but without the per-frame licence check: the aggregator
    // still refuses them (spec/ddh.md §10.2).
    EdatGroup g = group();
    MeterId m0 = g.ids.get(0);
    Licence l = g.pki.licence(m0, g.group).licence();
    EnvelopeVerifier<DdhMessage> v = EnvelopeVerifier.of(EdatGroup.CODEC, g.aggregator, g.group,
        g.pki.anchors().with(l.anchor()));
    byte[] frame = EdatGroup.CODEC.encode(new Envelope<>(Address.identified(m0), Address.AGGREGATOR, g.group, NOW,
        new DdhMessage.Contribution(1, 5)));
    DdhInput in = new DdhInput.Inbound(v.verify(AuthCodec.sign(frame, 0, g.pki.meterKey(m0)), NOW));
    assertViolation("DDH-V-06", () -> g.aggregator.step(in, EdatRounds.RNG));
  }
}
