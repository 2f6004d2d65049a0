// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static io.gridveil.blinding.BlindingRoundKnownAnswerTest.inbound;
import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parties' examples and every state and validation check (spec/blinding.md §4, §6). */
class PartiesTest {
  private final RandomSource random = DeterministicRandomSource.fromSeed(77);
  private final PaillierKeyPair keys = TestKeys.k2048();

  private GroupHarness group(int n, boolean recovery) throws Exception {
    return new GroupHarness("g", n, BlindingParameters.of(8, 1_000_000, recovery), keys, random);
  }

  @SuppressWarnings("unchecked") // meters send blinding messages
  private static Envelope<BlindingMessage> only(Step<?> s) {
    assertEquals(1, s.outbound().size());
    return (Envelope<BlindingMessage>) s.outbound().get(0);
  }

  @Test
  void fullRound_isExactSum() throws Exception {
    GroupHarness g = group(3, false);
    RoundOutcome o = g.round(0, new Long[] {10L, 20L, 1_000_000L});
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, o);
    assertEquals(1_000_030L, e.sum());
    assertEquals(3, e.contributors());
    assertEquals(0, e.recovered());
    assertEquals(30L, ((RoundOutcome.Exact) g.round(1, new Long[] {0L, 0L, 30L})).sum());
  }

  @Test
  void missingMeter_withoutRecovery_voidsTheRound() throws Exception {
    GroupHarness g = group(3, false);
    RoundOutcome o = g.round(0, new Long[] {10L, null, 5L});
    assertEquals(VoidReason.MISSING_CONTRIBUTION, assertInstanceOf(RoundOutcome.Voided.class, o).reason());
    assertEquals(1, g.aggregatorOutcomes.size());
  }

  @Test
  void missingMeter_withRecovery_isExactPartialSum() throws Exception {
    GroupHarness g = group(4, true);
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, g.round(2, new Long[] {10L, null, 5L, 7L}));
    assertEquals(22, e.sum());
    assertEquals(3, e.contributors());
    assertEquals(1, e.recovered());
  }

  @Test
  void recovery_leavingOneMeter_voidsBelowMinimumGroup() throws Exception {
    GroupHarness g = group(3, true);
    RoundOutcome o = g.round(0, new Long[] {10L, null, null});
    assertInstanceOf(RoundOutcome.Voided.class, o);
    RoundOutcome a = g.aggregatorOutcomes.get(0);
    assertEquals(VoidReason.BELOW_MINIMUM_GROUP, assertInstanceOf(RoundOutcome.Voided.class, a).reason());
  }

  @Test
  void lateContribution_forRecoveredRound_isRefused() throws Exception {
    GroupHarness g = group(3, true);
    g.read(1, 0, 1);
    g.read(2, 0, 2);
    g.flush();
    g.read(3, 0, 3);
    Envelope<?> late = g.pending.removeLast();
    g.round(0, new Long[] {null, null, null});
    assertEquals(3, ((RoundOutcome.Exact) g.last(0)).sum());
    Aggregator before = g.aggregator;
    assertViolation("BLND-S-02", () -> g.deliver(late));
    assertSame(before, g.aggregator);
  }

  @Test
  void duplicateContribution_isRefusedAndStateUnchanged() throws Exception {
    GroupHarness g = group(3, false);
    g.read(1, 0, 1);
    Envelope<?> first = g.pending.peekFirst();
    g.flush();
    Aggregator before = g.aggregator;
    assertViolation("BLND-S-01", () -> g.deliver(first));
    assertSame(before, g.aggregator);
  }

  @Test
  void meter_reEncryptingARound_isRefused() throws Exception {
    GroupHarness g = group(2, false);
    g.read(1, 5, 1);
    assertViolation("BLND-S-03", () -> g.read(1, 5, 2));
    assertViolation("BLND-S-03", () -> g.read(1, 4, 2));
  }

  @Test
  void restoredMeter_givenItsDealAgain_refusesARoundItAlreadyEncrypted() throws Exception {
    GroupId group = new GroupId("g");
    BlindingParameters params = BlindingParameters.of(8, 1_000_000, false);
    List<MeterId> roster = List.of(new MeterId("sm-1"), new MeterId("sm-2"));
    Step<TrustedThirdParty> setup =
        TestAuth.setup(TrustedThirdParty.create(group, params), group, roster, keys, random);
    @SuppressWarnings("unchecked") // the TTP's set-up sends blinding messages
    Envelope<BlindingMessage> deal = (Envelope<BlindingMessage>) setup.outbound().stream()
        .filter(e -> e.recipient().equals(Address.identified(roster.get(0))))
        .findFirst().orElseThrow();
    Meter m = Meter.create(group, roster.get(0), params);
    m = m.step(TestAuth.inbound(deal, m), random).next();
    Meter encrypted = m.step(new BlindingInput.LocalReading(new Round(5),
        new Reading(1, params.unit())), random).next();
    // §4.2 "Restart": the embedding stores the mark of the state the step returns, then sends.
    assertEquals(5, encrypted.lastRound());
    Meter waiting = Meter.restore(group, roster.get(0), params, encrypted.lastRound());
    Meter restarted = waiting.step(TestAuth.inbound(deal, waiting), random).next();
    assertTrue(restarted.isReady());
    assertViolation("BLND-S-03", () -> restarted.step(
        new BlindingInput.LocalReading(new Round(5), new Reading(2, params.unit())), random));
    assertEquals(5, restarted.lastRound());
    assertEquals(1, restarted.step(new BlindingInput.LocalReading(new Round(6),
        new Reading(2, params.unit())), random).outbound().size());
    assertThrows(IllegalArgumentException.class,
        () -> Meter.restore(group, roster.get(0), params, -2));
  }

  @Test
  void inputsBeforeSetup_areRefused() {
    GroupId id = new GroupId("g");
    BlindingParameters params = BlindingParameters.of(4, 100, false);
    Meter m = Meter.create(id, new MeterId("a"), params);
    assertViolation("BLND-S-04", () -> m.step(BlindingInput.reading(Round.FIRST, Reading.ofWattHours(1)), random));
    Aggregator a = Aggregator.create(id, params);
    assertViolation("BLND-S-04", () -> a.step(inbound(Address.identified(new MeterId("a")), Address.AGGREGATOR, id,
        Round.FIRST, new BlindingMessage.Contribution(KeySize.BITS_2048, BigInteger.ONE)), random));
    Supplier s = Supplier.create(id, params);
    assertViolation("BLND-S-04", () -> s.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, id, Round.FIRST,
        new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, 2, 0)), random));
    TrustedThirdParty t = TrustedThirdParty.create(id, params);
    assertViolation("BLND-S-04", () -> t.step(inbound(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY, id,
        Round.FIRST, new BlindingMessage.RecoveryRequest(List.of(1))), random));
  }

  @Test
  void secondSetup_isRefusedEverywhere() throws Exception {
    GroupHarness g = group(2, false);
    assertViolation("BLND-S-05", () -> TestAuth.setup(g.ttp, g.group, g.roster, keys, random));
    GroupHarness other = group(2, false);
    Step<TrustedThirdParty> s = TestAuth.setup(TrustedThirdParty.create(g.group, g.params), g.group, g.roster, keys, random);
    for (Envelope<?> e : s.outbound()) {
      assertViolation("BLND-S-05", () -> g.deliver(e));
    }
    assertTrue(other.supplier.isKeyed());
  }

  @Test
  void recoveryNeverReleased_isAbandonedAtTheNextDeadline() throws Exception {
    GroupHarness g = group(3, true);
    g.read(1, 0, 1);
    g.read(2, 0, 2);
    g.flush();
    g.deadlineAggregator(0);
    g.pending.clear(); // the request is lost
    g.deadlineAggregator(1);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, g.aggregatorOutcomes.get(0));
    assertEquals(0, v.round().index());
    assertEquals(VoidReason.RECOVERY_INCOMPLETE, v.reason());
    Envelope<BlindingMessage> late = new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, g.group,
        Round.FIRST, new BlindingMessage.RecoveryRelease(List.of(3), KeySize.BITS_2048, BigInteger.ONE));
    assertViolation("BLND-S-06", () -> g.deliver(late));
  }

  @Test
  void recoveryTwiceOrUnrequested_isRefused() throws Exception {
    GroupHarness g = group(3, true);
    g.round(0, new Long[] {1L, 2L, null});
    Envelope<BlindingMessage> again = new Envelope<>(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY, g.group,
        Round.FIRST, new BlindingMessage.RecoveryRequest(List.of(3)));
    assertViolation("BLND-S-06", () -> g.deliver(again));
    Envelope<BlindingMessage> unrequested = new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR,
        g.group, new Round(9), new BlindingMessage.RecoveryRelease(List.of(3), KeySize.BITS_2048, BigInteger.ONE));
    assertViolation("BLND-S-06", () -> g.deliver(unrequested));
    GroupHarness off = group(3, false);
    Envelope<BlindingMessage> request = new Envelope<>(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY, off.group,
        Round.FIRST, new BlindingMessage.RecoveryRequest(List.of(3)));
    assertViolation("BLND-S-06", () -> off.deliver(request));
  }

  @Test
  void decidedRound_isNotDecidedAgain() throws Exception {
    GroupHarness g = group(2, false);
    g.read(1, 0, 1);
    g.read(2, 0, 2);
    g.flush();
    Envelope<BlindingMessage> replay = new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g.group, Round.FIRST,
        new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, 2, 0));
    assertViolation("BLND-S-07", () -> g.deliver(replay));
    g.deadlineSupplier(3);
    Envelope<BlindingMessage> stale = new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g.group, new Round(2),
        new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, 2, 0));
    assertViolation("BLND-S-07", () -> g.deliver(stale));
  }

  @Test
  void foreignGroupAndWrongSender_areRefused() throws Exception {
    GroupHarness g = group(2, false);
    GroupId other = new GroupId("other");
    BlindingMessage contribution = new BlindingMessage.Contribution(KeySize.BITS_2048, BigInteger.ONE);
    assertViolation("BLND-V-02", () -> g.aggregator.step(inbound(Address.identified(g.roster.get(0)),
        Address.AGGREGATOR, other, Round.FIRST, contribution), random));
    assertViolation("BLND-V-03", () -> g.aggregator.step(inbound(Address.identified(new MeterId("intruder")),
        Address.AGGREGATOR, g.group, Round.FIRST, contribution), random));
    assertViolation("BLND-V-03", () -> g.aggregator.step(inbound(Address.SUPPLIER,
        Address.AGGREGATOR, g.group, Round.FIRST, contribution), random));
    BlindingMessage agg = new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, 2, 0);
    assertViolation("BLND-V-02", () -> g.supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, other,
        Round.FIRST, agg), random));
    assertViolation("BLND-V-03", () -> g.supplier.step(inbound(Address.identified(g.roster.get(0)),
        Address.SUPPLIER, g.group, Round.FIRST, agg), random));
    BlindingMessage req = new BlindingMessage.RecoveryRequest(List.of(1));
    assertViolation("BLND-V-02", () -> g.ttp.step(inbound(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY, other,
        Round.FIRST, req), random));
    assertViolation("BLND-V-03", () -> g.ttp.step(inbound(Address.SUPPLIER, Address.TRUSTED_THIRD_PARTY, g.group,
        Round.FIRST, req), random));
    Meter fresh = Meter.create(g.group, g.roster.get(0), g.params);
    assertViolation("BLND-V-03", () -> fresh.step(inbound(Address.AGGREGATOR, Address.identified(g.roster.get(0)),
        g.group, Round.FIRST, req), random));
    assertViolation("BLND-V-02", () -> fresh.step(inbound(Address.TRUSTED_THIRD_PARTY,
        Address.identified(g.roster.get(0)), other, Round.FIRST, req), random));
  }

  @Test
  void otherKeySize_isRefused() throws Exception {
    GroupHarness g = group(2, false);
    BlindingMessage c = new BlindingMessage.Contribution(KeySize.BITS_3072, BigInteger.ONE);
    assertViolation("BLND-V-04", () -> g.aggregator.step(inbound(Address.identified(g.roster.get(0)),
        Address.AGGREGATOR, g.group, Round.FIRST, c), random));
    BlindingMessage a = new BlindingMessage.Aggregate(KeySize.BITS_3072, BigInteger.ONE, 2, 0);
    assertViolation("BLND-V-04", () -> g.supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, g.group,
        Round.FIRST, a), random));
    Step<TrustedThirdParty> s = TestAuth.setup(TrustedThirdParty.create(g.group, g.params), g.group, g.roster, keys, random);
    BlindingParameters big = new BlindingParameters(8, 1000, g.params.unit(), false, KeySize.BITS_3072, false);
    Meter m = Meter.create(g.group, g.roster.get(0), big);
    assertViolation("BLND-V-04", () -> m.step(TestAuth.inbound(only2(s, 0), m), random));
  }

  @SuppressWarnings("unchecked") // the TTP sends blinding messages
  private static Envelope<BlindingMessage> only2(Step<?> s, int i) {
    return (Envelope<BlindingMessage>) s.outbound().get(i);
  }

  @Test
  void aggregateCounts_inconsistent_areRefused() throws Exception {
    GroupHarness g = group(3, false);
    // A negative count cannot be encoded (u32 fields), so it never reaches a verified envelope.
    for (int[] counts : new int[][] {{0, 3}, {2, 0}, {3, 1}, {1, 1}}) {
      BlindingMessage a = new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.ONE, counts[0], counts[1]);
      assertViolation("BLND-V-05", () -> g.supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, g.group,
          Round.FIRST, a), random));
    }
  }

  @Test
  void invalidCiphertexts_areRefusedByAggregatorAndSupplier() throws Exception {
    GroupHarness g = group(2, false);
    BigInteger n = keys.publicKey().n();
    for (BigInteger bad : List.of(BigInteger.ZERO, n, n.multiply(n))) {
      if (bad.bitLength() <= 4096) {
        BlindingMessage c = new BlindingMessage.Contribution(KeySize.BITS_2048, bad);
        assertViolation("BLND-V-01", () -> g.aggregator.step(inbound(Address.identified(g.roster.get(0)),
            Address.AGGREGATOR, g.group, Round.FIRST, c), random));
        BlindingMessage a = new BlindingMessage.Aggregate(KeySize.BITS_2048, bad, 2, 0);
        assertViolation("BLND-V-01", () -> g.supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, g.group,
            Round.FIRST, a), random));
      }
    }
  }

  @Test
  void recoveryRequest_invalidMissingSet_isRefused() throws Exception {
    GroupHarness g = group(4, true);
    for (List<Integer> missing : List.of(List.<Integer>of(), List.of(3, 2), List.of(2, 2), List.of(5), List.of(0),
        List.of(1, 2, 3))) {
      BlindingMessage req = new BlindingMessage.RecoveryRequest(missing);
      assertViolation("BLND-V-06", () -> g.ttp.step(inbound(Address.AGGREGATOR, Address.TRUSTED_THIRD_PARTY,
          g.group, Round.FIRST, req), random));
    }
  }

  @Test
  void recoveryRelease_mismatch_isRefused() throws Exception {
    GroupHarness g = group(4, true);
    g.read(1, 0, 1);
    g.read(2, 0, 2);
    g.read(3, 0, 3);
    g.flush();
    g.deadlineAggregator(0);
    Envelope<?> request = g.pending.removeFirst();
    assertEquals(List.of(4), ((BlindingMessage.RecoveryRequest) request.body()).missing());
    Envelope<BlindingMessage> wrongSet = new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, g.group,
        Round.FIRST, new BlindingMessage.RecoveryRelease(List.of(3), KeySize.BITS_2048, BigInteger.ONE));
    assertViolation("BLND-V-07", () -> g.deliver(wrongSet));
    Envelope<BlindingMessage> tooBig = new Envelope<>(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, g.group,
        Round.FIRST, new BlindingMessage.RecoveryRelease(List.of(4), KeySize.BITS_2048, keys.publicKey().n()));
    assertViolation("BLND-V-07", () -> g.deliver(tooBig));
    g.deliver(request);
    g.flush();
    g.deadlineSupplier(0);
    assertEquals(6, ((RoundOutcome.Exact) g.last(0)).sum());
  }

  @Test
  void receivedIndexOrGroupSize_outOfRange_isRefused() throws Exception {
    GroupHarness g = group(2, false);
    BigInteger n = keys.publicKey().n();
    BigInteger hs = keys.publicKey().hs();
    var seed = io.gridveil.core.secret.SecretBytes.random(32, random);
    for (int[] in : new int[][] {{0, 2}, {3, 2}, {1, 1}, {1, 9}}) {
      Meter m = Meter.create(g.group, g.roster.get(0), g.params);
      BlindingMessage deal = new BlindingMessage.SeedDeal(KeySize.BITS_2048, in[0], in[1], n, hs, seed, seed);
      assertViolation("BLND-V-09", () -> m.step(inbound(Address.TRUSTED_THIRD_PARTY,
          Address.identified(g.roster.get(0)), g.group, Round.FIRST, deal), random));
    }
    Aggregator a = Aggregator.create(g.group, g.params);
    BlindingMessage setup = new BlindingMessage.GroupSetup(KeySize.BITS_2048, n, hs,
        List.of(g.roster.get(0), g.roster.get(0)));
    assertViolation("BLND-V-09", () -> a.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, g.group,
        Round.FIRST, setup), random));
    Supplier s = Supplier.create(g.group, g.params);
    BlindingMessage key = BlindingRoundKnownAnswerTest.keyDelivery(keys, 9);
    assertViolation("BLND-V-09", () -> s.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.SUPPLIER, g.group,
        Round.FIRST, key), random));
  }

  @Test
  void receivedKeyMaterial_malformed_isRefused() throws Exception {
    GroupHarness g = group(2, false);
    var seed = io.gridveil.core.secret.SecretBytes.random(32, random);
    Meter m = Meter.create(g.group, g.roster.get(0), g.params);
    BigInteger n = keys.publicKey().n();
    BlindingMessage deal = new BlindingMessage.SeedDeal(KeySize.BITS_2048, 1, 2, n, n, seed, seed);
    assertViolation("BLND-V-08", () -> m.step(inbound(Address.TRUSTED_THIRD_PARTY,
        Address.identified(g.roster.get(0)), g.group, Round.FIRST, deal), random));
    Supplier s = Supplier.create(g.group, g.params);
    byte[] zero = new byte[128];
    BlindingMessage key = new BlindingMessage.KeyDelivery(KeySize.BITS_2048, 2,
        io.gridveil.core.secret.SecretBytes.copyOf(zero), io.gridveil.core.secret.SecretBytes.copyOf(zero));
    assertViolation("BLND-V-08", () -> s.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.SUPPLIER, g.group,
        Round.FIRST, key), random));
    assertFalse(s.isKeyed());
  }

  @Test
  void rosterOutsideTwoToNMax_isRefusedAtSetup() {
    BlindingParameters params = BlindingParameters.of(3, 100, false);
    GroupId id = new GroupId("g");
    TrustedThirdParty t = TrustedThirdParty.create(id, params);
    MeterId a = new MeterId("a");
    assertRefused("BLND-P-02", () -> TestAuth.setup(t, id, List.of(a), keys, random));
    assertRefused("BLND-P-02", () -> TestAuth.setup(t, id,
        List.of(a, new MeterId("b"), new MeterId("c"), new MeterId("d")), keys, random));
    assertRefused("BLND-P-02", () -> TestAuth.setup(t, id, List.of(a, a), keys, random));
    assertRefused("BLND-P-02", () -> t.step(new BlindingInput.Setup(TestAuth.licences(id, List.of(a, a)),
        TestAuth.pki(id).anchors(), io.gridveil.core.auth.RevocationList.NONE, Round.FIRST), random));
  }

  @Test
  void setupWithKeys_ofOtherSize_isRefused() {
    BlindingParameters params =
        new BlindingParameters(4, 100, io.gridveil.core.ReadingUnit.WATT_HOUR, false, KeySize.BITS_3072, false);
    TrustedThirdParty t = TrustedThirdParty.create(new GroupId("g"), params);
    assertRefused("BLND-P-01", () -> t.step(
        TestAuth.setupInput(new GroupId("g"), List.of(new MeterId("a"), new MeterId("b")), keys), random));
  }

  @Test
  void setupWithKeys_dealsAWorkingGroup() throws Exception {
    PaillierKeyPair pair = PaillierKeyPair.fromPrivateKey(keys.privateKey(), random);
    BlindingParameters params = BlindingParameters.of(4, 100, false);
    Step<TrustedThirdParty> s = TrustedThirdParty.create(new GroupId("g"), params)
        .step(TestAuth.setupInput(new GroupId("g"), List.of(new MeterId("a"), new MeterId("b")), pair), random);
    assertTrue(s.next().isSetUp());
    assertEquals(4, s.outbound().size());
    BlindingMessage.GroupSetup gs = (BlindingMessage.GroupSetup) s.outbound().get(2).body();
    assertEquals(pair.publicKey().hs(), gs.hs());
  }

  @Test
  void meterReading_outsideParameters_isRefused() throws Exception {
    GroupHarness g = group(2, false);
    assertViolation("CORE-R-01", () -> g.read(1, 0, 1_000_001));
    assertViolation("CORE-R-02", () -> g.read(1, 0, -1));
  }

  @Test
  void tamperedAggregate_voidsInadmissibleSum() throws Exception {
    GroupHarness g = group(2, false);
    g.read(1, 0, 5);
    Envelope<?> c = g.pending.removeFirst();
    // Forward one blinded ciphertext as if it were the product: its plaintext is uniform in Z_N.
    BigInteger single = ((BlindingMessage.Contribution) c.body()).c();
    Step<Supplier> s = g.supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, g.group, Round.FIRST,
        new BlindingMessage.Aggregate(KeySize.BITS_2048, single, 2, 0)), random);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, s.events().get(0));
    assertEquals(VoidReason.INADMISSIBLE_SUM, v.reason());
  }

  @Test
  void signedReadings_sumExactly() throws Exception {
    BlindingParameters params = new BlindingParameters(4, 500, io.gridveil.core.ReadingUnit.WATT_HOUR, true,
        KeySize.BITS_2048, false);
    GroupHarness g = new GroupHarness("s", 3, params, keys, random);
    assertEquals(-700, ((RoundOutcome.Exact) g.round(0, new Long[] {-500L, -300L, 100L})).sum());
    assertEquals(1500, ((RoundOutcome.Exact) g.round(1, new Long[] {500L, 500L, 500L})).sum());
  }

  @Test
  void toStrings_revealNoSecrets() throws Exception {
    GroupHarness g = group(2, false);
    assertFalse(g.meters.get(0).toString().contains("seed"));
    assertTrue(g.ttp.toString().contains("dealt"));
    assertTrue(g.supplier.toString().contains("keyed"));
    assertTrue(only(g.meters.get(0).encryptReading(new Round(3), Reading.ofWattHours(1), BigInteger.TEN))
        .body().toString().contains("Contribution"));
  }
}
