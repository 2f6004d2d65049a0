// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rejection of a meter or LC (spec/cmt.md §6, §11) carries its check ID and leaves the state
 * usable exactly as before. Inputs are sealed as their senders' endpoints would seal them and
 * verified against the receiving meter's policy, so a wrong token alias fails in the verifier
 * (AUTH-V-06) before the party's own checks.
 */
class MeterRejectionTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(16, 1000, 16))
          .withMinGroupSize(3);
  private static final GroupId GROUP = CmtGroupDriver.GROUP;
  private final RandomSource rng = DeterministicRandomSource.fromSeed(99);

  private CmtGroupDriver d;
  private MeterId memberId;
  private MeterId lcId;
  private Meter member;
  private Meter lc;
  private Token self;
  private Token pred;
  /** A ring token that is neither this member's, its predecessor's nor the LC's. */
  private Token other;
  private MeterId otherId;
  private Token lcToken;
  private long epoch;

  @BeforeEach
  void stableGroup() {
    d = CmtGroupDriver.keyed(PARAMS, 5, 4);
    lcId = d.lcs().get(0);
    lc = d.meter(lcId);
    lcToken = lc.token().orElseThrow();
    List<Token> ring = lc.keyedRing();
    epoch = lc.keyedEpoch();
    for (MeterId id : d.live()) {
      if (!d.meter(id).isLocalConcentrator()) {
        memberId = id;
      }
    }
    member = d.meter(memberId);
    self = member.token().orElseThrow();
    int at = ring.indexOf(self);
    pred = ring.get((at + ring.size() - 1) % ring.size());
    List<Token> rest = new ArrayList<>(ring);
    rest.removeAll(List.of(self, pred, lcToken));
    other = rest.get(0);
    for (MeterId id : d.live()) {
      if (d.meter(id).token().orElseThrow().equals(other)) {
        otherId = id;
      }
    }
  }

  private CmtInput in(Envelope<CmtMessage> e, Meter receiver) throws Exception {
    return new CmtInput.Inbound(d.verified(e, receiver));
  }

  private CmtInput from(Token sender, Round j, CmtMessage m) throws Exception {
    return in(new Envelope<>(Address.meter(sender), Address.meter(self), GROUP, j, m), member);
  }

  private CmtInput toLc(Address sender, Round j, CmtMessage m) throws Exception {
    return in(new Envelope<>(sender, Address.meter(lcToken), GROUP, j, m), lc);
  }

  private CmtInput delta(long j, long e, long value) throws Exception {
    return from(pred, new Round(j), new CmtMessage.Delta(pred, e, SecretLong.of(value)));
  }

  private CmtInput request(long j, long e) throws Exception {
    return in(new Envelope<>(Address.meter(lcToken), Address.GROUP_BROADCAST, GROUP, new Round(j),
        new CmtMessage.ReadingRequest(e)), member);
  }

  @Test
  void delta_twiceIdentical_isReplay_twiceDifferent_isSecondContribution() throws Exception {
    Meter m1 = member.step(delta(1, epoch, 5), rng).next();
    assertViolation("CMT-S-04", () -> m1.step(delta(1, epoch, 5), rng));
    assertViolation("CMT-V-04", () -> m1.step(delta(1, epoch, 6), rng));
    // The state is unchanged: the next valid input still completes the round.
    Meter m2 = m1.step(request(1, epoch), rng).next();
    Step<Meter> s = m2.step(new CmtInput.LocalReading(new Round(1), Reading.ofWattHours(3)), rng);
    Envelope<?> c = s.outbound().stream()
        .filter(e -> e.body() instanceof CmtMessage.EncryptedReading).findFirst().orElseThrow();
    // §11.4: the ciphertext goes under the epoch's reading token, not the ring token.
    Token reading = member.readingToken().orElseThrow();
    assertEquals(Address.meter(reading), c.sender());
    assertEquals(reading, ((CmtMessage.EncryptedReading) c.body()).token());
    assertTrue(member.readingKey(reading).isPresent());
    assertTrue(member.readingKey(self).isEmpty());
  }

  @Test
  void delta_fromNonPredecessor_isRejected() {
    // another member's token is no alias the member accepts (§11.2)
    assertViolation("AUTH-V-06",
        () -> member.step(from(other, new Round(1), new CmtMessage.Delta(other, epoch, SecretLong.of(1))), rng));
    // the predecessor naming another sender
    assertViolation("CMT-V-05",
        () -> member.step(from(pred, new Round(1), new CmtMessage.Delta(other, epoch, SecretLong.of(1))), rng));
  }

  @Test
  void delta_underThePredecessorsToken_signedByAnotherIdentity_isRejected() {
    // §11.2: Meter(T_pred) is accepted only from Identified(predId), the identity the LC named.
    d.pki.bind(pred, otherId);
    assertViolation("AUTH-V-06", () -> member.step(new CmtInput.Inbound(
        d.pki.verified(new Envelope<CmtMessage>(Address.meter(pred), Address.meter(self), GROUP,
            new Round(1), new CmtMessage.Delta(pred, epoch, SecretLong.of(1))), CmtGroupDriver.CODEC, member)),
        rng));
  }

  @Test
  void delta_outsideZm_isRejected() {
    assertViolation("CMT-V-06", () -> member.step(delta(1, epoch, 1L << 16), rng));
  }

  @Test
  void delta_ofAnotherEpoch_isStale() {
    assertViolation("CMT-S-02", () -> member.step(delta(1, epoch + 1, 1), rng));
  }

  @Test
  void delta_ofCompletedRound_isStale_andBeyondWindow_isRefused() throws Exception {
    Meter m = member.step(delta(1, epoch, 5), rng).next();
    m = m.step(request(1, epoch), rng).next();
    Meter done = m.step(new CmtInput.LocalReading(new Round(1), Reading.ofWattHours(3)), rng)
        .next();
    assertViolation("CMT-S-03", () -> done.step(delta(1, epoch, 5), rng));
    assertViolation("CMT-S-03",
        () -> done.step(new CmtInput.LocalReading(new Round(1), Reading.ofWattHours(3)), rng));
    long beyond = 1 + PARAMS.roundWindow() + 1;
    assertViolation("CMT-S-05", () -> done.step(delta(beyond, epoch, 5), rng));
  }

  @Test
  void readingRequest_notFromLc_isRejected() {
    if (!pred.equals(lcToken)) {
      assertViolation("CMT-V-08", () -> member.step(
          from(pred, new Round(1), new CmtMessage.ReadingRequest(epoch)), rng));
    }
    assertViolation("CMT-V-08", () -> member.step(in(new Envelope<>(Address.identified(otherId),
        Address.GROUP_BROADCAST, GROUP, new Round(1), new CmtMessage.ReadingRequest(epoch)),
        member), rng));
  }

  @Test
  void readingRequest_repeated_isReplay() throws Exception {
    Meter m = member.step(request(1, epoch), rng).next();
    assertViolation("CMT-S-04", () -> m.step(request(1, epoch), rng));
  }

  @Test
  void envelope_ofAnotherGroup_isRejected() {
    // A verifier serving several groups passes it on; the party refuses it (defence in depth).
    assertViolation("CMT-V-09", () -> lc.step(in(new Envelope<>(Address.SUPPLIER,
        Address.LOCAL_CONCENTRATOR, new GroupId("other"), new Round(1),
        new CmtMessage.ReadingRequest(epoch)), lc), rng));
  }

  @Test
  void lcOnlyMessage_atMember_isRejected() {
    assertViolation("CMT-S-06",
        () -> member.step(from(pred, Round.FIRST, new CmtMessage.RoundAck(pred, epoch)), rng));
    assertViolation("CMT-S-06", () -> member.step(new CmtInput.RotateLc(), rng));
  }

  @Test
  void outOfOrder_messagesAreRejected() throws Exception {
    assertViolation("CMT-S-01", () -> member.step(new CmtInput.Start(), rng));
    MeterId x = new MeterId("x");
    Meter fresh = Meter.create(PARAMS, x, GROUP, MeterSecret.random(rng), 0, d.credentials(x));
    assertViolation("CMT-S-01", () -> fresh.step(in(new Envelope<>(Address.identified(lcId),
        Address.identified(x), GROUP, Round.FIRST,
        new CmtMessage.TokenAssignment(x, new Token(3, 4), lcToken, epoch)), fresh), rng));
    assertViolation("CMT-S-01", () -> fresh.step(new CmtInput.Timer(
        CmtInput.TimerKind.DISCOVERY, Round.FIRST), rng));
  }

  private CmtInput grant(MeterId to, Licence l, Ed25519SigningKey signer, Round at, Meter receiver)
      throws Exception {
    return in(new Envelope<>(Address.SUPPLIER, Address.identified(to), GROUP, at,
        new CmtMessage.LicenceGrant(SignedLicence.issue(l, signer))), receiver);
  }

  @Test
  void licence_forAnotherMeterKeyOrGroup_isRejected_badSignatureOrExpired_failsItsAuthCheck()
      throws Exception {
    MeterId x = new MeterId("x");
    Meter fresh = Meter.create(PARAMS, x, GROUP, MeterSecret.random(rng), 0, d.credentials(x))
        .step(new CmtInput.Start(), rng).next();
    Ed25519SigningKey supplierKey = d.pki.key(Address.SUPPLIER);
    var key = d.pki.meterKey(x).publicKey();
    assertViolation("CMT-V-02", () -> fresh.step(grant(x, new Licence(1, new MeterId("y"), key,
        GROUP, Round.FIRST, Anchor.FOREVER), supplierKey, Round.FIRST, fresh), rng));
    assertViolation("CMT-V-02", () -> fresh.step(grant(x, new Licence(1, x,
        d.pki.meterKey(new MeterId("y")).publicKey(), GROUP, Round.FIRST, Anchor.FOREVER),
        supplierKey, Round.FIRST, fresh), rng));
    assertViolation("CMT-V-02", () -> fresh.step(grant(x, new Licence(1, x, key,
        new GroupId("elsewhere"), Round.FIRST, Anchor.FOREVER), supplierKey, Round.FIRST, fresh),
        rng));
    // signed by a key that is not the supplier's anchor
    assertViolation("AUTH-V-02", () -> fresh.step(grant(x, new Licence(1, x, key, GROUP,
        Round.FIRST, Anchor.FOREVER), Ed25519SigningKey.generate(rng), Round.FIRST, fresh), rng));
    // expired at the round of the grant
    assertViolation("AUTH-V-10", () -> fresh.step(grant(x, new Licence(1, x, key, GROUP,
        Round.FIRST, new Round(2)), supplierKey, new Round(3), fresh), rng));
    Meter licensed = fresh.step(grant(x, new Licence(1, x, key, GROUP, Round.FIRST,
        Anchor.FOREVER), supplierKey, Round.FIRST, fresh), rng).next();
    assertEquals(x, licensed.licence().orElseThrow().licence().meter());
    assertTrue(fresh.licence().isEmpty());
  }

  @Test
  void lc_rejectsForeignAcks_discoveriesWithoutOrWithForeignLicences_andDuplicateAcks()
      throws Exception {
    Token stranger = new Token(1, 2);
    d.pki.bind(stranger, memberId);
    assertViolation("AUTH-V-06", () -> lc.step(toLc(Address.meter(stranger), new Round(1),
        new CmtMessage.RoundAck(stranger, epoch)), rng));
    assertViolation("CMT-V-10", () -> lc.step(toLc(Address.meter(self), new Round(1),
        new CmtMessage.RoundAck(other, epoch)), rng));
    assertViolation("CMT-S-03", () -> lc.step(toLc(Address.meter(self), new Round(1),
        new CmtMessage.RoundAck(self, epoch)), rng));
    // A discovery must carry a licence (§3.2 step 3, §11.1): one signed by an anchor key (the
    // supplier's) carries none, and the supplier's key speaks only the supplier's messages.
    assertViolation("CMT-V-11", () -> lc.step(in(new Envelope<>(Address.SUPPLIER,
        Address.GROUP_BROADCAST, GROUP, Round.FIRST, new CmtMessage.LcDiscovery()), lc), rng));
    // A licence of another group fails in the verifier (AUTH-V-07).
    MeterId mallory = new MeterId("mallory");
    Ed25519SigningKey key = d.pki.meterKey(mallory);
    SignedLicence foreign = SignedLicence.issue(new Licence(77, mallory, key.publicKey(),
        new GroupId("elsewhere"), Round.FIRST, Anchor.FOREVER), d.pki.key(Address.SUPPLIER));
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(Address.identified(mallory),
        Address.GROUP_BROADCAST, GROUP, Round.FIRST, new CmtMessage.LcDiscovery()));
    assertViolation("AUTH-V-07", () -> EnvelopeVerifier.of(CmtGroupDriver.CODEC, lc, GROUP,
        d.meterAnchors).verify(AuthCodec.signLicensed(frame, 1, foreign, key), Round.FIRST, lc));
    assertViolation("AUTH-V-06", () -> lc.step(toLc(Address.meter(stranger), Round.FIRST,
        new CmtMessage.Leave(stranger, epoch)), rng));
    assertViolation("CMT-V-10", () -> lc.step(toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.Leave(other, epoch)), rng));
    // A relayed round: a second ack of the same member is a replay.
    CmtInput request = in(new Envelope<>(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, GROUP,
        new Round(1), new CmtMessage.ReadingRequest(epoch)), lc);
    Meter relayed = lc.step(request, rng).next();
    CmtInput own = toLc(Address.meter(self), new Round(1), new CmtMessage.RoundAck(self, epoch));
    Meter acked = relayed.step(own, rng).next();
    assertViolation("CMT-S-04", () -> acked.step(own, rng));
    assertViolation("CMT-S-04", () -> acked.step(request, rng));
  }

  @Test
  void lc_keyShares_secondDifferent_andStaleEpoch_areRejected() throws Exception {
    // Open a collection by a leave of another member.
    Meter collecting = lc.step(toLc(Address.meter(other), Round.FIRST,
        new CmtMessage.Leave(other, epoch)), rng).next();
    long e2 = epoch + 1;
    var pk = X25519KeyPair.generate(rng).publicKey();
    CmtInput share = toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.KeyShare(self, e2, SecretLong.of(7), pk));
    Meter got = collecting.step(share, rng).next();
    assertViolation("CMT-S-04", () -> got.step(share, rng));
    assertViolation("CMT-V-04", () -> got.step(toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.KeyShare(self, e2, SecretLong.of(8), pk)), rng));
    assertViolation("CMT-V-04", () -> got.step(toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.KeyShare(self, e2, SecretLong.of(7), X25519KeyPair.generate(rng).publicKey())), rng));
    assertViolation("CMT-S-02", () -> collecting.step(toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.KeyShare(self, epoch, SecretLong.of(7), pk)), rng));
    assertViolation("CMT-V-08", () -> collecting.step(toLc(Address.meter(pred), Round.FIRST,
        new CmtMessage.KeyShare(self, e2, SecretLong.of(7), pk)), rng));
    assertViolation("CMT-V-06", () -> collecting.step(toLc(Address.meter(self), Round.FIRST,
        new CmtMessage.KeyShare(self, e2, SecretLong.of(1L << 16), pk)), rng));
    // a share of the member that left, verified before its leave, is of an unknown token
    assertViolation("CMT-V-03", () -> collecting.step(toLc(Address.meter(other), Round.FIRST,
        new CmtMessage.KeyShare(other, e2, SecretLong.of(7), pk)), rng));
    assertEquals(e2, collecting.lastEpoch());
  }

  @Test
  void lc_requestOfAnOlderEpoch_resendsTheGroupKeyWithTheTokenKeys() throws Exception {
    Step<Meter> s = lc.step(in(new Envelope<>(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, GROUP,
        new Round(1), new CmtMessage.ReadingRequest(epoch - 1)), lc), rng);
    assertEquals(1, s.outbound().size());
    Envelope<?> e = s.outbound().get(0);
    assertEquals(Address.LOCAL_CONCENTRATOR, e.sender());
    assertEquals(Address.SUPPLIER, e.recipient());
    CmtMessage.GroupKey gk = (CmtMessage.GroupKey) e.body();
    List<Token> expected = new ArrayList<>();
    for (MeterId id : d.live()) {
      expected.add(d.meter(id).readingToken().orElseThrow());
    }
    expected.sort(null);
    assertEquals(epoch, gk.epoch());
    // the token keys, in ascending order of the members' reading tokens (not ring order)
    List<Token> sent = new ArrayList<>();
    for (var pk : gk.tokenKeys()) {
      sent.add(ReadingKey.tokenOf(pk));
    }
    assertEquals(expected, sent);
    assertViolation("CMT-S-02", () -> lc.step(in(new Envelope<>(Address.SUPPLIER,
        Address.LOCAL_CONCENTRATOR, GROUP, new Round(1),
        new CmtMessage.ReadingRequest(epoch + 1)), lc), rng));
  }

  private CmtInput reRegister(MeterId sender, long e) throws Exception {
    return in(new Envelope<>(Address.identified(sender), Address.GROUP_BROADCAST, GROUP,
        Round.FIRST, new CmtMessage.ReRegister(e, lcToken)), member);
  }

  @Test
  void reRegister_repeatedWhileRegistering_answersAgainWithTheSameShareAndTokenKey()
      throws Exception {
    Step<Meter> first = member.step(reRegister(lcId, epoch + 1), rng);
    Step<Meter> again = first.next().step(reRegister(lcId, epoch + 1), rng);
    CmtMessage.KeyShare s1 = (CmtMessage.KeyShare) first.outbound().get(0).body();
    CmtMessage.KeyShare s2 = (CmtMessage.KeyShare) again.outbound().get(0).body();
    // the share is a SecretLong (spec/core.md §4.3): compared in constant time, not by equals
    assertTrue(s1.share().equalsConstantTime(s2.share()));
    assertEquals(s1.token(), s2.token());
    assertEquals(s1.epoch(), s2.epoch());
    assertEquals(s1.tokenKey(), s2.tokenKey());
    assertEquals(Address.meter(lcToken), first.outbound().get(0).recipient());
    assertTrue(first.next().readingToken().isPresent());
    assertTrue(!first.next().readingToken().equals(member.readingToken()),
        "a fresh reading token per epoch");
    assertViolation("CMT-S-02", () -> first.next().step(reRegister(lcId, epoch), rng));
    assertViolation("CMT-V-08", () -> member.step(reRegister(otherId, epoch), rng));
  }
}
