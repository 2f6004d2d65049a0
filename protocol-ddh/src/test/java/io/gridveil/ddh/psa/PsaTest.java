// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.Admission;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** PSA parties, checks and the bounded discrete log (spec/ddh.md §7). */
class PsaTest {
  private static final GroupId G = new GroupId("g-psa");
  private static final RandomSource RNG = DeterministicRandomSource.fromSeed(7);
  static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);
  private static final Map<GroupId, TestPki> PKIS = new ConcurrentHashMap<>();

  /** The test PKI of a group (a test licence names one group). */
  static TestPki pki(GroupId group) {
    return PKIS.computeIfAbsent(group, g -> new TestPki(DeterministicRandomSource.fromSeed(g.value().hashCode())));
  }

  /** Licences checked against the group's test PKI at round 0, nothing revoked. */
  static Admission admission(GroupId group) {
    return new Admission(pki(group).anchors(), RevocationList.NONE, Round.FIRST);
  }

  /** The test licences of meters for a group, in order. */
  static List<SignedLicence> licences(List<MeterId> ids, GroupId group) {
    List<SignedLicence> out = new ArrayList<>();
    for (MeterId id : ids) {
      out.add(pki(group).licence(id, group));
    }
    return out;
  }

  /** Seals an envelope as its sender would and verifies it for the receiving party. */
  private static PsaInput in(Envelope<PsaMessage> e, ReceiverPolicy receiver) throws ProtocolViolationException {
    return new PsaInput.Inbound(pki(e.group()).verified(e, CODEC, receiver));
  }

  private static PsaParameters params(int nMax, long tMax, boolean signed) {
    return new PsaParameters(new AggregationParameters(nMax, tMax, Modulus.powerOfTwo(64), signed, ReadingUnit.WATT_HOUR));
  }

  private record Fixture(List<PsaMeter> meters, PsaAggregator aggregator, List<MeterId> ids) {}

  private static Fixture fixture(PsaParameters p, int n) throws ProtocolViolationException {
    PsaKeys keys = PsaKeys.deal(p, n, DeterministicRandomSource.fromSeed(n));
    List<MeterId> ids = new ArrayList<>();
    List<PsaMeter> meters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(new MeterId("p-" + i));
      meters.add(PsaMeter.create(p, G, ids.get(i), keys.meterKeys().get(i)));
    }
    return new Fixture(meters, PsaAggregator.create(p, G, licences(ids, G), admission(G), keys.aggregatorKey(), PsaDiscreteLog.forParameters(p)), ids);
  }

  private static Envelope<PsaMessage> contribution(MeterId from, Round j, PsaCiphertext c) {
    return new Envelope<>(Address.identified(from), Address.AGGREGATOR, G, j, new PsaMessage.Contribution(c));
  }

  @Test
  void discreteLog_solvesEveryValueOfASmallRange() {
    PsaDiscreteLog d = PsaDiscreteLog.build(300);
    for (long s = 0; s < 300; s++) {
      assertEquals(OptionalLong.of(s), d.log(PsaDiscreteLog.power(s)), "S = " + s);
    }
    assertTrue(d.log(PsaDiscreteLog.power(300)).isEmpty());
    assertTrue(d.log(PsaDiscreteLog.power(-1)).isEmpty());
  }

  @Test
  void discreteLog_solvesEdgesOfTenToTheTen() {
    PsaDiscreteLog d = PsaDiscreteLog.build(10_000_000_001L);
    for (long s : new long[] {0, 1, 9_999_999_999L, 10_000_000_000L, 123_456_789_012L % 10_000_000_001L}) {
      assertEquals(OptionalLong.of(s), d.log(PsaDiscreteLog.power(s)));
    }
    assertTrue(d.log(PsaDiscreteLog.power(10_000_000_001L)).isEmpty());
    assertTrue(d.tableEntries() > 0 && d.tableBytes() > 0);
  }

  @Test
  void roundWithAllMeters_decryptsExactly() throws Exception {
    Fixture f = fixture(params(5, 100, false), 5);
    PsaAggregator a = f.aggregator();
    List<RoundOutcome> outcomes = new ArrayList<>();
    Round j = new Round(3);
    for (int i = 0; i < 5; i++) {
      Step<PsaMeter> m = f.meters().get(i).step(new PsaInput.LocalReading(j, Reading.ofWattHours(i == 4 ? 100 : i)), RNG);
      @SuppressWarnings("unchecked") // meters send only PSA envelopes
      Envelope<PsaMessage> e = (Envelope<PsaMessage>) m.outbound().get(0);
      Step<PsaAggregator> s = a.step(in(e, a), RNG);
      a = s.next();
      s.events().forEach(ev -> outcomes.add((RoundOutcome) ev));
    }
    assertEquals(1, outcomes.size());
    assertEquals(106, assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(0)).sum());
  }

  @Test
  void signedReadings_decryptNegativeSums() throws Exception {
    PsaParameters p = params(3, 50, true);
    Fixture f = fixture(p, 3);
    Round j = new Round(1);
    List<PsaCiphertext> cs = new ArrayList<>();
    long[] e = {-50, -50, 20};
    for (int i = 0; i < 3; i++) {
      cs.add(f.meters().get(i).encrypt(j, Reading.ofWattHours(e[i])));
    }
    assertEquals(-80, assertInstanceOf(RoundOutcome.Exact.class, f.aggregator().decryptSum(j, cs)).sum());
  }

  @Test
  void missingMeter_voidsAtDeadline() throws Exception {
    Fixture f = fixture(params(3, 10, false), 3);
    Round j = new Round(0);
    PsaAggregator a = f.aggregator().step(in(contribution(f.ids().get(0), j,
        f.meters().get(0).encrypt(j, Reading.ofWattHours(1))), f.aggregator()), RNG).next();
    Step<PsaAggregator> s = a.step(new PsaInput.Deadline(j), RNG);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, s.events().get(0));
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
    PsaAggregator closed = s.next();
    assertViolation("PSA-S-02", () -> closed.step(in(contribution(f.ids().get(1), j,
        f.meters().get(1).encrypt(j, Reading.ofWattHours(1))), closed), RNG));
  }

  @Test
  void completingARound_voidsEarlierOpenRounds() throws Exception {
    Fixture f = fixture(params(2, 10, false), 2);
    Round r1 = new Round(1);
    Round r2 = new Round(2);
    PsaAggregator a = f.aggregator().step(in(contribution(f.ids().get(0), r1,
        f.meters().get(0).encrypt(r1, Reading.ofWattHours(1))), f.aggregator()), RNG).next();
    a = a.step(in(contribution(f.ids().get(0), r2,
        f.meters().get(0).encrypt(r2, Reading.ofWattHours(2))), a), RNG).next();
    Step<PsaAggregator> s = a.step(in(contribution(f.ids().get(1), r2,
        f.meters().get(1).encrypt(r2, Reading.ofWattHours(3))), a), RNG);
    assertEquals(VoidReason.MISSING_CONTRIBUTION, assertInstanceOf(RoundOutcome.Voided.class, s.events().get(0)).reason());
    assertEquals(1, ((RoundOutcome) s.events().get(0)).round().index());
    assertEquals(5, assertInstanceOf(RoundOutcome.Exact.class, s.events().get(1)).sum());
  }

  @Test
  void duplicateAndForeignContributions_areRefused() throws Exception {
    Fixture f = fixture(params(3, 10, false), 3);
    Round j = new Round(0);
    PsaCiphertext c = f.meters().get(0).encrypt(j, Reading.ofWattHours(1));
    PsaAggregator a = f.aggregator().step(in(contribution(f.ids().get(0), j, c), f.aggregator()), RNG).next();
    assertViolation("PSA-S-01", () -> a.step(in(contribution(f.ids().get(0), j, c), a), RNG));
    assertViolation("PSA-V-03", () -> a.step(in(contribution(new MeterId("intruder"), j, c), a), RNG));
  }

  @Test
  void meterEncryptsOncePerRound() throws Exception {
    Fixture f = fixture(params(3, 10, false), 3);
    PsaMeter m = f.meters().get(0).step(new PsaInput.LocalReading(new Round(2), Reading.ofWattHours(1)), RNG).next();
    assertViolation("PSA-S-03", () -> m.step(new PsaInput.LocalReading(new Round(2), Reading.ofWattHours(1)), RNG));
    assertViolation("PSA-S-03", () -> m.step(new PsaInput.LocalReading(new Round(1), Reading.ofWattHours(1)), RNG));
    // A meter accepts no message, even one addressed to it by a licensed peer.
    Envelope<PsaMessage> toMeter = new Envelope<>(Address.identified(f.ids().get(1)), Address.identified(f.ids().get(0)),
        G, new Round(3), new PsaMessage.Contribution(PsaDiscreteLog.power(5)));
    assertViolation("PSA-V-03", () -> m.step(in(toMeter, m), RNG));
    // A contribution for the aggregator does not even reach the meter: AUTH-V-13 at its verifier.
    assertViolation("AUTH-V-13", () -> in(contribution(f.ids().get(1), new Round(3), PsaDiscreteLog.power(5)), m));
  }

  @Test
  void restoredMeter_refusesToEncryptARoundItAlreadyDid() throws Exception {
    PsaParameters p = params(3, 10, false);
    PsaKeys keys = PsaKeys.deal(p, 3, DeterministicRandomSource.fromSeed(3));
    MeterId id = new MeterId("p-0");
    PsaMeter m = PsaMeter.create(p, G, id, keys.meterKeys().get(0));
    Step<PsaMeter> encrypted = m.step(new PsaInput.LocalReading(new Round(4), Reading.ofWattHours(1)), RNG);
    // §7.3, §3.6: the embedding stores the mark of the state the step returns, then sends.
    long persisted = encrypted.next().lastEncrypted();
    assertEquals(4, persisted);
    PsaMeter restarted = PsaMeter.restore(p, G, id, keys.meterKeys().get(0), persisted);
    assertViolation("PSA-S-03", () -> restarted.step(new PsaInput.LocalReading(new Round(4), Reading.ofWattHours(2)), RNG));
    assertViolation("PSA-S-03", () -> restarted.step(new PsaInput.LocalReading(new Round(3), Reading.ofWattHours(2)), RNG));
    assertEquals(4, restarted.lastEncrypted());
    assertEquals(5, restarted.step(new PsaInput.LocalReading(new Round(5), Reading.ofWattHours(2)), RNG).next().lastEncrypted());
    assertThrows(IllegalArgumentException.class, () -> PsaMeter.restore(p, G, id, keys.meterKeys().get(0), -2));
  }

  @Test
  void parameters_refuseOversizedRangesAndDealerSizes() throws Exception {
    assertRefused("PSA-P-01", () -> params(1 << 20, 1L << 21, false));
    assertRefused("PSA-P-01", () -> PsaDiscreteLog.build(0));
    PsaParameters p = params(4, 10, false);
    assertRefused("PSA-P-02", () -> PsaKeys.deal(p, 1, RNG));
    assertRefused("PSA-P-02", () -> PsaKeys.deal(p, 5, RNG));
    PsaKeys keys = PsaKeys.deal(p, 2, RNG);
    PsaDiscreteLog d = PsaDiscreteLog.forParameters(p);
    MeterId one = new MeterId("p-1");
    assertRefused("PSA-P-02", () -> PsaAggregator.create(p, G, licences(List.of(one, one), G), admission(G), keys.aggregatorKey(), d));
    assertRefused("PSA-P-02", () -> PsaAggregator.create(p, G, licences(List.of(one), G), admission(G), keys.aggregatorKey(), d));
  }

  @Test
  void ciphertexts_refuseIdentityAndPointsOffTheCurve() {
    assertViolation("PSA-V-02", () -> PsaCiphertext.fromBytes(new byte[33]));
    byte[] offCurve = new byte[33];
    offCurve[0] = 2;
    offCurve[32] = 1; // x = 1: 1 - 3 + b is not a square mod p (gen_ddh.py, psa.json)
    assertViolation("PSA-V-01", () -> PsaCiphertext.fromBytes(offCurve));
    byte[] xTooBig = new byte[33];
    java.util.Arrays.fill(xTooBig, (byte) 0xff);
    xTooBig[0] = 3;
    assertViolation("PSA-V-01", () -> PsaCiphertext.fromBytes(xTooBig));
    assertViolation("PSA-E-01", () -> PsaCiphertext.fromBytes(new byte[32]));
  }

  @Test
  void codec_roundTripsAndRefusesBadPoints() throws Exception {
    EnvelopeCodec<PsaMessage> codec = EnvelopeCodec.of(PsaCodec.INSTANCE);
    Envelope<PsaMessage> e = contribution(new MeterId("p-1"), new Round(9), PsaDiscreteLog.power(77));
    assertEquals(e, codec.decode(codec.encode(e)));
    byte[] frame = codec.encode(e);
    byte[] bad = frame.clone();
    bad[bad.length - 33] = 4;
    MalformedMessageException x = (MalformedMessageException) assertViolation("PSA-E-01", () -> codec.decode(bad));
    assertEquals("ciphertext", x.field());
    assertSame(PsaCodec.INSTANCE, PsaCodec.INSTANCE);
  }
}
