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
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rejection of a meter or LC (spec/cmt.md §6) carries its check ID and leaves the state
 * usable exactly as before.
 */
class MeterRejectionTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(16, 1000, 16))
          .withMinGroupSize(3);
  private final RandomSource rng = DeterministicRandomSource.fromSeed(99);

  private CmtGroupDriver d;
  private MeterId memberId;
  private Meter member;
  private Token self;
  private Token pred;
  private Token other;
  private Token lcToken;
  private long epoch;

  @BeforeEach
  void stableGroup() {
    d = new CmtGroupDriver(PARAMS, FaultPlan.NONE, 5);
    for (int i = 0; i < 4; i++) {
      d.join();
    }
    assertTrue(d.settle(10), d::dump);
    Meter lc = d.meters.get(d.lcs().get(0));
    lcToken = lc.token().orElseThrow();
    List<Token> ring = lc.keyedRing();
    epoch = lc.keyedEpoch();
    for (MeterId id : d.live()) {
      if (!d.meters.get(id).isLocalConcentrator()) {
        memberId = id;
      }
    }
    member = d.meters.get(memberId);
    self = member.token().orElseThrow();
    int at = ring.indexOf(self);
    pred = ring.get((at + ring.size() - 1) % ring.size());
    other = ring.get((at + 1) % ring.size());
    if (ring.size() > 3) {
      other = ring.get((at + 2) % ring.size());
    }
  }

  private CmtInput from(Token sender, Round j, CmtMessage m) {
    return new CmtInput.Inbound(new Envelope<>(Address.meter(sender), Address.meter(self),
        CmtGroupDriver.GROUP, j, m));
  }

  private CmtInput delta(long j, long e, long value) {
    return from(pred, new Round(j), new CmtMessage.Delta(pred, e, value));
  }

  @Test
  void delta_twiceIdentical_isReplay_twiceDifferent_isSecondContribution() throws Exception {
    Meter m1 = member.step(delta(1, epoch, 5), rng).next();
    assertViolation("CMT-S-04", () -> m1.step(delta(1, epoch, 5), rng));
    assertViolation("CMT-V-04", () -> m1.step(delta(1, epoch, 6), rng));
    // The state is unchanged: the next valid input still completes the round.
    Meter m2 = m1.step(from(lcToken, new Round(1), new CmtMessage.ReadingRequest(epoch)), rng)
        .next();
    Step<Meter> s = m2.step(new CmtInput.LocalReading(new Round(1), Reading.ofWattHours(3)), rng);
    assertTrue(s.outbound().stream().anyMatch(e -> e.body() instanceof CmtMessage.EncryptedReading));
  }

  @Test
  void delta_fromNonPredecessor_isRejected() {
    assertViolation("CMT-V-05",
        () -> member.step(from(other, new Round(1), new CmtMessage.Delta(other, epoch, 1)), rng));
    assertViolation("CMT-V-05",
        () -> member.step(from(other, new Round(1), new CmtMessage.Delta(pred, epoch, 1)), rng));
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
    m = m.step(from(lcToken, new Round(1), new CmtMessage.ReadingRequest(epoch)), rng).next();
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
    assertViolation("CMT-V-08",
        () -> member.step(from(pred.equals(lcToken) ? other : pred, new Round(1),
            new CmtMessage.ReadingRequest(epoch)), rng));
  }

  @Test
  void readingRequest_repeated_isReplay() throws Exception {
    Meter m = member.step(from(lcToken, new Round(1), new CmtMessage.ReadingRequest(epoch)), rng)
        .next();
    assertViolation("CMT-S-04",
        () -> m.step(from(lcToken, new Round(1), new CmtMessage.ReadingRequest(epoch)), rng));
  }

  @Test
  void envelope_ofAnotherGroup_isRejected() {
    CmtInput in = new CmtInput.Inbound(new Envelope<>(Address.meter(pred), Address.meter(self),
        new GroupId("other"), new Round(1), new CmtMessage.Delta(pred, epoch, 1)));
    assertViolation("CMT-V-09", () -> member.step(in, rng));
  }

  @Test
  void lcOnlyMessage_atMember_isRejected() {
    assertViolation("CMT-S-06",
        () -> member.step(from(pred, Round.FIRST, new CmtMessage.RoundAck(pred, epoch)), rng));
    assertViolation("CMT-S-06", () -> member.step(new CmtInput.RotateLc(), rng));
  }

  @Test
  void outOfOrder_messagesAreRejected() {
    assertViolation("CMT-S-01", () -> member.step(new CmtInput.Start(), rng));
    Meter fresh = Meter.create(PARAMS, new MeterId("x"), CmtGroupDriver.GROUP,
        MeterSecret.random(rng), 0);
    assertViolation("CMT-S-01", () -> fresh.step(delta(1, epoch, 1), rng));
    assertViolation("CMT-S-01", () -> fresh.step(new CmtInput.Timer(
        CmtInput.TimerKind.DISCOVERY, Round.FIRST), rng));
  }

  @Test
  void licence_forAnotherMeter_isRejected() throws Exception {
    Meter fresh = Meter.create(PARAMS, new MeterId("x"), CmtGroupDriver.GROUP,
        MeterSecret.random(rng), 0).step(new CmtInput.Start(), rng).next();
    CmtInput grant = new CmtInput.Inbound(new Envelope<>(Address.SUPPLIER,
        Address.identified(new MeterId("x")), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.LicenceGrant(new Licence(new MeterId("y"), CmtGroupDriver.GROUP, 1))));
    assertViolation("CMT-V-02", () -> fresh.step(grant, rng));
  }

  @Test
  void lc_rejectsUnknownTokens_foreignLicences_andDuplicateAcks() throws Exception {
    MeterId lcId = d.lcs().get(0);
    Meter lc = d.meters.get(lcId);
    Token stranger = new Token(1, 2);
    CmtInput ack = new CmtInput.Inbound(new Envelope<>(Address.meter(stranger),
        Address.meter(lcToken), CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.RoundAck(stranger, epoch)));
    assertViolation("CMT-V-03", () -> lc.step(ack, rng));
    assertViolation("CMT-S-03", () -> lc.step(new CmtInput.Inbound(new Envelope<>(
        Address.meter(self), Address.meter(lcToken), CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.RoundAck(self, epoch))), rng));
    CmtInput discovery = new CmtInput.Inbound(new Envelope<>(
        Address.identified(new MeterId("mallory")), Address.GROUP_BROADCAST,
        CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.LcDiscovery(new Licence(new MeterId("alice"), CmtGroupDriver.GROUP, 1))));
    assertViolation("CMT-V-02", () -> lc.step(discovery, rng));
    CmtInput leave = new CmtInput.Inbound(new Envelope<>(Address.meter(stranger),
        Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.Leave(stranger, epoch)));
    assertViolation("CMT-V-03", () -> lc.step(leave, rng));
    // A relayed round: a second ack of the same member is a replay.
    Meter relayed = lc.step(new CmtInput.Inbound(new Envelope<>(Address.SUPPLIER,
        Address.LOCAL_CONCENTRATOR, CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.ReadingRequest(epoch))), rng).next();
    CmtInput own = new CmtInput.Inbound(new Envelope<>(Address.meter(self),
        Address.meter(lcToken), CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.RoundAck(self, epoch)));
    Meter acked = relayed.step(own, rng).next();
    assertViolation("CMT-S-04", () -> acked.step(own, rng));
    assertViolation("CMT-S-04", () -> acked.step(new CmtInput.Inbound(new Envelope<>(
        Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.ReadingRequest(epoch))), rng));
  }

  @Test
  void lc_keyShares_secondDifferent_andStaleEpoch_areRejected() throws Exception {
    MeterId lcId = d.lcs().get(0);
    Meter lc = d.meters.get(lcId);
    // Open a collection by a leave of this member.
    Meter collecting = lc.step(new CmtInput.Inbound(new Envelope<>(Address.meter(other),
        Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.Leave(other, epoch))), rng).next();
    long e2 = epoch + 1;
    CmtInput share = new CmtInput.Inbound(new Envelope<>(Address.meter(self),
        Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.KeyShare(self, e2, 7)));
    Meter got = collecting.step(share, rng).next();
    assertViolation("CMT-S-04", () -> got.step(share, rng));
    assertViolation("CMT-V-04", () -> got.step(new CmtInput.Inbound(new Envelope<>(
        Address.meter(self), Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.KeyShare(self, e2, 8))), rng));
    assertViolation("CMT-S-02", () -> collecting.step(new CmtInput.Inbound(new Envelope<>(
        Address.meter(self), Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.KeyShare(self, epoch, 7))), rng));
    assertViolation("CMT-V-08", () -> collecting.step(new CmtInput.Inbound(new Envelope<>(
        Address.meter(pred), Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.KeyShare(self, e2, 7))), rng));
    assertViolation("CMT-V-06", () -> collecting.step(new CmtInput.Inbound(new Envelope<>(
        Address.meter(self), Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST,
        new CmtMessage.KeyShare(self, e2, 1L << 16))), rng));
    assertEquals(e2, collecting.lastEpoch());
  }

  @Test
  void lc_requestOfAnOlderEpoch_resendsTheGroupKey() throws Exception {
    Meter lc = d.meters.get(d.lcs().get(0));
    Step<Meter> s = lc.step(new CmtInput.Inbound(new Envelope<>(Address.SUPPLIER,
        Address.LOCAL_CONCENTRATOR, CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.ReadingRequest(epoch - 1))), rng);
    CmtMessage.GroupKey gk = (CmtMessage.GroupKey) s.outbound().get(0).body();
    assertEquals(epoch, gk.epoch());
    assertEquals(lc.keyedRing(), gk.tokens());
    assertEquals(Address.SUPPLIER, s.outbound().get(0).recipient());
    assertViolation("CMT-S-02", () -> lc.step(new CmtInput.Inbound(new Envelope<>(
        Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, CmtGroupDriver.GROUP, new Round(1),
        new CmtMessage.ReadingRequest(epoch + 1))), rng));
  }

  @Test
  void reRegister_repeatedWhileRegistering_answersAgainWithTheSameShare() throws Exception {
    CmtInput rr = from(lcToken, Round.FIRST, new CmtMessage.ReRegister(epoch + 1));
    Step<Meter> first = member.step(rr, rng);
    Step<Meter> again = first.next().step(rr, rng);
    assertEquals(first.outbound().get(0).body(), again.outbound().get(0).body());
    assertViolation("CMT-S-02",
        () -> first.next().step(from(lcToken, Round.FIRST, new CmtMessage.ReRegister(epoch)), rng));
  }
}
