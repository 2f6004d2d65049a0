// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 14 findings 1, 2 and 7 (spec/cmt.md §3.1, §3.4 step 5, §3.13,
 * §11.1): the holder of a revoked or expired meter's device key cannot key the supplier, speak as
 * the LC, or get its licence back by asking; licence arithmetic never overflows. Frames are sealed
 * as an attacker holding the key would seal them and verified by a verifier that trusts what a
 * product installs (the supplier's key and every enrolment anchor, never removed).
 */
class CmtRevocationTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 100, 16))
          .withMinGroupSize(3);
  private static final GroupId G = CmtGroupDriver.GROUP;
  private static final MeterId A = new MeterId("a");
  private static final MeterId B = new MeterId("b");
  private final RandomSource rng = DeterministicRandomSource.fromSeed(14);
  private final Ed25519SigningKey supplierKey = Ed25519SigningKey.generate(rng);
  private final X25519KeyPair readingKeys = X25519KeyPair.generate(rng);
  private final Ed25519SigningKey deviceA = Ed25519SigningKey.generate(rng);
  private final Ed25519SigningKey deviceB = Ed25519SigningKey.generate(rng);
  /** What a product installs: the supplier's key and both enrolment anchors, for ever. */
  private final TrustAnchors anchors = TrustAnchors.empty()
      .with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()))
      .with(Supplier.enrolmentAnchor(A, deviceA.publicKey()))
      .with(Supplier.enrolmentAnchor(B, deviceB.publicKey()));
  private long sequence;

  private Supplier enrolled(long licenceRounds) throws Exception {
    return Supplier.create(PARAMS, G, supplierKey, readingKeys)
        .withLicenceTerms(1, licenceRounds)
        .enrol(A, deviceA.publicKey())
        .enrol(B, deviceB.publicKey());
  }

  private CmtInput signed(Address from, CmtMessage m, Ed25519SigningKey key, Supplier s,
      Round now) throws ProtocolViolationException {
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(from, Address.SUPPLIER, G, now, m));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G, anchors)
        .verify(AuthCodec.sign(frame, sequence++, key), now, s));
  }

  private CmtInput licensed(Address from, CmtMessage m, SignedLicence l, Ed25519SigningKey key,
      Supplier s, Round now) throws ProtocolViolationException {
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(from, Address.SUPPLIER, G, now, m));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G, anchors)
        .verify(AuthCodec.signLicensed(frame, sequence++, l, key), now, s));
  }

  private Step<Supplier> ask(Supplier s, MeterId id, Ed25519SigningKey key) throws Exception {
    return s.step(signed(Address.identified(id), new CmtMessage.LicenceRequest(id), key, s,
        new Round(s.lastRequested())), rng);
  }

  private static SignedLicence granted(Step<Supplier> st) {
    return ((CmtMessage.LicenceGrant) st.outbound().get(0).body()).licence();
  }

  private Supplier licensed(Supplier s, MeterId id, Ed25519SigningKey key) throws Exception {
    return ask(s, id, key).next();
  }

  private List<X25519KeyPair> pairs(int n) {
    List<X25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(X25519KeyPair.generate(rng));
    }
    return out;
  }

  private static CmtMessage.GroupKey groupKey(long epoch, long k, List<X25519KeyPair> pairs) {
    List<X25519PublicKey> keys = new ArrayList<>();
    for (X25519KeyPair p : pairs) {
      keys.add(p.publicKey());
    }
    return CmtMessage.GroupKey.sorted(epoch, SecretLong.of(k), keys);
  }

  /** A GroupKey from {@code id} as the LC, licensed with its current licence. */
  private CmtInput lcKey(Supplier s, MeterId id, Ed25519SigningKey key, CmtMessage.GroupKey g)
      throws Exception {
    return licensed(Address.LOCAL_CONCENTRATOR, g, s.currentLicence(id).orElseThrow(), key, s,
        new Round(s.lastRequested()));
  }

  /** Runs one round of the given tokens with ciphertexts c; returns the supplier's events. */
  private List<ProtocolEvent> round(Supplier s, long j, long epoch, List<X25519KeyPair> tokens,
      long c) throws Exception {
    Supplier cur = s.step(new CmtInput.RequestRound(new Round(j)), rng).next();
    List<ProtocolEvent> events = new ArrayList<>();
    for (X25519KeyPair t : tokens) {
      ReadingKey k = ReadingKey.derive(t, readingKeys.publicKey(), G, epoch);
      Step<Supplier> st = cur.step(Frames.maced(cur, new Envelope<>(Address.meter(k.token()),
          Address.SUPPLIER, G, new Round(j),
          new CmtMessage.EncryptedReading(k.token(), epoch, c)), k, sequence++), rng);
      events.addAll(st.events());
      cur = st.next();
    }
    return events;
  }

  // ---- finding 1: an enrolment anchor authorises a licence request and nothing else ----------

  @Test
  void enrolmentKey_cannotSendAGroupKey_evenUnderLocalConcentrator() throws Exception {
    Supplier s = licensed(enrolled(0), A, deviceA);
    List<X25519KeyPair> own = pairs(3);
    // On a65ce1c this frame (kind 1, signed by dk_A, verified by A's enrolment anchor) keyed the
    // supplier, and MACed readings under the attacker's tokens then gave an exact sum of its
    // choosing.
    CmtInput forged = signed(Address.LOCAL_CONCENTRATOR, groupKey(1L << 40, 0, own), deviceA, s,
        Round.FIRST);
    assertViolation("CMT-V-11", () -> s.step(forged, rng));
    CmtInput asItself = signed(Address.identified(A), groupKey(1, 0, own), deviceA, s,
        Round.FIRST);
    assertViolation("CMT-V-11", () -> s.step(asItself, rng));
    assertEquals(-1, s.epoch());
    assertTrue(s.members().isEmpty());
  }

  @Test
  void revokedMeter_cannotKey_evenWithItsLicenceWhenTheEndpointMissedTheList() throws Exception {
    Supplier s = licensed(licensed(enrolled(0), A, deviceA), B, deviceB);
    SignedLicence licenceA = s.currentLicence(A).orElseThrow();
    Step<Supplier> rv = s.step(new CmtInput.Revoke(A, CmtInput.RevocationScope.IDENTITY), rng);
    Supplier after = rv.next();
    // the revocation is published as a supplier-signed list naming A's serial
    CmtEvent.RevocationIssued issued = (CmtEvent.RevocationIssued) rv.events().get(0);
    RevocationList list = Licences.update(RevocationList.NONE, issued.list(), anchors,
        Round.FIRST);
    assertTrue(list.isRevoked(licenceA.licence().serial()));
    assertEquals(list, after.revocations());
    List<X25519KeyPair> own = pairs(3);
    // under LOCAL_CONCENTRATOR the endpoint already refuses: A holds no current licence
    assertViolation("AUTH-V-06", () -> licensed(Address.LOCAL_CONCENTRATOR, groupKey(1, 0, own),
        licenceA, deviceA, after, Round.FIRST));
    // under its own identity the verifier (which missed the list) accepts; the supplier does not
    CmtInput own1 = licensed(Address.identified(A), groupKey(1, 0, own), licenceA, deviceA, after,
        Round.FIRST);
    assertViolation("CMT-V-12", () -> after.step(own1, rng));
    // and with the list installed the verifier refuses it too (AUTH-V-11)
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(Address.identified(A),
        Address.SUPPLIER, G, Round.FIRST, groupKey(1, 0, own)));
    assertViolation("AUTH-V-11", () -> EnvelopeVerifier.of(CmtGroupDriver.CODEC, after, G,
        anchors).withRevocations(list).verify(AuthCodec.signLicensed(frame, 99, licenceA,
        deviceA), Round.FIRST, after));
    assertEquals(-1, after.epoch());
    // B, licensed and unrevoked, keys the group as before
    List<X25519KeyPair> honest = pairs(3);
    Supplier keyed = after.step(lcKey(after, B, deviceB, groupKey(1, 0, honest)), rng).next();
    assertEquals(1, keyed.epoch());
    assertEquals(List.of(new RoundOutcome.Exact(G, new Round(1), 9, 3, 0)),
        round(keyed, 1, 1, honest, 3));
  }

  @Test
  void expiredLicence_cannotKey_andAskingAgainDoesNotRenewIt() throws Exception {
    // licences valid for 5 rounds from the grant
    Supplier s = licensed(licensed(enrolled(5), A, deviceA), B, deviceB);
    SignedLicence licenceA = s.currentLicence(A).orElseThrow();
    assertEquals(new Round(4), licenceA.licence().validUntil());
    List<X25519KeyPair> honest = pairs(3);
    Supplier keyed = s.step(lcKey(s, B, deviceB, groupKey(1, 0, honest)), rng).next();
    Supplier late = keyed;
    for (long j = 1; j <= 6; j++) {
      late = late.step(new CmtInput.RequestRound(new Round(j)), rng).next();
    }
    Supplier at6 = late;
    // the verifier at an old "now" lets the frame through; the supplier's own clock refuses it
    CmtInput expired = licensed(Address.identified(A), groupKey(2, 0, pairs(3)), licenceA,
        deviceA, at6, Round.FIRST);
    assertViolation("CMT-V-13", () -> at6.step(expired, rng));
    // asking again after expiry is refused; it is not a renewal
    assertViolation("CMT-V-13", () -> ask(at6, A, deviceA));
    // renewal is the supplier's input: a new serial, valid from now
    Step<Supplier> renewed = at6.step(new CmtInput.RenewLicence(A), rng);
    SignedLicence fresh = granted(renewed);
    assertNotEquals(licenceA.licence().serial(), fresh.licence().serial());
    assertEquals(new Round(6), fresh.licence().validFrom());
    assertEquals(new Round(10), fresh.licence().validUntil());
    assertTrue(renewed.events().isEmpty(), "an expired licence needs no revocation");
    assertEquals(fresh.licence().serial(),
        granted(ask(renewed.next(), A, deviceA)).licence().serial());
  }

  // ---- finding 2: asking again re-sends; revocation is kept by the supplier --------------------

  @Test
  void askingAgain_resendsTheCurrentLicence_sameSerialAndValidity() throws Exception {
    Supplier s = enrolled(0);
    Step<Supplier> first = ask(s, A, deviceA);
    // a restarted meter asks again: the same licence, not a fresh serial or a later validity
    Step<Supplier> again = ask(first.next(), A, deviceA);
    assertEquals(granted(first).licence(), granted(again).licence());
    assertEquals(first.next().currentLicence(A), again.next().currentLicence(A));
  }

  @Test
  void revokedIdentityOrDeviceKey_isRefused_byRequestAndEnrolment() throws Exception {
    Supplier s = licensed(enrolled(0), A, deviceA);
    Supplier noIdentity = s.step(new CmtInput.Revoke(A, CmtInput.RevocationScope.IDENTITY), rng)
        .next();
    assertViolation("CMT-V-12", () -> ask(noIdentity, A, deviceA));
    assertViolation("CMT-V-12", () -> noIdentity.enrol(A, Ed25519SigningKey.generate(rng)
        .publicKey()));
    assertViolation("CMT-V-12", () -> noIdentity.step(new CmtInput.RenewLicence(A), rng));
    assertTrue(noIdentity.currentLicence(A).isEmpty());
    // un-enrolment: the device key is barred for good, the identity may come back with a new key
    Supplier unenrolled = s.step(new CmtInput.Revoke(A, CmtInput.RevocationScope.DEVICE_KEY),
        rng).next();
    assertViolation("CMT-V-01", () -> ask(unenrolled, A, deviceA));
    assertViolation("CMT-V-12", () -> unenrolled.enrol(A, deviceA.publicKey()));
    assertViolation("CMT-V-12", () -> unenrolled.enrol(B, deviceA.publicKey()));
    Ed25519SigningKey replacement = Ed25519SigningKey.generate(rng);
    Supplier back = unenrolled.enrol(A, replacement.publicKey());
    // the old key, still an anchor at the product's endpoint, cannot ask for the new identity
    assertViolation("CMT-V-02", () -> ask(back, A, deviceA));
    assertViolation("CMT-S-01", () -> back.enrol(A, Ed25519SigningKey.generate(rng).publicKey()));
  }

  @Test
  void revokingTheKeyingLc_voidsOpenRounds_andLowersTheEpochFloor() throws Exception {
    Supplier s = licensed(licensed(enrolled(0), A, deviceA), B, deviceB);
    List<X25519KeyPair> honest = pairs(3);
    Supplier byB = s.step(lcKey(s, B, deviceB, groupKey(2, 0, honest)), rng).next();
    // A, licensed, jumps the epoch as far as the bound allows
    long far = 2 + Supplier.MAX_EPOCH_STEP;
    assertViolation("CMT-S-07", () -> byB.step(lcKey(byB, A, deviceA,
        groupKey(far + 1, 0, pairs(3))), rng));
    List<X25519KeyPair> rogue = pairs(3);
    Supplier byA = byB.step(lcKey(byB, A, deviceA, groupKey(far, 0, rogue)), rng).next()
        .step(new CmtInput.RequestRound(new Round(1)), rng).next();
    assertEquals(far, byA.epoch());
    // the honest LC's next epoch is now stale
    assertViolation("CMT-S-02", () -> byA.step(lcKey(byA, B, deviceB, groupKey(3, 0, pairs(3))),
        rng));
    Step<Supplier> rv = byA.step(new CmtInput.Revoke(A, CmtInput.RevocationScope.IDENTITY), rng);
    assertTrue(rv.events().contains(new RoundOutcome.Voided(G, new Round(1),
        VoidReason.LICENCE_REVOKED)), rv.events()::toString);
    Supplier after = rv.next();
    assertEquals(-1, after.epoch());
    // the rogue epoch's tokens no longer verify, and the honest group keys again at epoch 3
    assertViolation("CMT-S-01", () -> after.step(new CmtInput.RequestRound(new Round(2)), rng));
    assertViolation("CMT-S-02", () -> after.step(lcKey(after, B, deviceB,
        groupKey(2, 0, pairs(3))), rng));
    Supplier rekeyed = after.step(lcKey(after, B, deviceB, groupKey(3, 0, honest)), rng).next();
    assertEquals(3, rekeyed.epoch());
    assertEquals(List.of(new RoundOutcome.Exact(G, new Round(2), 30, 3, 0)),
        round(rekeyed, 2, 3, honest, 10));
  }

  @Test
  void firstGroupKey_isBoundedByTheEpochStep() throws Exception {
    Supplier s = licensed(enrolled(0), A, deviceA);
    assertViolation("CMT-S-07", () -> s.step(lcKey(s, A, deviceA,
        groupKey(Supplier.MAX_EPOCH_STEP + 1, 0, pairs(3))), rng));
    assertEquals(Supplier.MAX_EPOCH_STEP, s.step(lcKey(s, A, deviceA,
        groupKey(Supplier.MAX_EPOCH_STEP, 0, pairs(3))), rng).next().epoch());
  }

  @Test
  void ciphertext_mustBeMaced_notSigned() throws Exception {
    Supplier s = licensed(enrolled(0), A, deviceA);
    List<X25519KeyPair> honest = pairs(3);
    Supplier keyed = s.step(lcKey(s, A, deviceA, groupKey(1, 0, honest)), rng).next()
        .step(new CmtInput.RequestRound(new Round(1)), rng).next();
    ReadingKey k = ReadingKey.derive(honest.get(0), readingKeys.publicKey(), G, 1);
    // A's licensed frame claiming a reading token's address is refused by the receiver policy
    assertViolation("AUTH-V-06", () -> licensed(Address.meter(k.token()),
        new CmtMessage.EncryptedReading(k.token(), 1, 0), keyed.currentLicence(A).orElseThrow(),
        deviceA, keyed, new Round(1)));
    // and a licensed frame under its own identity carrying a ciphertext is the party's refusal
    CmtInput asA = licensed(Address.identified(A), new CmtMessage.EncryptedReading(k.token(), 1,
        0), keyed.currentLicence(A).orElseThrow(), deviceA, keyed, new Round(1));
    assertViolation("CMT-V-11", () -> keyed.step(asA, rng));
  }

  // ---- finding 7: licence arithmetic at the extremes ------------------------------------------

  @Test
  void licenceTerms_atExtremeValues_neverThrowUnchecked() throws Exception {
    long forever = Anchor.FOREVER.index();
    long[] terms = {0, 1, 2, 1L << 32, forever - 1, forever, Long.MAX_VALUE};
    long[] from = {0, 1, 1L << 40, forever - 2, forever - 1, forever};
    for (long t : terms) {
      for (long f : from) {
        Round until = Supplier.validUntil(f, t);
        if (t == 0 || f > forever - (t - 1)) {
          assertEquals(Anchor.FOREVER, until, () -> f + " + " + t);
        } else {
          assertEquals(f + t - 1, until.index(), () -> f + " + " + t);
        }
        assertFalse(until.isBefore(new Round(f)), () -> f + " + " + t);
      }
    }
    // end to end: a request at a huge round with huge terms gets a licence that saturates
    Supplier s = licensed(enrolled(Long.MAX_VALUE), A, deviceA);
    Supplier keyed = s.step(lcKey(s, A, deviceA, groupKey(1, 0, pairs(3))), rng).next()
        .step(new CmtInput.RequestRound(new Round(forever - 1)), rng).next();
    Step<Supplier> b = ask(keyed, B, deviceB);
    Licence l = granted(b).licence();
    assertEquals(new Round(forever - 1), l.validFrom());
    assertEquals(Anchor.FOREVER, l.validUntil());
  }
}
