// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.CompromisedKeyRefusals;
import io.gridveil.testkit.TestPki;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End-to-end properties of the authenticated blinding stack (spec/blinding.md §5.3): behind
 * endpoints, over a network with benign faults and an active attacker that replays, misroutes,
 * flips, truncates and re-signs frames with its own key and with licences naming a roster meter
 * that are foreign, expired or revoked, every round is exact over the contributions the aggregator
 * accepted, or void; no forgery and no replay is ever accepted.
 */
class AuthenticationProperties {
  /** One 2048-bit key pair for every try: generating one takes seconds. */
  private static final PaillierKeyPair KEYS = TestKeys.k2048();

  private static final int ROUNDS = 3;
  private static final long REVOKED = 9_003;

  /** A group under attack: the attacker holds licences for roster meter sm-1 with its own key. */
  private static AuthenticatedGroup attacked(
      int n, boolean recovery, boolean faulty, int perTick, long seed, ActiveAttacker[] out)
      throws Exception {
    RandomSource keys = DeterministicRandomSource.fromSeed(seed);
    TestPki pki = new TestPki(keys);
    GroupId group = new GroupId("attacked");
    Ed25519SigningKey own = Ed25519SigningKey.generate(keys);
    Ed25519SigningKey supplier = pki.key(Address.SUPPLIER);
    MeterId victim = new MeterId("sm-1");
    List<ActiveAttacker.HeldLicence> held =
        List.of(
            held(new Licence(9_001, victim, own.publicKey(), new GroupId("elsewhere"), Round.FIRST,
                Anchor.FOREVER), supplier, own),
            // Valid in round 0 only; the group runs from round 1 on.
            held(new Licence(9_002, victim, own.publicKey(), group, Round.FIRST, Round.FIRST),
                supplier, own),
            held(new Licence(REVOKED, victim, own.publicKey(), group, Round.FIRST, Anchor.FOREVER),
                supplier, own));
    ActiveAttacker attacker =
        new ActiveAttacker(DeterministicRandomSource.fromSeed(seed + 1), perTick, own, held);
    out[0] = attacker;
    FaultPlan faults = faulty ? new FaultPlan(0.1, 0.2, 0.2, 3, true) : FaultPlan.NONE;
    AuthenticatedGroup g =
        new AuthenticatedGroup(
            pki,
            group,
            n,
            BlindingParameters.of(4, 10_000, recovery),
            faults,
            seed,
            attacker,
            new RevocationList(1, Set.of(REVOKED)));
    g.setUp(KEYS);
    for (long j = 0; j < ROUNDS; j++) {
      g.round(AuthenticatedGroup.SETUP.index() + j);
    }
    return g;
  }

  private static ActiveAttacker.HeldLicence held(
      Licence l, Ed25519SigningKey supplier, Ed25519SigningKey own) {
    return new ActiveAttacker.HeldLicence(SignedLicence.issue(l, supplier), own);
  }

  /** Checks the outcomes against the oracle and that nothing forged or replayed got through. */
  private static int assertNoForgeryNoReplay(AuthenticatedGroup g, ActiveAttacker attacker) {
    int exact = g.checkOutcomes();
    assertEquals(0, attacker.forgeriesAccepted(), "forgeries accepted");
    assertEquals(0, g.network.replaysAccepted(), "replays accepted");
    return exact;
  }

  /** One attacked group: size, recovery, faults, injections per tick, seed. */
  record Attack(int n, boolean recovery, boolean faulty, int perTick, long seed) {}

  @Test
  void activeAttacker_andFaults_neverGiveAWrongSum() {
    Pbt.property(20)
        .forAll(Gens.zip(Gens.integers(2, 4), Gens.booleans(), Gens.booleans(),
            Gens.integers(1, 3), Gens.longs(), Attack::new))
        .check(t -> neverAWrongSum(t.n(), t.recovery(), t.faulty(), t.perTick(), t.seed()));
  }

  private static void neverAWrongSum(int n, boolean recovery, boolean faulty, int perTick, long seed)
      throws Exception {
    ActiveAttacker[] a = new ActiveAttacker[1];
    AuthenticatedGroup g = attacked(n, recovery, faulty, perTick, seed, a);
    assertNoForgeryNoReplay(g, a[0]);
    assertTrue(a[0].injectedTotal() > 0, "the attacker injected");
    assertTrue(
        g.network.rejections().keySet().stream().anyMatch(id -> id.startsWith("AUTH-V-")),
        () -> "authentication refused injections: " + g.network.rejections());
  }

  @Test
  void activeAttacker_reachesEveryKindAndEveryCheck() throws Exception {
    // Fixed seeds, so this run cannot pass vacuously by chance: every kind of injection is made,
    // and each authentication check it should trip is tripped. (The seed moved from 20_261_123
    // when FORGE_COMPROMISED joined the kinds and changed the attacker's draws.)
    ActiveAttacker[] a = new ActiveAttacker[1];
    AuthenticatedGroup g = attacked(4, true, true, 3, 20_261_128L, a);
    assertTrue(assertNoForgeryNoReplay(g, a[0]) > 0, "some rounds stay exact under attack");
    for (ActiveAttacker.Kind k : ActiveAttacker.Kind.values()) {
      // FORGE_COMPROMISED needs a compromised meter's key: compromisedMeterKey_* below.
      assertTrue(k == ActiveAttacker.Kind.FORGE_COMPROMISED || a[0].injected(k) > 0, "injected " + k);
    }
    for (String id :
        List.of(
            "AUTH-V-01", "AUTH-V-02", "AUTH-V-05", "AUTH-V-07", "AUTH-V-08", "AUTH-V-10",
            "AUTH-V-11", "AUTH-V-13")) {
      assertTrue(
          g.network.rejections().getOrDefault(id, 0) > 0,
          () -> id + " never refused: " + g.network.rejections());
    }
  }

