// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender rules of LcHandover (spec/cmt.md §11.1: rotation, merge, forward) and one ring token
 * per identity at the LC (§3.3 step 3, §3.4 step 3). A licensed member is an insider: its frames
 * verify, so only the party's own rules keep it from seizing the LC role or a second ring
 * position. Frames are sealed under the sender's licence and verified for the receiver, as its
 * endpoint would.
 */
class LcHandoverTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(16, 1000, 16))
          .withMinGroupSize(3);
  private final RandomSource rng = DeterministicRandomSource.fromSeed(17);

  private CmtGroupDriver d;
  private MeterId lcId;
  private Meter lc;
  private Token lcToken;
  private long epoch;
  /** Two members that are not the LC. */
  private MeterId aId;
  private MeterId bId;
  private Meter a;
  private Token aToken;
  private Token bToken;

  @BeforeEach
  void keyedGroupOfFour() {
    d = CmtGroupDriver.keyed(PARAMS, 23, 4);
    lcId = d.lcs().get(0);
    lc = d.meter(lcId);
    lcToken = lc.token().orElseThrow();
    epoch = lc.keyedEpoch();
    List<MeterId> members = new ArrayList<>(d.live());
    members.remove(lcId);
    aId = members.get(0);
    bId = members.get(1);
    a = d.meter(aId);
    aToken = a.token().orElseThrow();
    bToken = d.meter(bId).token().orElseThrow();
  }

  private CmtInput in(Envelope<CmtMessage> e, Meter receiver) throws ProtocolViolationException {
    return new CmtInput.Inbound(d.verified(e, receiver));
  }

  private CmtInput handover(MeterId from, Token to, Meter receiver, long e,
      List<CmtMessage.Member> members) throws ProtocolViolationException {
    return in(new Envelope<>(Address.identified(from), Address.meter(to), CmtGroupDriver.GROUP,
        Round.FIRST, new CmtMessage.LcHandover(e, members)), receiver);
  }

  private static List<CmtMessage.Member> members(Meter lcState, MeterId lcIdentity,
      Map<MeterId, Token> more) {
    List<CmtMessage.Member> out = new ArrayList<>();
    out.add(new CmtMessage.Member(lcState.token().orElseThrow(), lcIdentity));
    more.forEach((id, t) -> out.add(new CmtMessage.Member(t, id)));
    return out;
  }

  private static CmtMessage.LcHandover sentHandover(Step<Meter> s) {
    return (CmtMessage.LcHandover) s.outbound().stream()
        .filter(e -> e.body() instanceof CmtMessage.LcHandover).findFirst().orElseThrow().body();
  }

  @Test
  void handover_fromLicensedMemberThatIsNotTheLc_isRefused_memberStaysMember() throws Exception {
    // b copies the LC's hand-over, naming a as the next LC, but sends it under its own identity
    List<CmtMessage.Member> list = members(lc, lcId, Map.of(aId, aToken, bId, bToken));
    CmtInput forged = handover(bId, aToken, a, epoch, list);
    assertViolation("CMT-V-08", () -> a.step(forged, rng));
    assertFalse(a.isLocalConcentrator());
    // the same list from the LC a follows is the rotation of §3.10
    Meter rotated = a.step(handover(lcId, aToken, a, epoch, list), rng).next();
    assertTrue(rotated.isLocalConcentrator());
  }

  @Test
  void rotation_handsTheRoleToTheChosenMember_whoBecomesLc() throws Exception {
    Step<Meter> s = lc.step(new CmtInput.RotateLc(), rng);
    Envelope<?> sent = s.outbound().stream()
        .filter(e -> e.body() instanceof CmtMessage.LcHandover).findFirst().orElseThrow();
    Token next = ((Address.Meter) sent.recipient()).token();
    MeterId nextId = d.live().stream()
        .filter(id -> d.meter(id).token().orElseThrow().equals(next)).findFirst().orElseThrow();
    Meter receiver = d.meter(nextId);
    Meter newLc = receiver.step(handover(lcId, next, receiver, epoch,
        sentHandover(s).members()), rng).next();
    assertTrue(newLc.isLocalConcentrator());
    assertFalse(s.next().isLocalConcentrator());
  }

  @Test
  void mergeHandover_fromMemberNotPresentingItselfAsSmallerLc_isRefused() {
    Token fresh = new Token(9, 9);
    // b does not name itself in the list
    assertViolation("CMT-V-14", () -> lc.step(handover(bId, lcToken, lc, 0,
        List.of(new CmtMessage.Member(fresh, new MeterId("mallory")))), rng));
    // b names itself, but as an LC greater than the receiver: it would not step down to it
    assertViolation("CMT-V-14", () -> lc.step(handover(bId, lcToken, lc, epoch + 1,
        List.of(new CmtMessage.Member(fresh, bId))), rng));
    // b names itself twice
    assertViolation("CMT-V-14", () -> lc.step(handover(bId, lcToken, lc, 0,
        List.of(new CmtMessage.Member(fresh, bId), new CmtMessage.Member(new Token(8, 8), bId))),
        rng));
  }

  @Test
  void mergeHandover_neverRebindsATokenNorGivesAnIdentityASecondToken() throws Exception {
    Token second = new Token(0, 1);
    Token newcomer = new Token(0, 2);
    MeterId y = new MeterId("sm-y");
    MeterId mallory = new MeterId("sm-mallory");
    // b claims the step-down of a smaller LC (which any self-elected meter could): its list
    // binds b a second token, a's token to another identity, the LC's token to b, and a new
    // identity to a new token
    Meter merged = lc.step(handover(bId, lcToken, lc, 0, List.of(
        new CmtMessage.Member(second, bId), new CmtMessage.Member(aToken, mallory),
        new CmtMessage.Member(lcToken, y), new CmtMessage.Member(newcomer, y))), rng).next();
    assertTrue(merged.isLocalConcentrator());
    assertFalse(merged.mayClaim(Address.meter(aToken), Address.identified(mallory)),
        "a's token stays a's");
    assertTrue(merged.mayClaim(Address.meter(aToken), Address.identified(aId)));
    assertFalse(merged.mayClaim(Address.meter(lcToken), Address.identified(y)));
    assertTrue(merged.mayClaim(Address.meter(newcomer), Address.identified(y)));
    // b registers under its own token; a share under the second token is not a second position
    long e2 = merged.lastEpoch();
    Meter registered = merged.step(in(new Envelope<>(Address.meter(bToken), Address.meter(lcToken),
        CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.KeyShare(bToken, e2, SecretLong.of(5),
            X25519KeyPair.generate(rng).publicKey())), merged), rng).next();
    d.pki.bind(second, bId);
    assertViolation("CMT-V-15", () -> registered.step(in(new Envelope<>(Address.meter(second),
        Address.meter(lcToken), CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.KeyShare(second,
            e2, SecretLong.of(6), X25519KeyPair.generate(rng).publicKey())), registered), rng));
  }

  @Test
  void forwardedHandover_isPassedOnByAFormerLcNamingItself_andAcceptedByTheLc()
      throws Exception {
    // a smaller LC y hands its members over to a (as if a had been an LC y heard)
    MeterId y = new MeterId("sm-y");
    MeterId w = new MeterId("sm-w");
    Token wToken = new Token(0, 6);
    List<CmtMessage.Member> ys = List.of(new CmtMessage.Member(new Token(0, 5), y),
        new CmtMessage.Member(wToken, w));
    Step<Meter> passed = a.step(handover(y, aToken, a, 0, ys), rng);
    assertFalse(passed.next().isLocalConcentrator());
    Envelope<?> forwarded = passed.outbound().get(0);
    assertEquals(Address.identified(aId), forwarded.sender());
    assertEquals(Address.meter(lcToken), forwarded.recipient());
    CmtMessage.LcHandover h = (CmtMessage.LcHandover) forwarded.body();
    assertTrue(h.members().contains(new CmtMessage.Member(aToken, aId)),
        "the forwarder names itself as the LC that steps down");
    // the LC accepts it from a and adds y's members
    Meter merged = lc.step(handover(aId, lcToken, lc, h.epoch(), h.members()), rng).next();
    assertTrue(merged.mayClaim(Address.meter(wToken), Address.identified(w)));
    // y's list passed on by b, which does not name itself, is refused at either end
    assertViolation("CMT-V-14", () -> lc.step(handover(bId, lcToken, lc, 0, ys), rng));
    assertViolation("CMT-V-14", () -> a.step(handover(bId, aToken, a, 0, ys), rng));
  }

  @Test
  void twoSelfElectedLcs_merge_byAHandoverTheGreaterAccepts() {
    CmtGroupDriver g = new CmtGroupDriver(PARAMS, FaultPlan.NONE, 3);
    MeterId x = g.join();
    MeterId z = g.join();
    g.deliverUntilIdle();
    for (int i = 0; i < PARAMS.discoveryAttempts(); i++) {
      g.feed(x, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
      g.feed(z, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
    }
    g.join();
    assertTrue(g.settle(20), g::dump);
    assertTrue(g.events().stream().anyMatch(e -> e instanceof CmtEvent.LcSteppedDown));
    assertFalse(g.rejections().containsKey("CMT-V-14"), g.rejections()::toString);
    assertEquals(1, g.lcs().size());
    assertEquals(3, g.supplier().members().size());
  }

  @Test
  void repeatedDiscovery_ofKeyedMember_getsItsTokenAgain_noSecondRingPosition()
      throws Exception {
    Step<Meter> s = lc.step(in(new Envelope<>(Address.identified(aId), Address.GROUP_BROADCAST,
        CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.LcDiscovery()), lc), rng);
    CmtMessage.TokenAssignment t = (CmtMessage.TokenAssignment) s.outbound().stream()
        .filter(e -> e.body() instanceof CmtMessage.TokenAssignment).findFirst().orElseThrow()
        .body();
    assertEquals(aToken, t.token());
    assertEquals(List.of(), s.next().keyedRing(), "the LC re-keys with the member");
    assertTrue(s.next().mayClaim(Address.meter(aToken), Address.identified(aId)));
  }

  /**
   * m_min = 3, and after b's leave two identities remain: a's repeated discovery and a key share
   * for every token it is given must not make three ring positions (§3.4 step 3 counts meters).
   */
  @Test
  void twoIdentities_cannotReachMinimumOfThree_byRepeatedDiscovery() throws Exception {
    List<MeterId> rest = new ArrayList<>(d.live());
    rest.removeAll(List.of(lcId, aId));
    for (MeterId leaver : rest) {
      Token t = d.meter(leaver).token().orElseThrow();
      lc = lc.step(in(new Envelope<>(Address.meter(t), Address.meter(lcToken),
          CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.Leave(t, epoch)), lc), rng).next();
    }
    long collecting = lc.lastEpoch();
    Step<Meter> s = lc.step(in(new Envelope<>(Address.identified(aId), Address.GROUP_BROADCAST,
        CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.LcDiscovery()), lc), rng);
    Meter m = s.next();
    Set<Token> tokens = new LinkedHashSet<>();
    tokens.add(aToken);
    for (Envelope<?> e : s.outbound()) {
      if (e.body() instanceof CmtMessage.TokenAssignment t) {
        tokens.add(t.token());
      }
    }
    for (Token t : tokens) {
      d.pki.bind(t, aId);
      try {
        m = m.step(in(new Envelope<>(Address.meter(t), Address.meter(lcToken),
            CmtGroupDriver.GROUP, Round.FIRST, new CmtMessage.KeyShare(t, collecting, SecretLong.of(7),
                X25519KeyPair.generate(rng).publicKey())), m), rng).next();
      } catch (ProtocolViolationException refused) {
        // a share for a token a does not hold is refused; the LC's state is unchanged
      }
    }
    Step<Meter> deadline = m.step(new CmtInput.Timer(CmtInput.TimerKind.REGISTRATION_DEADLINE,
        Round.FIRST), rng);
    assertTrue(deadline.outbound().stream()
        .noneMatch(e -> e.body() instanceof CmtMessage.GroupKey), "no group key below m_min");
    assertTrue(deadline.events().contains(
        new CmtEvent.GroupBelowMinimum(CmtGroupDriver.GROUP, collecting, 2)));
  }

  @Test
  void handoverPaths_endToEnd_rotationAndLeaveOfTheLc_keepRoundsExact() {
    d.rotate();
    assertTrue(d.settle(10), d::dump);
    d.leave(d.lcs().get(0));
    assertTrue(d.settle(10), d::dump);
    Map<MeterId, Long> readings = new HashMap<>();
    long v = 10;
    for (MeterId id : d.live()) {
      readings.put(id, v);
      v += 10;
    }
    RoundOutcome o = d.round(readings).orElseThrow();
    assertTrue(o instanceof RoundOutcome.Exact, () -> o + d.dump());
    assertFalse(d.rejections().containsKey("CMT-V-14"), d.rejections()::toString);
  }
}
