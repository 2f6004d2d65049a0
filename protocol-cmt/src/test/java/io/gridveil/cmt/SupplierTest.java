// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The supplier's checks (spec/cmt.md §3.1, §3.4 step 5, §3.6 step 5, §3.7). */
class SupplierTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 100, 16))
          .withMinGroupSize(3);
  private static final List<Token> TOKENS =
      List.of(new Token(0, 1), new Token(0, 2), new Token(0, 3));
  private final RandomSource rng = DeterministicRandomSource.fromSeed(3);

  private static CmtInput in(Address from, Round j, CmtMessage m) {
    return new CmtInput.Inbound(new Envelope<>(from, Address.SUPPLIER, CmtGroupDriver.GROUP, j, m));
  }

  private Supplier keyed(long groupKey) throws Exception {
    Supplier s = Supplier.create(PARAMS, CmtGroupDriver.GROUP, Set.of(new MeterId("a")));
    for (Token t : TOKENS) {
      s = s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
          new CmtMessage.TokenRegistration(t)), rng).next();
    }
    return s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(1, groupKey, TOKENS)), rng).next();
  }

  @Test
  void licence_unregisteredOrForAnother_isRefused() throws Exception {
    Supplier s = Supplier.create(PARAMS, CmtGroupDriver.GROUP, Set.of(new MeterId("a")));
    assertViolation("CMT-V-01", () -> s.step(in(Address.identified(new MeterId("b")),
        Round.FIRST, new CmtMessage.LicenceRequest(new MeterId("b"))), rng));
    assertViolation("CMT-V-02", () -> s.step(in(Address.identified(new MeterId("b")),
        Round.FIRST, new CmtMessage.LicenceRequest(new MeterId("a"))), rng));
    Step<Supplier> ok = s.step(in(Address.identified(new MeterId("a")), Round.FIRST,
        new CmtMessage.LicenceRequest(new MeterId("a"))), rng);
    assertEquals(new CmtMessage.LicenceGrant(new Licence(new MeterId("a"), CmtGroupDriver.GROUP,
        1)), ok.outbound().get(0).body());
  }

  @Test
  void groupKey_belowMinimum_unknownToken_oldEpoch_outsideZm_areRefused() throws Exception {
    Supplier s = keyed(10);
    assertViolation("CMT-V-07", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(2, 1, TOKENS.subList(0, 2))), rng));
    assertViolation("CMT-V-03", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(2, 1, List.of(TOKENS.get(0), TOKENS.get(1), new Token(9, 9)))),
        rng));
    assertViolation("CMT-S-02", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(1, 11, TOKENS)), rng));
    assertViolation("CMT-S-04", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(1, 10, TOKENS)), rng));
    assertViolation("CMT-V-06", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(2, 1L << 16, TOKENS)), rng));
    assertViolation("CMT-S-04", () -> s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.TokenRegistration(TOKENS.get(0))), rng));
    assertEquals(1, s.epoch());
  }

  @Test
  void ciphertexts_checked_thenExactSum() throws Exception {
    long k = 1000;
    Supplier s = keyed(k).step(new CmtInput.RequestRound(new Round(1)), rng).next();
    Round j = new Round(1);
    Address from = Address.meter(TOKENS.get(0));
    Supplier s1 = s.step(in(from, j, new CmtMessage.EncryptedReading(TOKENS.get(0), 1, 5)), rng)
        .next();
    assertViolation("CMT-S-04", () -> s1.step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(0), 1, 5)), rng));
    assertViolation("CMT-V-04", () -> s1.step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(0), 1, 6)), rng));
    assertViolation("CMT-V-03", () -> s1.step(in(from, j,
        new CmtMessage.EncryptedReading(new Token(7, 7), 1, 6)), rng));
    assertViolation("CMT-S-02", () -> s1.step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(1), 2, 6)), rng));
    assertViolation("CMT-S-03", () -> s1.step(in(from, new Round(2),
        new CmtMessage.EncryptedReading(TOKENS.get(1), 1, 6)), rng));
    assertViolation("CMT-V-06", () -> s1.step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(1), 1, 1L << 16)), rng));
    Supplier s2 = s1.step(in(from, j, new CmtMessage.EncryptedReading(TOKENS.get(1), 1, 7)), rng)
        .next();
    // c = 5 + 7 + 1000 + 30 - K, so the sum is 42.
    Step<Supplier> done = s2.step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(2), 1, 1030)), rng);
    assertEquals(List.of(new RoundOutcome.Exact(CmtGroupDriver.GROUP, j, 42, 3, 0)),
        done.events());
    assertViolation("CMT-S-03", () -> done.next().step(in(from, j,
        new CmtMessage.EncryptedReading(TOKENS.get(2), 1, 1030)), rng));
  }

  @Test
  void newGroupKey_voidsOpenRoundsOfTheOldEpoch() throws Exception {
    Supplier s = keyed(0).step(new CmtInput.RequestRound(new Round(4)), rng).next();
    Step<Supplier> st = s.step(in(Address.LOCAL_CONCENTRATOR, Round.FIRST,
        new CmtMessage.GroupKey(2, 5, TOKENS)), rng);
    assertEquals(List.of(new RoundOutcome.Voided(CmtGroupDriver.GROUP, new Round(4),
        VoidReason.MEMBERSHIP_CHANGED)), st.events());
  }

  @Test
  void requestWithoutKey_isOutOfOrder() {
    Supplier s = Supplier.create(PARAMS, CmtGroupDriver.GROUP, Set.of());
    assertViolation("CMT-S-01", () -> s.step(new CmtInput.RequestRound(new Round(1)), rng));
  }

  @Test
  void envelope_ofAnotherGroup_isRejected() {
    Supplier s = Supplier.create(PARAMS, CmtGroupDriver.GROUP, Set.of(new MeterId("a")));
    CmtInput in = new CmtInput.Inbound(new Envelope<>(Address.identified(new MeterId("a")),
        Address.SUPPLIER, new io.gridveil.core.GroupId("elsewhere"), Round.FIRST,
        new CmtMessage.LicenceRequest(new MeterId("a"))));
    assertViolation("CMT-V-09", () -> s.step(in, rng));
  }
}
