// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.InjectionTally;
import io.gridveil.testkit.CompromisedKeyRefusals;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PSA end to end under an active attacker and benign faults (spec/ddh.md §10.6): no forgery and no
 * replay is accepted and no round has a wrong sum; across the tries every kind of injection was
 * made and refused with its AUTH check, so the property cannot pass vacuously.
 */
class PsaAttackProperties {
  private static final InjectionTally TALLY = new InjectionTally();

  static Gen<FaultPlan> faults() {
    return Gens.of(FaultPlan.NONE, new FaultPlan(0.1, 0.3, 0.3, 3, true), new FaultPlan(0, 0.5, 0, 0, true));
  }

  @Test
  void underAttack_everyRoundIsExactOverAllReadingsOrVoid() {
    Pbt.property(10)
        .forAll(Gens.integers(2, 4), faults(), Gens.longs(), Gens.booleans())
        .check(PsaAttackProperties::exactOverAllReadingsOrVoid);
    everyKindOfInjectionWasMadeAndRefused();
  }

  private static void exactOverAllReadingsOrVoid(
      int n, FaultPlan faults, long seed, boolean revokeOne) throws Exception {
    RandomSource ar = DeterministicRandomSource.fromSeed(seed + 2);
    Ed25519SigningKey own = Ed25519SigningKey.generate(ar);
    PsaNetworkProperties.Fixture f = new PsaNetworkProperties.Fixture(n, faults, seed, ar, own);
    long[][] e = PsaNetworkProperties.readings(n, 5, seed);
    Map<Long, RoundOutcome> outcomes = f.run(e, revokeOne ? 3 : -1);
    for (int t = 0; t < e.length; t++) {
      if (outcomes.get(PsaNetworkProperties.FIRST + t) instanceof RoundOutcome.Exact x) {
        assertEquals(PsaNetworkProperties.sum(e[t]), x.sum(), "exact sum of all readings");
        assertEquals(n, x.contributors());
      }
    }
    ActiveAttacker a = f.attacker;
    assertTrue(a != null);
    assertEquals(0, a.forgeriesAccepted(), "forged, flipped or truncated frames accepted");
    assertEquals(0, f.net.replaysAccepted(), "replays accepted");
    assertTrue(a.injectedTotal() > 0, "the attacker injected");
    Map<String, Integer> rejected = f.net.rejections();
    assertTrue(rejected.keySet().stream().anyMatch(id -> id.startsWith("AUTH-V-")),
        "injections refused by authentication: " + rejected);
    TALLY.record(a, rejected);
  }

  private static final CompromisedKeyRefusals COMPROMISED =
      new CompromisedKeyRefusals("PSA-V-01", "PSA-V-02");

  /**
   * spec/adversary.md §3.1: in round {@code revokeAt} meter 0's own licence is revoked (the list
   * installed at every endpoint) and the meter goes down; the attacker, until then holding no
   * licence at all, gets its real key with that revoked licence and an older, expired one binding
   * the same identity and key, and signs with the key alone too. PSA needs every meter, so each
   * round before the revocation is exact over all readings or void, and each round from it on is
   * void for the missing contribution; every frame under the stolen key is refused at the endpoint.
   */
  @Test
  void compromisedMeterKey_withItsRevokedOrExpiredLicence_neverCounts() {
    Pbt.property(6)
        .forAll(Gens.integers(2, 4), faults(), Gens.longs(), Gens.integers(0, 4))
        .check(PsaAttackProperties::compromisedKeyNeverCounts);
    COMPROMISED.assertSeenAcrossRuns();
  }

  private static void compromisedKeyNeverCounts(int n, FaultPlan faults, long seed, int revokeAt)
      throws Exception {
    RandomSource ar = DeterministicRandomSource.fromSeed(seed + 2);
    Ed25519SigningKey own = Ed25519SigningKey.generate(ar);
    PsaNetworkProperties.Fixture f = new PsaNetworkProperties.Fixture(n, faults, seed, ar, own, List.of());
    long[][] e = PsaNetworkProperties.readings(n, 5, seed);
    Map<Long, RoundOutcome> outcomes = f.run(e, revokeAt, true);
    for (int t = 0; t < e.length; t++) {
      RoundOutcome o = outcomes.get(PsaNetworkProperties.FIRST + t);
      if (t >= revokeAt) {
        assertEquals(VoidReason.MISSING_CONTRIBUTION,
            assertInstanceOf(RoundOutcome.Voided.class, o, "round " + t + " after the revocation").reason());
      } else if (o instanceof RoundOutcome.Exact x) {
        assertEquals(PsaNetworkProperties.sum(e[t]), x.sum(), "exact sum of all readings");
        assertEquals(n, x.contributors());
      }
    }
    ActiveAttacker a = f.attacker;
    assertTrue(a != null);
    assertEquals(0, f.net.replaysAccepted(), "replays accepted");
    COMPROMISED.record(a, f.net);
  }

  /**
   * After every try passed: across them, the attacker made every kind (FORGE_COMPROMISED needs a
   * compromised meter's key: compromisedMeterKey_* below) and was refused.
   */
  private static void everyKindOfInjectionWasMadeAndRefused() {
    TALLY.assertEveryKindInjected();
    // Own key; made-up token; foreign-group, expired and revoked licences; replays.
    TALLY.assertEachRefused("AUTH-V-02", "AUTH-V-05", "AUTH-V-07", "AUTH-V-10", "AUTH-V-11",
        "AUTH-V-08");
  }
}
