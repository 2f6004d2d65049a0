// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.TestPki;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Authentication of the blinding parties (spec/blinding.md §5.3): licences checked by the TTP at
 * set-up and by the aggregator's verifier on every contribution, the parties' receiver policies,
 * and the sender checks that rest on the verified principal.
 */
class AuthenticationTest {
  private static final PaillierKeyPair KEYS = TestKeys.k2048();
  private static final GroupId GROUP = new GroupId("lic");

  private final RandomSource random = DeterministicRandomSource.fromSeed(31);
  private final TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(32));

  private static MeterId sm(int i) {
    return new MeterId("sm-" + i);
  }

  private AuthenticatedGroup group(int n, boolean recovery, RevocationList revocations) {
    BlindingParameters params = BlindingParameters.of(8, 10_000, recovery);
    return new AuthenticatedGroup(pki, GROUP, n, params, FaultPlan.NONE, 7, null, revocations);
  }

  private SignedLicence licence(long serial, int meter, GroupId group, Round from, Round until) {
    return SignedLicence.issue(
        new Licence(serial, sm(meter), pki.meterKey(sm(meter)).publicKey(), group, from, until),
        pki.key(Address.SUPPLIER));
  }

  private Map<MeterId, String> excluded(AuthenticatedGroup g) {
    Map<MeterId, String> out = new HashMap<>();
    for (ProtocolEvent e : g.network.events()) {
      if (e instanceof MeterExcluded x) {
        assertEquals(GROUP, x.group());
        out.put(x.meter(), x.check().value());
      }
    }
    return out;
  }

  @Test
  void setUp_refusedLicences_keepTheirMetersOutOfTheDealtGroup() throws Exception {
    long revoked = 700;
    AuthenticatedGroup g = group(7, false, new RevocationList(1, Set.of(revoked)));
    Ed25519SigningKey stranger = Ed25519SigningKey.generate(random);
    List<SignedLicence> roster = new ArrayList<>();
    roster.add(pki.licence(sm(1), GROUP));
    roster.add(pki.licence(sm(2), GROUP));
    roster.add(licence(703, 3, GROUP, Round.FIRST, Round.FIRST)); // expired before set-up
    roster.add(licence(revoked, 4, GROUP, Round.FIRST, Anchor.FOREVER));
    roster.add(licence(705, 5, new GroupId("other"), Round.FIRST, Anchor.FOREVER));
    roster.add(SignedLicence.issue(
        new Licence(706, sm(6), pki.meterKey(sm(6)).publicKey(), GROUP, Round.FIRST, Anchor.FOREVER),
        pki.key(Address.AGGREGATOR))); // signed by a key the TTP trusts, but not the supplier's
    roster.add(SignedLicence.issue(
        new Licence(707, sm(7), pki.meterKey(sm(7)).publicKey(), GROUP, Round.FIRST, Anchor.FOREVER),
        stranger)); // signed by an unknown key
    g.setUp(roster, KEYS);
    assertEquals(
        Map.of(sm(3), "AUTH-V-10", sm(4), "AUTH-V-11", sm(5), "AUTH-V-07", sm(6), "AUTH-V-06",
            sm(7), "AUTH-V-02"),
        excluded(g));
    for (int i = 1; i <= 7; i++) {
      assertEquals(i <= 2, g.meters.get(sm(i)).party().isReady(), "dealt to " + sm(i));
    }
    // The dealt group is the two admitted meters: their round is exact over both.
    g.round(1);
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, g.supplierOutcomes.get(0));
    assertEquals(2, e.contributors());
    assertEquals(0, e.recovered());
    assertEquals(1, g.checkOutcomes());
  }

  @Test
  void setUp_withFewerThanTwoValidLicences_isRefused() {
    TrustedThirdParty t = TrustedThirdParty.create(GROUP, BlindingParameters.of(4, 100, false));
    List<SignedLicence> roster =
        List.of(pki.licence(sm(1), GROUP), licence(802, 2, GROUP, Round.FIRST, Round.FIRST));
    assertRefused("BLND-P-02", () -> t.step(
        new BlindingInput.SetupWithKeys(roster, KEYS, pki.anchors(), RevocationList.NONE, new Round(1)),
        random));
    assertFalse(t.isSetUp());
  }

  @Test
  void licenceExpiringAfterSetUp_stopsCounting_roundVoided() throws Exception {
    AuthenticatedGroup g = group(3, false, RevocationList.NONE);
    SignedLicence shortLived = licence(901, 2, GROUP, Round.FIRST, new Round(2));
    g.meters.get(sm(2)).relicense(shortLived, pki.meterKey(sm(2)));
    g.setUp(List.of(pki.licence(sm(1), GROUP), shortLived, pki.licence(sm(3), GROUP)), KEYS);
    assertEquals(Map.of(), excluded(g));
    g.round(1);
    g.round(2);
    g.round(3);
    assertEquals(1, g.network.rejections().get("AUTH-V-10"));
    assertEquals(2, g.checkOutcomes());
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, g.supplierOutcomes.get(2));
    assertEquals(3, v.round().index());
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
  }

  @Test
  void licenceRevokedAfterSetUp_stopsCounting_roundRecovered() throws Exception {
    AuthenticatedGroup g = group(3, true, RevocationList.NONE);
    g.setUp(KEYS);
    g.round(1);
    long serial = pki.licence(sm(2), GROUP).licence().serial();
    g.aggregator.updateRevocations(
        SignedRevocationList.issue(new RevocationList(1, Set.of(serial)), pki.key(Address.SUPPLIER)),
        new Round(2));
    g.round(2);
    assertEquals(1, g.network.rejections().get("AUTH-V-11"));
    assertEquals(2, g.checkOutcomes());
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, g.supplierOutcomes.get(1));
    assertEquals(2, e.contributors());
    assertEquals(1, e.recovered());
  }

  @Test
  void licenceOfAnotherGroup_atContribution_isRefused() throws Exception {
    AuthenticatedGroup g = group(2, false, RevocationList.NONE);
    g.setUp(KEYS);
    g.meters.get(sm(1)).relicense(
        licence(903, 1, new GroupId("other"), Round.FIRST, Anchor.FOREVER), pki.meterKey(sm(1)));
    g.round(1);
    assertEquals(1, g.network.rejections().get("AUTH-V-07"));
    assertEquals(0, g.checkOutcomes());
    assertInstanceOf(RoundOutcome.Voided.class, g.supplierOutcomes.get(0));
  }

  @Test
  void frames_forAnotherParty_areRefused() throws Exception {
    AuthenticatedGroup g = group(2, false, RevocationList.NONE);
    g.setUp(KEYS);
    BlindingMessage deal =
        new BlindingMessage.SeedDeal(KeySize.BITS_2048, 1, 2, KEYS.publicKey().n(), KEYS.publicKey().hs(),
            SecretBytes.random(32, random),
            SecretBytes.random(32, random));
    byte[] toSm1 = signed(new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.identified(sm(1)), GROUP,
        Round.FIRST, deal), pki.key(Address.TRUSTED_THIRD_PARTY));
    assertViolation("AUTH-V-13", () -> g.meters.get(sm(2)).receive(toSm1, Round.FIRST, random));
    byte[] broadcast = signed(new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.GROUP_BROADCAST, GROUP,
        Round.FIRST, deal), pki.key(Address.TRUSTED_THIRD_PARTY));
    assertViolation("AUTH-V-13", () -> g.meters.get(sm(2)).receive(broadcast, Round.FIRST, random));
    BlindingMessage agg = new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, 2, 0);
    byte[] toTtp = signed(new Envelope<>(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY, GROUP,
        Round.FIRST, agg), pki.key(Address.AGGREGATOR));
    assertViolation("AUTH-V-13", () -> g.supplier.receive(toTtp, Round.FIRST, random));
  }

  @Test
  void receiverPolicies_acceptOwnAddressesOnly() {
    BlindingParameters params = BlindingParameters.of(4, 100, false);
    List<Address> all = List.of(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, Address.SUPPLIER,
        Address.GROUP_BROADCAST, Address.LOCAL_CONCENTRATOR, Address.identified(sm(1)),
        Address.identified(sm(2)));
    Map<Address, ReceiverPolicy> parties = Map.of(
        Address.TRUSTED_THIRD_PARTY, TrustedThirdParty.create(GROUP, params),
        Address.AGGREGATOR, Aggregator.create(GROUP, params),
        Address.SUPPLIER, Supplier.create(GROUP, params),
        Address.identified(sm(1)), Meter.create(GROUP, sm(1), params));
    for (Map.Entry<Address, ReceiverPolicy> p : parties.entrySet()) {
      for (Address to : all) {
        assertEquals(to.equals(p.getKey()), p.getValue().isAddressedTo(to), p.getKey() + " <- " + to);
      }
    }
  }

  @Test
  void meterClaimingAnotherMetersIdentity_isRefused() throws Exception {
    AuthenticatedGroup g = group(2, false, RevocationList.NONE);
    g.setUp(KEYS);
    byte[] frame = TestAuth.CODEC.encode(new Envelope<>(Address.identified(sm(1)), Address.AGGREGATOR, GROUP,
        new Round(1), new BlindingMessage.Contribution(KeySize.BITS_2048, BigInteger.ONE)));
    byte[] asSm2 = AuthCodec.signLicensed(frame, 0, pki.licence(sm(2), GROUP), pki.meterKey(sm(2)));
    assertViolation("AUTH-V-06", () -> g.aggregator.receive(asSm2, new Round(1), random));
  }

  @Test
  void contribution_notInALicensedFrame_isRefused() throws Exception {
    // An aggregator that (wrongly) trusts a meter's key as an anchor: the signed frame verifies
    // with principal Identified(sm-1), but a contribution must carry its licence (kind 3).
    AuthenticatedGroup g = group(2, false, RevocationList.NONE);
    g.setUp(KEYS);
    Ed25519SigningKey key = pki.meterKey(sm(1));
    TrustAnchors anchors = TrustAnchors.empty()
        .with(Anchor.of(Address.TRUSTED_THIRD_PARTY, pki.key(Address.TRUSTED_THIRD_PARTY).publicKey()))
        .with(Anchor.of(Address.identified(sm(1)), key.publicKey()));
    Endpoint<Aggregator, BlindingInput, BlindingMessage> a = Endpoint.signing(g.aggregator.party(), TestAuth.CODEC,
        BlindingInput.Inbound::new, EnvelopeVerifier.of(TestAuth.CODEC, Address.AGGREGATOR, GROUP, anchors),
        pki.key(Address.AGGREGATOR), 0);
    byte[] frame = TestAuth.CODEC.encode(new Envelope<>(Address.identified(sm(1)), Address.AGGREGATOR, GROUP,
        new Round(1), new BlindingMessage.Contribution(KeySize.BITS_2048, BigInteger.ONE)));
    assertViolation("BLND-V-03", () -> a.receive(AuthCodec.sign(frame, 0, key), new Round(1), random));
    assertTrue(g.aggregator.party().isSetUp());
  }

  private static byte[] signed(Envelope<BlindingMessage> e, Ed25519SigningKey key) {
    return AuthCodec.sign(TestAuth.CODEC.encode(e), 0, key);
  }
}