  /** The serial of the compromised meter's older licence, expired since the set-up round. */
  private static final long EXPIRED = 9_101;

  private static final CompromisedKeyRefusals COMPROMISED = new CompromisedKeyRefusals();

  /** One group whose meter {@code victim} is revoked after the first round and its key stolen. */
  record Compromise(int n, boolean recovery, boolean faulty, int victim, long seed) {}

  /**
   * spec/adversary.md §3.1: after the first round, roster meter {@code victim}'s own licence is
   * revoked (the list installed at the aggregator and the TTP, the endpoints that verify licences)
   * and the meter goes down; the attacker then holds its real key with that revoked licence and an
   * older, expired one binding the same identity and key, and signs with the key alone too. Every
   * later round is exact over the other meters' readings (with recovery on) or void, the victim
   * is never counted again, and every frame under its key is refused at the endpoint.
   */
  @Test
  void compromisedMeterKey_withItsRevokedOrExpiredLicence_neverCounts() {
    Pbt.property(6)
        .forAll(Gens.integers(3, 4).flatMap(n -> Gens.zip(Gens.constant(n), Gens.booleans(),
            Gens.booleans(), Gens.integers(0, n - 1), Gens.longs(), Compromise::new)))
        .check(AuthenticationProperties::compromisedKeyNeverCounts);
    COMPROMISED.assertSeenAcrossRuns();
  }

  private static void compromisedKeyNeverCounts(Compromise c) throws Exception {
    RandomSource keys = DeterministicRandomSource.fromSeed(c.seed());
    TestPki pki = new TestPki(keys);
    GroupId group = new GroupId("compromised");
    // Its only credentials until the theft: its own key (no licence at all).
    ActiveAttacker attacker = new ActiveAttacker(DeterministicRandomSource.fromSeed(c.seed() + 1), 4,
        Ed25519SigningKey.generate(keys), List.of());
    FaultPlan faults = c.faulty() ? new FaultPlan(0.1, 0.2, 0.2, 3, true) : FaultPlan.NONE;
    AuthenticatedGroup g = new AuthenticatedGroup(pki, group, c.n(),
        BlindingParameters.of(4, 10_000, c.recovery()), faults, c.seed(), attacker,
        RevocationList.NONE);
    g.setUp(KEYS);
    long first = AuthenticatedGroup.SETUP.index();
    g.round(first);
    MeterId victim = g.roster.get(c.victim());
    Round revokedAt = new Round(first + 1);
    SignedLicence licence = pki.licence(victim, group);
    assertEquals(2, g.revoke(new RevocationList(1, Set.of(licence.licence().serial())), revokedAt),
        "the aggregator and the TTP hold the list");
    Ed25519SigningKey stolen = pki.meterKey(victim);
    attacker.compromise(new ActiveAttacker.HeldLicence(licence, stolen));
    attacker.compromise(held(new Licence(EXPIRED, victim, stolen.publicKey(), group, Round.FIRST,
        AuthenticatedGroup.SETUP), pki.key(Address.SUPPLIER), stolen));
    g.attackTicks = 10; // from now on, at least 10 ticks of injections per round
    List<MeterId> live = g.roster.stream().filter(id -> !id.equals(victim)).toList();
    for (long j = revokedAt.index(); j < first + ROUNDS; j++) {
      g.round(j, live);
    }
    g.checkOutcomes();
    for (long j = revokedAt.index(); j < first + ROUNDS; j++) {
      assertTrue(!g.counted.getOrDefault(j, Set.of()).contains(victim),
          "the revoked meter counted in round " + j);
    }
    for (ProtocolEvent e : g.network.events()) {
      if (e instanceof RoundOutcome.Exact x && x.round().index() >= revokedAt.index()) {
        assertTrue(c.recovery(), "without recovery a round with a meter down is void");
        // Under faults a live meter's contribution may be lost too: at most the live ones count,
        // and without faults exactly they do.
        if (c.faulty()) {
          assertTrue(x.contributors() <= c.n() - 1, "only the live meters contribute");
        } else {
          assertEquals(c.n() - 1, x.contributors(), "only the live meters contribute");
        }
        assertEquals(c.n() - x.contributors(), x.recovered(),
            "the revoked meter's blinding (and under faults any lost one's) is recovered");
      }
    }
    assertEquals(0, g.network.replaysAccepted(), "replays accepted");
    COMPROMISED.record(attacker, g.network);
  }

  @Test
  void withoutAttackerOrFaults_everyRoundIsExact() {
    Pbt.property(5)
        .forAll(Gens.integers(2, 5), Gens.booleans(), Gens.longs())
        .check(AuthenticationProperties::everyRoundIsExact);
  }

  private static void everyRoundIsExact(int n, boolean recovery, long seed) throws Exception {
    AuthenticatedGroup g =
        new AuthenticatedGroup(
            new TestPki(DeterministicRandomSource.fromSeed(seed)),
            new GroupId("calm"),
            n,
            BlindingParameters.of(5, 10_000, recovery),
            FaultPlan.NONE,
            seed,
            null,
            RevocationList.NONE);
    g.setUp(KEYS);
    for (long j = 0; j < ROUNDS; j++) {
      g.round(AuthenticatedGroup.SETUP.index() + j);
    }
    assertEquals(ROUNDS, g.checkOutcomes());
    assertEquals(ROUNDS, g.supplierOutcomes.size());
    for (RoundOutcome o : g.supplierOutcomes) {
      RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, o);
      assertEquals(n, e.contributors());
      assertEquals(0, e.recovered());
    }
    assertEquals(0, g.network.rejections().size(), () -> g.network.rejections().toString());
  }
}
