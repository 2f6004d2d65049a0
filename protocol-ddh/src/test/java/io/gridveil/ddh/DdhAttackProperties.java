// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.InjectionTally;
import io.gridveil.testkit.CompromisedKeyRefusals;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import io.gridveil.testkit.pbt.Stats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EDAT end to end under an active attacker (spec/ddh.md §10, spec/auth.md): it replays,
 * misroutes, bit-flips, truncates and re-signs frames with its own key and with foreign-group,
 * expired and revoked licences, on top of benign faults, dropouts, a re-key and a revocation. No
 * forgery and no replay is accepted and no round has a wrong sum; across the tries every kind of
 * injection was made and refused with its AUTH check, so the property cannot pass vacuously.
 */
class DdhAttackProperties {
  private static final InjectionTally TALLY = new InjectionTally();

  static Gen<DdhNetworkProperties.Scenario> scenarios() {
    // Not the plan that loses every frame: the attacker injects only while frames are in flight.
    return DdhNetworkProperties.scenarios(Gens.of(
        FaultPlan.NONE,
        new FaultPlan(0.1, 0, 0, 0, false),
        new FaultPlan(0, 0.5, 0, 0, true),
        new FaultPlan(0, 0, 0.5, 4, true),
        new FaultPlan(0.05, 0.2, 0.3, 3, true)));
  }

  @Test
  void underAttack_everyRoundIsExactOverTheAcceptedContributionsOrVoid() {
    Pbt.property(20).forAll(scenarios()).check(DdhAttackProperties::exactOverAcceptedOrVoid);
    Stats.report("outcome");
    Stats.report("injections");
    everyKindOfInjectionWasMadeAndRefused();
  }

  private static void exactOverAcceptedOrVoid(DdhNetworkProperties.Scenario s) throws Exception {
    EdatGroup g = DdhNetworkProperties.group(s);
    RandomSource ar = DeterministicRandomSource.fromSeed(s.seed() + 2);
    ActiveAttacker attacker = new ActiveAttacker(
        ar, 4, Ed25519SigningKey.generate(ar), DdhNetworkProperties.heldLicences(g, ar));
    DdhNetworkProperties.Run run = DdhNetworkProperties.run(s, g, attacker);
    assertEquals(0, attacker.forgeriesAccepted(), "forged, flipped or truncated frames accepted");
    assertEquals(0, run.net().net.replaysAccepted(), "replays accepted");
    assertTrue(attacker.injectedTotal() > 0, "the attacker injected");
    Map<String, Integer> rejected = run.net().net.rejections();
    assertTrue(rejected.keySet().stream().anyMatch(id -> id.startsWith("AUTH-V-")),
        "injections refused by authentication: " + rejected);
    TALLY.record(attacker, rejected);
    Stats.collect("injections", attacker.injectedTotal() / 25 * 25);
  }

  private static final CompromisedKeyRefusals COMPROMISED = new CompromisedKeyRefusals("DDH-V-01");

  /**
   * spec/adversary.md §3.1: in round {@code revokeAt} a roster meter's own licence is revoked (the
   * list installed at every endpoint) and the meter goes down; the attacker, until then holding
   * no licence at all, gets the meter's real key with that revoked licence and an older, expired
   * one binding the same identity and key, and signs with the key alone too. Every round is exact
   * over the contributions the meters themselves sent, the revoked one never among them after its
   * revocation, or void; every frame under the stolen key is refused at the endpoint.
   */
  @Test
  void compromisedMeterKey_withItsRevokedOrExpiredLicence_neverCounts() {
    Gen<DdhNetworkProperties.Scenario> withRevocation = scenarios()
        .filter(s -> s.n() >= 4)
        .map(s -> new DdhNetworkProperties.Scenario(s.n(), s.bits(), s.tMax(), s.signed(), s.kMin(),
            s.readings(), s.absent(), s.faults(), s.ticksBeforeDeadline(), s.rekeyAt(),
            Math.max(0, s.revokeAt()), s.victim(), s.seed()));
    Pbt.property(8).forAll(withRevocation).check(DdhAttackProperties::compromisedKeyNeverCounts);
    Stats.report("outcome");
    COMPROMISED.assertSeenAcrossRuns();
  }

  private static void compromisedKeyNeverCounts(DdhNetworkProperties.Scenario s) throws Exception {
    EdatGroup g = DdhNetworkProperties.group(s);
    RandomSource ar = DeterministicRandomSource.fromSeed(s.seed() + 2);
    ActiveAttacker attacker = new ActiveAttacker(ar, 4, Ed25519SigningKey.generate(ar), List.of());
    DdhNetworkProperties.Run run = DdhNetworkProperties.run(s, g, attacker, true);
    assertEquals(0, run.net().net.replaysAccepted(), "replays accepted");
    COMPROMISED.record(attacker, run.net().net);
  }

  /**
   * After every try passed: across them, the attacker made every kind (FORGE_COMPROMISED needs a
   * compromised meter's key: compromisedMeterKey_* below) and was refused.
   */
  private static void everyKindOfInjectionWasMadeAndRefused() {
    TALLY.assertEveryKindInjected();
    // Own key; made-up token; foreign-group, expired and revoked licences; replays; misroutes.
    TALLY.assertEachRefused("AUTH-V-02", "AUTH-V-05", "AUTH-V-07", "AUTH-V-10", "AUTH-V-11",
        "AUTH-V-08", "AUTH-V-13");
  }
}
