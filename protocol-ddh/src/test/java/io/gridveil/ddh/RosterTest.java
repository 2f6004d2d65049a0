// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys, parameters, roster signature and re-key (spec/ddh.md §1.3, §2). */
class RosterTest {
  private static final DdhParameters P = DdhParameters.of(5, 1000, 64);

  @Test
  void parameters_refuseBadModulusGroupSizeAndMinimum() {
    assertRefused("DDH-P-01", () -> new DdhParameters(new AggregationParameters(
        4, 10, new Modulus(BigInteger.valueOf(1000)), false, ReadingUnit.WATT_HOUR), 2));
    assertRefused("DDH-P-01", () -> new DdhParameters(new AggregationParameters(
        4, 10, Modulus.powerOfTwo(65), false, ReadingUnit.WATT_HOUR), 2));
    assertRefused("DDH-P-02", () -> DdhParameters.of(2, 10, 64));
    assertRefused("DDH-P-03", () -> new DdhParameters(AggregationParameters.unsignedPowerOfTwo(4, 10, 64), 1));
    assertRefused("DDH-P-03", () -> new DdhParameters(AggregationParameters.unsignedPowerOfTwo(4, 10, 64), 5));
  }

  @Test
  void publicKeys_refuseNonCanonicalTwistAndSmallOrder() {
    byte[] p = HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    assertViolation("DDH-E-01", () -> Roster.validatedKey(p));
    assertViolation("DDH-E-01", () -> Roster.validatedKey(new byte[31]));
    byte[] two = new byte[32];
    two[0] = 2;
    assertViolation("DDH-V-01", () -> Roster.validatedKey(two));
    assertViolation("DDH-V-02", () -> Roster.validatedKey(new byte[32]));
  }

