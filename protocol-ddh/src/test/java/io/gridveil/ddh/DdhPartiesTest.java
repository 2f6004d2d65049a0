// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.secret.SecretLong;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of the EDAT meter, aggregator and supplier (spec/ddh.md §3, §4). */
class DdhPartiesTest {
  private static final DdhParameters P16 = DdhParameters.of(5, 100, 16);

  private static EdatGroup group() throws Exception {
    return new EdatGroup(P16, 5, 3);
  }

  private static Envelope<DdhMessage> contribution(EdatGroup g, int i, long j, long version, long c) {
    return new Envelope<>(Address.identified(g.ids.get(i)), Address.AGGREGATOR, g.group, new Round(j),
        new DdhMessage.Contribution(version, c));
  }

  private static Envelope<DdhMessage> fromAggregator(EdatGroup g, long j, long sum, List<Integer> who) {
    return new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g.group, new Round(j),
        new DdhMessage.AggregateSum(1, sum, who));
  }

  private static Envelope<DdhMessage> request(EdatGroup g, int to, long j, List<Integer> missing) {
    return new Envelope<>(Address.SUPPLIER, Address.identified(g.ids.get(to)), g.group, new Round(j),
        new DdhMessage.RevealRequest(1, missing));
  }

  private static Envelope<DdhMessage> reveal(EdatGroup g, int from, long j, int missing, long pad) {
    return new Envelope<>(Address.identified(g.ids.get(from)), Address.SUPPLIER, g.group, new Round(j),
        new DdhMessage.PadReveal(1, missing, SecretLong.of(pad)));
  }

  @Test
  void meter_encryptsOncePerRoundInIncreasingRounds() throws Exception {
    EdatGroup g = group();
    DdhMeter m = g.meters.get(0).step(new DdhInput.LocalReading(new Round(3), Reading.ofWattHours(1)), EdatRounds.RNG).next();
    assertViolation("DDH-S-05", () -> m.step(new DdhInput.LocalReading(new Round(3), Reading.ofWattHours(2)), EdatRounds.RNG));
    assertViolation("DDH-S-05", () -> m.step(new DdhInput.LocalReading(new Round(2), Reading.ofWattHours(2)), EdatRounds.RNG));
    assertViolation("CORE-R-01", () -> m.step(new DdhInput.LocalReading(new Round(4), Reading.ofWattHours(101)), EdatRounds.RNG));
    Step<DdhMeter> ok = m.step(new DdhInput.LocalReading(new Round(4), Reading.ofWattHours(2)), EdatRounds.RNG);
    assertEquals(1, ok.outbound().size());
  }

  private static long ciphertext(Step<DdhMeter> s) {
    return assertInstanceOf(DdhMessage.Contribution.class, s.outbound().get(0).body()).ciphertext();
  }

  @Test
  void restoredMeter_refusesToEncryptOrRevealARoundItAlreadyDid() throws Exception {
    EdatGroup g = group();
    DdhMeter m = g.meters.get(2);
    Step<DdhMeter> encrypted =
        m.step(new DdhInput.LocalReading(new Round(5), Reading.ofWattHours(1)), EdatRounds.RNG);
    DdhMeter afterEncrypt = encrypted.next();
    // §3.6 step 1: the embedding stores the marks of the state the step returns, then sends.
    Step<DdhMeter> revealed =
        afterEncrypt.step(g.in(request(g, 2, 5, List.of(3)), afterEncrypt), EdatRounds.RNG);
    DdhMeter persisted = revealed.next();
    assertEquals(5, persisted.lastEncrypted());
    assertEquals(5, persisted.lastRevealed());

    DdhMeter restarted = DdhMeter.restore(P16, g.ids.get(2), g.keys.get(2),
        g.signingKey.publicKey(), g.supplier.signedRoster(), persisted.lastEncrypted(),
        persisted.lastRevealed());
    assertViolation("DDH-S-05", () -> restarted.step(
        new DdhInput.LocalReading(new Round(5), Reading.ofWattHours(40)), EdatRounds.RNG));
    // The other neighbour's pad of round 5 would complete both: refused as already revealed.
    assertViolation("DDH-S-08",
        () -> restarted.step(g.in(request(g, 2, 5, List.of(1)), restarted), EdatRounds.RNG));
    assertEquals(5, restarted.lastEncrypted());
    assertEquals(5, restarted.lastRevealed());
    Step<DdhMeter> next = restarted.step(
        new DdhInput.LocalReading(new Round(6), Reading.ofWattHours(2)), EdatRounds.RNG);
    assertEquals(6, next.next().lastEncrypted());

    // What the marks prevent: a meter rebuilt without them encrypts round 5 again, and the
    // difference of the two ciphertexts is the difference of the readings (§3.6).
    DdhMeter forgetful = DdhMeter.create(P16, g.ids.get(2), g.keys.get(2),
        g.signingKey.publicKey(), g.supplier.signedRoster());
    long again = ciphertext(forgetful.step(
        new DdhInput.LocalReading(new Round(5), Reading.ofWattHours(40)), EdatRounds.RNG));
    assertEquals(39, (again - ciphertext(encrypted)) & P16.mask());
  }

  @Test
  void restore_refusesMarksNoMeterCanHave() throws Exception {
    EdatGroup g = group();
    assertThrows(IllegalArgumentException.class, () -> DdhMeter.restore(P16, g.ids.get(0),
        g.keys.get(0), g.signingKey.publicKey(), g.supplier.signedRoster(), 4, 5));
    assertThrows(IllegalArgumentException.class, () -> DdhMeter.restore(P16, g.ids.get(0),
        g.keys.get(0), g.signingKey.publicKey(), g.supplier.signedRoster(), 4, -2));
  }

  @Test
  void meter_refusesMessagesMeantForOthers() throws Exception {
    EdatGroup g = group();
    DdhMeter m0 = g.meters.get(0);
    // A frame for the aggregator never reaches the meter: its verifier refuses the recipient.
    assertViolation("AUTH-V-13", () -> g.in(contribution(g, 1, 0, 1, 5), m0));
    // A licensed peer may write to the meter, but meters act only on the supplier's messages.
    Envelope<DdhMessage> toMeter = new Envelope<>(Address.identified(g.ids.get(1)), Address.identified(g.ids.get(0)),
        g.group, new Round(0), new DdhMessage.Contribution(1, 5));
    assertViolation("DDH-V-06", () -> m0.step(g.in(toMeter, m0), EdatRounds.RNG));
    Envelope<DdhMessage> forged = new Envelope<>(Address.AGGREGATOR, Address.identified(g.ids.get(0)), g.group,
        new Round(0), new DdhMessage.RevealRequest(1, List.of(1)));
    assertViolation("DDH-V-06", () -> g.meters.get(0).step(g.in(forged, g.meters.get(0)), EdatRounds.RNG));
  }

  @Test
  void meter_checksRevealRequests() throws Exception {
    EdatGroup g = group();
    DdhMeter m = g.meters.get(2).step(new DdhInput.LocalReading(new Round(5), Reading.ofWattHours(1)), EdatRounds.RNG).next();
    assertViolation("DDH-S-08", () -> m.step(g.in(request(g, 2, 6, List.of(3)), m), EdatRounds.RNG));
    assertViolation("DDH-V-10", () -> m.step(g.in(request(g, 2, 5, List.of(2)), m), EdatRounds.RNG));
    assertViolation("DDH-V-10", () -> m.step(g.in(request(g, 2, 5, List.of(0)), m), EdatRounds.RNG));
    assertViolation("DDH-V-11", () -> m.step(g.in(request(g, 2, 5, List.of(1, 3)), m), EdatRounds.RNG));
    assertViolation("DDH-V-13", () -> m.step(g.in(request(g, 2, 5, List.of(3, 9)), m), EdatRounds.RNG));
    Envelope<DdhMessage> otherVersion = new Envelope<>(Address.SUPPLIER, Address.identified(g.ids.get(2)), g.group,
        new Round(5), new DdhMessage.RevealRequest(2, List.of(3)));
    assertViolation("DDH-S-02", () -> m.step(g.in(otherVersion, m), EdatRounds.RNG));
    Step<DdhMeter> ok = m.step(g.in(request(g, 2, 5, List.of(3)), m), EdatRounds.RNG);
    DdhMessage.PadReveal r = assertInstanceOf(DdhMessage.PadReveal.class, ok.outbound().get(0).body());
    assertEquals(3, r.missing());
    assertViolation("DDH-S-08", () -> ok.next().step(g.in(request(g, 2, 5, List.of(3)), ok.next()), EdatRounds.RNG));
  }

  @Test
  void aggregator_checksContributions() throws Exception {
    EdatGroup g = group();
    DdhAggregator a = g.aggregator.step(g.in(contribution(g, 0, 1, 1, 7), g.aggregator), EdatRounds.RNG).next();
    assertViolation("DDH-S-03", () -> a.step(g.in(contribution(g, 0, 1, 1, 7), a), EdatRounds.RNG));
    assertViolation("DDH-S-02", () -> a.step(g.in(contribution(g, 1, 1, 2, 7), a), EdatRounds.RNG));
    assertViolation("DDH-V-07", () -> a.step(g.in(contribution(g, 1, 1, 1, 1 << 16), a), EdatRounds.RNG));
    Envelope<DdhMessage> stranger = new Envelope<>(Address.identified(new MeterId("x")), Address.AGGREGATOR, g.group,
        new Round(1), new DdhMessage.Contribution(1, 3));
    assertViolation("DDH-V-06", () -> a.step(g.in(stranger, a), EdatRounds.RNG));
    Envelope<DdhMessage> sumToAggregator = new Envelope<>(Address.AGGREGATOR, Address.AGGREGATOR, g.group, new Round(1),
        new DdhMessage.AggregateSum(1, 0, List.of()));
    assertViolation("DDH-V-06", () -> a.step(g.in(sumToAggregator, a), EdatRounds.RNG));
    assertViolation("AUTH-V-13", () -> g.in(fromAggregator(g, 1, 0, List.of()), a));
    Step<DdhAggregator> closed = a.step(new DdhInput.Deadline(new Round(1)), EdatRounds.RNG);
    DdhMessage.AggregateSum s = assertInstanceOf(DdhMessage.AggregateSum.class, closed.outbound().get(0).body());
    assertEquals(List.of(0), s.contributors());
    assertEquals(7, s.sum());
    assertViolation("DDH-S-04", () -> closed.next().step(g.in(contribution(g, 1, 1, 1, 7), closed.next()), EdatRounds.RNG));
    assertViolation("DDH-S-04", () -> closed.next().step(g.in(contribution(g, 1, 0, 1, 7), closed.next()), EdatRounds.RNG));
  }

  @Test
  void aggregatorDeadline_closesEveryOpenRoundUpToIt() throws Exception {
    EdatGroup g = group();
    DdhAggregator a = g.aggregator.step(g.in(contribution(g, 0, 1, 1, 7), g.aggregator), EdatRounds.RNG).next();
    a = a.step(g.in(contribution(g, 1, 2, 1, 9), a), EdatRounds.RNG).next();
    a = a.step(g.in(contribution(g, 2, 4, 1, 3), a), EdatRounds.RNG).next();
    Step<DdhAggregator> closed = a.step(new DdhInput.Deadline(new Round(3)), EdatRounds.RNG);
    List<Long> rounds = new java.util.ArrayList<>();
    closed.outbound().forEach(e -> rounds.add(e.round().index()));
    assertEquals(List.of(1L, 2L, 3L), rounds);
    assertEquals(List.of(), ((DdhMessage.AggregateSum) closed.outbound().get(2).body()).contributors());
    assertTrue(closed.next().step(new DdhInput.Deadline(new Round(3)), EdatRounds.RNG).outbound().isEmpty());
    Step<DdhAggregator> four = closed.next().step(new DdhInput.Deadline(new Round(4)), EdatRounds.RNG);
    assertEquals(3, ((DdhMessage.AggregateSum) four.outbound().get(0).body()).sum());
  }

  @Test
  void rekey_dropsOpenRoundsAtTheAggregatorAndVoidsPendingOnesAtTheSupplier() throws Exception {
    EdatGroup g = group();
    DdhAggregator a = g.aggregator.step(g.in(contribution(g, 0, 5, 1, 7), g.aggregator), EdatRounds.RNG).next();
    DdhSupplier s = g.supplier.step(g.in(fromAggregator(g, 4, 5, List.of(0, 1, 3, 4)), g.supplier), EdatRounds.RNG).next();
    Step<DdhSupplier> rk = s.rekey(g.enrolments(), g.admission);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, rk.events().get(0));
    assertEquals(VoidReason.MEMBERSHIP_CHANGED, v.reason());
    assertEquals(4, v.round().index());
    @SuppressWarnings("unchecked") // the supplier emits EDAT envelopes
    Envelope<DdhMessage> ann = (Envelope<DdhMessage>) rk.outbound().get(0);
    Step<DdhAggregator> closed = a.step(g.in(ann, a), EdatRounds.RNG).next()
        .step(new DdhInput.Deadline(new Round(5)), EdatRounds.RNG);
    DdhMessage.AggregateSum sum = (DdhMessage.AggregateSum) closed.outbound().get(0).body();
    assertEquals(2, sum.version());
    assertEquals(List.of(), sum.contributors());
  }

  @Test
  void aggregator_sumsModM() throws Exception {
    EdatGroup g = group();
    assertEquals(((1 << 16) - 2 + 5) & 0xffff, g.aggregator.aggregate(new long[] {(1 << 16) - 2, 5}));
  }

  @Test
  void supplier_checksAggregates() throws Exception {
    EdatGroup g = group();
    DdhSupplier s = g.supplier;
    assertViolation("DDH-V-07", () -> s.step(g.in(fromAggregator(g, 0, 1 << 16, List.of(0, 1, 2, 3, 4)), s), EdatRounds.RNG));
    assertViolation("DDH-V-13", () -> s.step(g.in(fromAggregator(g, 0, 1, List.of(0, 1, 7)), s), EdatRounds.RNG));
    Envelope<DdhMessage> fromMeter = new Envelope<>(Address.identified(g.ids.get(0)), Address.SUPPLIER, g.group,
        new Round(0), new DdhMessage.AggregateSum(1, 0, List.of(0, 1, 2)));
    assertViolation("DDH-V-06", () -> s.step(g.in(fromMeter, s), EdatRounds.RNG));
    Envelope<DdhMessage> otherVersion = new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g.group,
        new Round(0), new DdhMessage.AggregateSum(3, 0, List.of(0, 1, 2)));
    assertViolation("DDH-S-02", () -> s.step(g.in(otherVersion, s), EdatRounds.RNG));
    Envelope<DdhMessage> contributionToSupplier = new Envelope<>(Address.identified(g.ids.get(0)), Address.SUPPLIER,
        g.group, new Round(0), new DdhMessage.Contribution(1, 1));
    assertViolation("DDH-V-06", () -> s.step(g.in(contributionToSupplier, s), EdatRounds.RNG));
    Step<DdhSupplier> done = s.step(g.in(fromAggregator(g, 0, 1, List.of(0, 1, 2, 3, 4)), s), EdatRounds.RNG);
    assertEquals(1, done.events().size());
    assertViolation("DDH-S-04", () -> done.next().step(g.in(fromAggregator(g, 0, 1, List.of(0, 1, 2, 3, 4)), done.next()), EdatRounds.RNG));
  }

  @Test
  void supplier_voidsAnInadmissibleSum() throws Exception {
    EdatGroup g = group();
    int found = 0;
    for (long sum = 0; sum < 40 && found == 0; sum++) {
      RoundOutcome o = g.supplier.decryptSum(new Round(0), sum);
      if (o instanceof RoundOutcome.Voided v) {
        assertEquals(VoidReason.INADMISSIBLE_SUM, v.reason());
        found++;
      }
    }
    assertTrue(found > 0, "a random residue is almost never an admissible sum at t_max = 100 of 2^16");
  }

  @Test
  void supplier_checksReveals() throws Exception {
    EdatGroup g = group();
    // Meter 2 missing: meter 1 reveals its successor pad and meter 3 its predecessor pad.
    Step<DdhSupplier> st = g.supplier.step(g.in(fromAggregator(g, 0, 5, List.of(0, 1, 3, 4)), g.supplier), EdatRounds.RNG);
    assertEquals(2, st.outbound().size());
    DdhSupplier s = st.next();
    assertViolation("DDH-V-08", () -> s.step(g.in(reveal(g, 0, 0, 2, 1), s), EdatRounds.RNG));
    assertViolation("DDH-V-09", () -> s.step(g.in(reveal(g, 1, 0, 0, 1), s), EdatRounds.RNG));
    assertViolation("DDH-V-07", () -> s.step(g.in(reveal(g, 1, 0, 2, 1 << 16), s), EdatRounds.RNG));
    assertViolation("DDH-V-13", () -> s.step(g.in(reveal(g, 1, 0, 8, 1), s), EdatRounds.RNG));
    assertViolation("DDH-S-07", () -> s.step(g.in(reveal(g, 1, 1, 2, 1), s), EdatRounds.RNG));
    Envelope<DdhMessage> stranger = new Envelope<>(Address.identified(new MeterId("x")), Address.SUPPLIER, g.group,
        new Round(0), new DdhMessage.PadReveal(1, 2, SecretLong.of(1)));
    assertViolation("DDH-V-06", () -> s.step(g.in(stranger, s), EdatRounds.RNG));
    Envelope<DdhMessage> otherVersion = new Envelope<>(Address.identified(g.ids.get(1)), Address.SUPPLIER, g.group,
        new Round(0), new DdhMessage.PadReveal(4, 2, SecretLong.of(1)));
    assertViolation("DDH-S-02", () -> s.step(g.in(otherVersion, s), EdatRounds.RNG));
    DdhSupplier half = s.step(g.in(reveal(g, 1, 0, 2, 1), s), EdatRounds.RNG).next();
    assertViolation("DDH-S-06", () -> half.step(g.in(reveal(g, 1, 0, 2, 1), half), EdatRounds.RNG));
    // The rejected inputs left s unchanged: it still completes with both reveals.
    Step<DdhSupplier> fin = half.step(g.in(reveal(g, 3, 0, 2, 1), half), EdatRounds.RNG);
    assertEquals(1, fin.events().size());
  }

  @Test
  void supplier_refusesARevealForAnInteriorMissingMeterFromANonNeighbour() throws Exception {
    EdatGroup g = new EdatGroup(new DdhParameters(
        io.gridveil.core.AggregationParameters.unsignedPowerOfTwo(5, 100, 16), 2), 5, 3);
    // Meters 1, 2, 3 missing: only 0 (for 1) and 4 (for 3) reveal; 2 needs no reveal at all.
    DdhSupplier s = g.supplier.step(g.in(fromAggregator(g, 0, 5, List.of(0, 4)), g.supplier), EdatRounds.RNG).next();
    assertViolation("DDH-V-08", () -> s.step(g.in(reveal(g, 0, 0, 2, 1), s), EdatRounds.RNG));
    assertViolation("DDH-V-08", () -> s.step(g.in(reveal(g, 4, 0, 1, 1), s), EdatRounds.RNG));
    assertViolation("DDH-V-09", () -> s.step(g.in(reveal(g, 0, 0, 4, 1), s), EdatRounds.RNG));
  }

  @Test
  void supplierDeadline_voidsAMissingAggregateAndRefusesItLater() throws Exception {
    EdatGroup g = group();
    Step<DdhSupplier> d = g.supplier.step(new DdhInput.Deadline(new Round(0)), EdatRounds.RNG);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, d.events().get(0));
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
    assertViolation("DDH-S-04", () -> d.next().step(g.in(fromAggregator(g, 0, 1, List.of(0, 1, 2, 3, 4)), d.next()), EdatRounds.RNG));
  }
}
