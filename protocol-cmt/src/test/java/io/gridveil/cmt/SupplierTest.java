// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.TestPki;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The supplier's checks (spec/cmt.md §3.1, §3.4 step 5, §3.6 step 5, §3.7, §11). */
class SupplierTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 100, 16))
          .withMinGroupSize(3);
  private static final GroupId G = CmtGroupDriver.GROUP;
  private static final MeterId A = new MeterId("a");
  private final RandomSource rng = DeterministicRandomSource.fromSeed(3);
  private final TestPki pki = new TestPki(rng);
  private final X25519KeyPair readingKeys = X25519KeyPair.generate(rng);
  /** Four token key pairs of epoch 1; the group key names the first three. */
  private final List<X25519KeyPair> tokenKeys = new ArrayList<>();
  private long sequence;

  SupplierTest() {
    for (int i = 0; i < 4; i++) {
      tokenKeys.add(X25519KeyPair.generate(rng));
    }
  }

  private Token token(int i) {
    return ReadingKey.tokenOf(tokenKeys.get(i).publicKey());
  }

  private List<Token> members() {
    List<Token> t = new ArrayList<>(List.of(token(0), token(1), token(2)));
    t.sort(null);
    return t;
  }

  /** A supplier with A enrolled, not yet licensed. */
  private Supplier enrolled() throws Exception {
    return Supplier.create(PARAMS, G, pki.key(Address.SUPPLIER), readingKeys)
        .enrol(A, pki.meterKey(A).publicKey());
  }

  /** A supplier that enrolled A and granted it its licence (the LC of the group keys). */
  private Supplier fresh() throws Exception {
    Supplier s = enrolled();
    return s.step(in(Address.identified(A), Round.FIRST, new CmtMessage.LicenceRequest(A), s), rng)
        .next();
  }

  private CmtInput in(Address from, Round j, CmtMessage m, Supplier s) throws Exception {
    return new CmtInput.Inbound(
        pki.verified(new Envelope<>(from, Address.SUPPLIER, G, j, m), CmtGroupDriver.CODEC, s));
  }

  /** A frame from A under LOCAL_CONCENTRATOR, licensed with A's current licence (§11.1). */
  private CmtInput lc(CmtMessage m, Supplier s) throws Exception {
    byte[] frame = CmtGroupDriver.CODEC.encode(
        new Envelope<>(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, G, Round.FIRST, m));
    byte[] sealed = AuthCodec.signLicensed(frame, sequence++,
        s.currentLicence(A).orElseThrow(), pki.meterKey(A));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G, pki.anchors())
        .verify(sealed, Round.FIRST, s));
  }

  private CmtInput reading(int i, Token body, Round j, long epoch, long c, Supplier s)
      throws Exception {
    // MACed under the token's epoch-1 key: a body claiming another epoch is the party's check.
    ReadingKey key = ReadingKey.derive(tokenKeys.get(i), readingKeys.publicKey(), G, 1);
    return Frames.maced(s, new Envelope<>(Address.meter(token(i)), Address.SUPPLIER, G, j,
        new CmtMessage.EncryptedReading(body, epoch, c)), key, sequence++);
  }

  /** The GroupKey of an epoch with the token keys of the given pairs. */
  private static CmtMessage.GroupKey groupKey(long epoch, long k, List<X25519KeyPair> pairs) {
    List<X25519PublicKey> keys = new ArrayList<>();
    for (X25519KeyPair p : pairs) {
      keys.add(p.publicKey());
    }
    return CmtMessage.GroupKey.sorted(epoch, SecretLong.of(k), keys);
  }

  private Supplier keyed(long groupKey) throws Exception {
    Supplier s = fresh();
    return s.step(lc(groupKey(1, groupKey, tokenKeys.subList(0, 3)), s), rng).next();
  }

  @Test
  void licence_unenrolledOrForAnother_isRefused_grantBindsTheDeviceKey() throws Exception {
    Supplier s = enrolled();
    MeterId b = new MeterId("b");
    assertViolation("CMT-V-01", () -> s.step(in(Address.identified(b), Round.FIRST,
        new CmtMessage.LicenceRequest(b), s), rng));
    assertViolation("CMT-V-02", () -> s.step(in(Address.identified(b), Round.FIRST,
        new CmtMessage.LicenceRequest(A), s), rng));
    Step<Supplier> ok = s.step(in(Address.identified(A), Round.FIRST,
        new CmtMessage.LicenceRequest(A), s), rng);
    Envelope<?> out = ok.outbound().get(0);
    assertEquals(Address.identified(A), out.recipient());
    Licence l = Licences.verify(((CmtMessage.LicenceGrant) out.body()).licence(), pki.anchors(),
        RevocationList.NONE, G, Round.FIRST);
    assertEquals(A, l.meter());
    assertEquals(pki.meterKey(A).publicKey(), l.meterKey());
    assertEquals(1, l.serial());
  }

  @Test
  void licenceTerms_setSerialAndValidity_enrolInputEnrols() throws Exception {
    MeterId c = new MeterId("c");
    Supplier s = Supplier.create(PARAMS, G, pki.key(Address.SUPPLIER), readingKeys)
        .withLicenceTerms(100, 10)
        .step(new CmtInput.Enrol(c, pki.meterKey(c).publicKey()), rng).next();
    Step<Supplier> ok = s.step(in(Address.identified(c), Round.FIRST,
        new CmtMessage.LicenceRequest(c), s), rng);
    Licence l = ((CmtMessage.LicenceGrant) ok.outbound().get(0).body()).licence().licence();
    assertEquals(100, l.serial());
    assertEquals(Round.FIRST, l.validFrom());
    assertEquals(new Round(9), l.validUntil());
  }

  @Test
  void lcRole_onlyForAMeterTheSupplierLicensed() throws Exception {
    Supplier s = enrolled();
    // A licensed frame under LOCAL_CONCENTRATOR (kind 3, spec/cmt.md §11.1).
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(Address.LOCAL_CONCENTRATOR,
        Address.SUPPLIER, G, Round.FIRST,
        groupKey(1, 0, tokenKeys.subList(0, 3))));
    byte[] sealed = AuthCodec.signLicensed(frame, 7, pki.licence(A, G), pki.meterKey(A));
    assertViolation("AUTH-V-06", () -> EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G,
        pki.anchors()).verify(sealed, Round.FIRST, s));
    Supplier licensed = s.step(in(Address.identified(A), Round.FIRST,
        new CmtMessage.LicenceRequest(A), s), rng).next();
    var v = EnvelopeVerifier.of(CmtGroupDriver.CODEC, licensed, G, pki.anchors())
        .verify(sealed, Round.FIRST, licensed);
    assertEquals(Address.identified(A), v.principal());
    licensed.step(new CmtInput.Inbound(v), rng);
  }

  @Test
  void groupKey_belowMinimum_oldEpoch_replayed_outsideZm_areRefused() throws Exception {
    Supplier s = keyed(10);
    List<X25519KeyPair> next = fresh(3);
    assertViolation("CMT-V-07", () -> s.step(lc(groupKey(2, 1, next.subList(0, 2)), s), rng));
    List<X25519KeyPair> crowd = fresh(PARAMS.aggregation().nMax() + 1);
    assertViolation("CMT-V-07", () -> s.step(lc(groupKey(2, 1, crowd), s), rng));
    assertViolation("CMT-S-02", () -> s.step(lc(groupKey(1, 11, next), s), rng));
    assertViolation("CMT-S-04", () -> s.step(lc(groupKey(1, 10, tokenKeys.subList(0, 3)), s),
        rng));
    assertViolation("CMT-V-06", () -> s.step(lc(groupKey(2, 1L << 16, next), s), rng));
    assertEquals(1, s.epoch());
    Supplier s2 = s.step(lc(groupKey(2, 1, next), s), rng).next();
    assertEquals(2, s2.epoch());
    assertEquals(Set.copyOf(groupKey(2, 1, next).readingTokens()), s2.members());
    assertEquals(3, s2.readingKeyring().orElseThrow().size());
  }

  @Test
  void groupKey_withASmallOrderTokenKey_isRefused_andChangesNothing() throws Exception {
    Supplier s = keyed(10).step(new CmtInput.RequestRound(new Round(1)), rng).next();
    List<X25519PublicKey> keys = new ArrayList<>();
    for (X25519KeyPair p : fresh(2)) {
      keys.add(p.publicKey());
    }
    // the identity point (all zero): X25519 with it yields the all-zero secret (spec/auth.md §6.2)
    keys.add(X25519PublicKey.of(new byte[32]));
    CmtInput bad = lc(CmtMessage.GroupKey.sorted(2, SecretLong.of(1), keys), s);
    assertViolation("AUTH-V-14", () -> s.step(bad, rng));
    // unchanged: still epoch 1 with its tokens and keyring, round 1 still open and decryptable
    assertEquals(1, s.epoch());
    assertEquals(Set.copyOf(members()), s.members());
    Round j = new Round(1);
    Supplier s1 = s.step(reading(0, token(0), j, 1, 5, s), rng).next();
    Supplier s2 = s1.step(reading(1, token(1), j, 1, 7, s1), rng).next();
    assertEquals(List.of(new RoundOutcome.Exact(G, j, 2, 3, 0)),
        s2.step(reading(2, token(2), j, 1, 0, s2), rng).events());
  }

  private List<X25519KeyPair> fresh(int count) {
    List<X25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(X25519KeyPair.generate(rng));
    }
    return out;
  }

  @Test
  void ciphertexts_checked_thenExactSum() throws Exception {
    long k = 1000;
    Round j = new Round(1);
    Supplier s = keyed(k).step(new CmtInput.RequestRound(j), rng).next();
    Supplier s1 = s.step(reading(0, token(0), j, 1, 5, s), rng).next();
    assertViolation("CMT-S-04", () -> s1.step(reading(0, token(0), j, 1, 5, s1), rng));
    assertViolation("CMT-V-04", () -> s1.step(reading(0, token(0), j, 1, 6, s1), rng));
    // a token outside the group key has no MAC key (AUTH-V-05, below)
    // a body naming another token than the MAC's
    assertViolation("CMT-V-10", () -> s1.step(reading(1, token(2), j, 1, 6, s1), rng));
    assertViolation("CMT-S-02", () -> s1.step(reading(1, token(1), j, 2, 6, s1), rng));
    assertViolation("CMT-S-03", () -> s1.step(reading(1, token(1), new Round(2), 1, 6, s1), rng));
    assertViolation("CMT-V-06", () -> s1.step(reading(1, token(1), j, 1, 1L << 16, s1), rng));
    Supplier s2 = s1.step(reading(1, token(1), j, 1, 7, s1), rng).next();
    // c = 5 + 7 + 1030, K = 1000, so the sum is 42.
    Step<Supplier> done = s2.step(reading(2, token(2), j, 1, 1030, s2), rng);
    assertEquals(List.of(new RoundOutcome.Exact(G, j, 42, 3, 0)), done.events());
    assertViolation("CMT-S-03", () -> done.next().step(reading(2, token(2), j, 1, 1030,
        done.next()), rng));
  }

  @Test
  void ciphertext_ofAnUnregisteredToken_failsTheMacCheck() {
    X25519KeyPair stranger = X25519KeyPair.generate(rng);
    assertViolation("AUTH-V-05", () -> {
      Supplier s = keyed(0);
      Frames.maced(s, new Envelope<>(Address.meter(ReadingKey.tokenOf(stranger.publicKey())),
          Address.SUPPLIER, G, new Round(1), new CmtMessage.EncryptedReading(
              ReadingKey.tokenOf(stranger.publicKey()), 1, 0)),
          ReadingKey.derive(stranger, readingKeys.publicKey(), G, 1), 0);
    });
  }

  @Test
  void newGroupKey_voidsOpenRoundsOfTheOldEpoch_andRetiresItsTokens() throws Exception {
    Supplier s = keyed(0).step(new CmtInput.RequestRound(new Round(4)), rng).next();
    assertTrue(s.readingKeyring().orElseThrow().size() >= 3);
    Supplier before = s;
    Step<Supplier> st = before.step(lc(groupKey(2, 5, fresh(3)), before), rng);
    assertEquals(List.of(new RoundOutcome.Voided(G, new Round(4),
        VoidReason.MEMBERSHIP_CHANGED), new CmtEvent.GroupKeyAccepted(G, 2, 3)), st.events());
    // runtime.md §4.5: the voided round's deadline is disarmed with it
    assertEquals(List.of(new io.gridveil.core.party.TimerRequest.Disarm(
        io.gridveil.core.runtime.TimerId.roundDeadline(new Round(4)))), st.timers());
    assertEquals(3, st.next().readingKeyring().orElseThrow().size());
    Supplier after = st.next().step(new CmtInput.RequestRound(new Round(5)), rng).next();
    assertViolation("AUTH-V-05", () -> after.step(reading(0, token(0), new Round(5), 1, 0, after),
        rng));
    // a frame MACed under a retired token and verified before the re-key reaches no member
    CmtInput stale = reading(0, token(0), new Round(5), 2, 0, before);
    assertViolation("CMT-V-03", () -> after.step(stale, rng));
  }

  @Test
  void requestRound_notAfterTheLast_isStale() throws Exception {
    Supplier s = keyed(0).step(new CmtInput.RequestRound(new Round(3)), rng).next();
    assertViolation("CMT-S-03", () -> s.step(new CmtInput.RequestRound(new Round(3)), rng));
    assertViolation("CMT-S-03", () -> s.step(new CmtInput.RequestRound(new Round(2)), rng));
    assertEquals(3, s.lastRequested());
  }

  @Test
  void requestWithoutKey_isOutOfOrder() throws Exception {
    Supplier s = fresh();
    assertViolation("CMT-S-01", () -> s.step(new CmtInput.RequestRound(new Round(1)), rng));
  }

  @Test
  void envelope_ofAnotherGroup_isRejected() throws Exception {
    Supplier s = fresh();
    assertViolation("CMT-V-09", () -> s.step(new CmtInput.Inbound(pki.verified(new Envelope<>(
        Address.SUPPLIER, Address.SUPPLIER, new GroupId("elsewhere"), Round.FIRST,
        new CmtMessage.LicenceRequest(A)), CmtGroupDriver.CODEC, s)), rng));
  }
}