  @Test
  void supplierRoster_refusesTooFewOrRepeatedMembers() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    List<DdhEnrolment> two = g.enrolments().subList(0, 2);
    assertRefused("DDH-P-04", () -> DdhSupplier.create(P, g.group, 1, two, g.admission, g.supplierKey, g.signingKey));
    List<DdhEnrolment> dup = new ArrayList<>(g.enrolments());
    dup.add(new DdhEnrolment(g.pki.licence(new MeterId("m-9"), g.group), g.keys.get(0).publicKey()));
    assertRefused("DDH-P-04", () -> DdhSupplier.create(P, g.group, 1, dup, g.admission, g.supplierKey, g.signingKey));
    List<DdhEnrolment> twice = new ArrayList<>(g.enrolments());
    twice.add(g.enrolments().get(1));
    assertRefused("DDH-P-04", () -> DdhSupplier.create(P, g.group, 1, twice, g.admission, g.supplierKey, g.signingKey));
  }

  @Test
  void rosterSignedByAnotherKey_isRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    Ed25519SigningKey other = Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(5));
    assertViolation("DDH-V-03", () -> DdhMeter.create(P, g.ids.get(0), g.keys.get(0), other.publicKey(), g.supplier.signedRoster()));
    assertViolation("DDH-V-03", () -> DdhAggregator.create(P, g.group, other.publicKey(), g.supplier.signedRoster()));
  }

  @Test
  void unsignedOrTamperedRoster_isRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    io.gridveil.core.message.EnvelopeCodec<DdhMessage> codec =
        io.gridveil.core.message.EnvelopeCodec.of(DdhCodec.INSTANCE);
    byte[] frame = codec.encode(g.supplier.announcement());
    byte[] unsigned = frame.clone();
    java.util.Arrays.fill(unsigned, unsigned.length - 64, unsigned.length, (byte) 0);
    Envelope<DdhMessage> e1 = codec.decode(unsigned);
    assertViolation("DDH-V-03", () -> g.meters.get(0).step(g.in(e1, g.meters.get(0)), EdatRounds.RNG));
    // Raise the signed version from 1 to 2 without re-signing: the version follows the roster's
    // copy of the group ID, the second occurrence of "g-test" in the frame.
    byte[] tampered = frame.clone();
    byte[] gid = "g-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = -1;
    for (int i = 0, seen = 0; i + gid.length <= tampered.length && at < 0; i++) {
      if (java.util.Arrays.equals(tampered, i, i + gid.length, gid, 0, gid.length) && ++seen == 2) {
        at = i + gid.length + 7;
      }
    }
    assertEquals(1, tampered[at]);
    tampered[at] = 2;
    Envelope<DdhMessage> e2 = codec.decode(tampered);
    assertEquals(2, ((DdhMessage.RosterAnnouncement) e2.body()).roster().unverifiedRoster().version());
    assertViolation("DDH-V-03", () -> g.aggregator.step(g.in(e2, g.aggregator), EdatRounds.RNG));
  }

  @Test
  void rosterForAnotherGroupOrMalformed_isRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    assertViolation("DDH-V-04", () -> DdhAggregator.create(P, new GroupId("elsewhere"), g.signingKey.publicKey(), g.supplier.signedRoster()));
    Roster tooSmall = new Roster(g.group, 1, g.supplierKey.publicKey(), g.entries().subList(0, 2));
    SignedRoster s = SignedRoster.sign(tooSmall, g.signingKey);
    assertViolation("DDH-V-04", () -> DdhMeter.create(P, g.ids.get(0), g.keys.get(0), g.signingKey.publicKey(), s));
  }

  @Test
  void rosterWithoutThisMeterOrWithAnotherKey_isRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 4, 1);
    X25519PrivateKey stranger = X25519PrivateKey.generate(DeterministicRandomSource.fromSeed(8));
    assertViolation("DDH-V-05", () -> DdhMeter.create(P, new MeterId("m-77"), stranger, g.signingKey.publicKey(), g.supplier.signedRoster()));
    assertViolation("DDH-V-05", () -> DdhMeter.create(P, g.ids.get(1), stranger, g.signingKey.publicKey(), g.supplier.signedRoster()));
  }

  @Test
  void rekey_changesPadsAndStaleRosterIsRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 4, 1);
    List<DdhEnrolment> entries = g.enrolments();
    X25519PrivateKey fresh = X25519PrivateKey.generate(DeterministicRandomSource.fromSeed(11));
    entries.set(2, new DdhEnrolment(g.pki.licence(g.ids.get(2), g.group), fresh.publicKey()));
    Step<DdhSupplier> rk = g.supplier.rekey(entries, g.admission);
    assertEquals(2, rk.next().rosterVersion());
    @SuppressWarnings("unchecked") // the supplier emits EDAT envelopes
    Envelope<DdhMessage> ann = (Envelope<DdhMessage>) rk.outbound().get(0);
    DdhMeter m0 = g.meters.get(0);
    long before = m0.encrypt(new Round(1), io.gridveil.core.Reading.ofWattHours(5));
    Step<DdhMeter> s = m0.step(g.in(ann, m0), EdatRounds.RNG);
    assertEquals(new RosterAccepted(g.group, 2), s.events().get(0));
    assertNotEquals(before, s.next().encrypt(new Round(1), io.gridveil.core.Reading.ofWattHours(5)));
    // The old meter 2 no longer matches the roster; the stale announcement is refused by the new state.
    assertViolation("DDH-V-05", () -> g.meters.get(2).step(g.in(ann, g.meters.get(2)), EdatRounds.RNG));
    DdhMeter rekeyed = s.next();
    assertViolation("DDH-S-01", () -> rekeyed.step(g.in(ann, rekeyed), EdatRounds.RNG));
    Envelope<DdhMessage> first = g.supplier.announcement();
    assertViolation("DDH-S-01", () -> rekeyed.step(g.in(first, rekeyed), EdatRounds.RNG));
    DdhAggregator a = g.aggregator.step(g.in(ann, g.aggregator), EdatRounds.RNG).next();
    assertEquals(2, a.rosterVersion());
    assertViolation("DDH-S-01", () -> a.step(g.in(ann, a), EdatRounds.RNG));
  }

  @Test
  void roundAfterRekey_decryptsUnderTheNewKeys() throws Exception {
    EdatGroup g = new EdatGroup(P, 4, 2);
    EdatRounds r = new EdatRounds(g);
    long[] e = {5, 6, 7, 8};
    assertEquals(26, ((io.gridveil.core.party.RoundOutcome.Exact) EdatRounds.only(
        r.run(new Round(0), e, java.util.Set.of()))).sum());
    List<DdhEnrolment> entries = g.enrolments();
    X25519PrivateKey fresh = X25519PrivateKey.generate(DeterministicRandomSource.fromSeed(12));
    entries.set(1, new DdhEnrolment(g.pki.licence(g.ids.get(1), g.group), fresh.publicKey()));
    Step<DdhSupplier> rk = r.supplier.rekey(entries, g.admission);
    r.supplier = rk.next();
    @SuppressWarnings("unchecked") // the supplier emits EDAT envelopes
    Envelope<DdhMessage> ann = (Envelope<DdhMessage>) rk.outbound().get(0);
    r.aggregator = r.aggregator.step(g.in(ann, r.aggregator), EdatRounds.RNG).next();
    for (int i = 0; i < 4; i++) {
      r.meters.set(i, i == 1
          ? DdhMeter.create(P, g.ids.get(1), fresh, g.signingKey.publicKey(), r.supplier.signedRoster())
          : r.meters.get(i).step(g.in(ann, r.meters.get(i)), EdatRounds.RNG).next());
    }
    assertEquals(26, ((io.gridveil.core.party.RoundOutcome.Exact) EdatRounds.only(
        r.run(new Round(1), e, java.util.Set.of(2)))).sum() + 7);
  }

  @Test
  void rosterFromANonSupplier_isRefused() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    Envelope<DdhMessage> forged = new Envelope<>(Address.AGGREGATOR, Address.GROUP_BROADCAST, g.group, Round.FIRST,
        new DdhMessage.RosterAnnouncement(g.supplier.signedRoster()));
    assertViolation("DDH-V-06", () -> g.meters.get(0).step(g.in(forged, g.meters.get(0)), EdatRounds.RNG));
    assertViolation("DDH-V-06", () -> g.aggregator.step(g.in(forged, g.aggregator), EdatRounds.RNG));
  }

  @Test
  void secretsAreRedacted() throws Exception {
    EdatGroup g = new EdatGroup(P, 3, 1);
    assertFalse(g.keys.get(0).toString().matches(".*[0-9a-f]{16}.*"));
    assertTrue(g.signingKey.toString().contains("redacted"));
    assertTrue(g.keys.get(0).toString().contains("redacted"));
  }
}
