// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * PSA end to end under an active attacker and benign faults (spec/ddh.md §10.6): no forgery and no
 * replay is accepted and no round has a wrong sum; across the tries every kind of injection was
 * made and refused with its AUTH check, so the property cannot pass vacuously.
 */
class PsaAttackProperties {
  private static final Map<ActiveAttacker.Kind, Integer> INJECTED = new EnumMap<>(ActiveAttacker.Kind.class);
  private static final Map<String, Integer> REJECTED = new TreeMap<>();

  @Provide
  Arbitrary<FaultPlan> faults() {
    return Arbitraries.of(FaultPlan.NONE, new FaultPlan(0.1, 0.3, 0.3, 3, true), new FaultPlan(0, 0.5, 0, 0, true));
  }

  @Property(tries = 10)
  void underAttack_everyRoundIsExactOverAllReadingsOrVoid(
      @ForAll @IntRange(min = 2, max = 4) int n, @ForAll("faults") FaultPlan faults, @ForAll long seed,
      @ForAll boolean revokeOne) throws Exception {
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
    synchronized (INJECTED) {
      for (ActiveAttacker.Kind k : ActiveAttacker.Kind.values()) {
        INJECTED.merge(k, a.injected(k), Integer::sum);
      }
      rejected.forEach((id, c) -> REJECTED.merge(id, c, Integer::sum));
    }
  }

  @AfterProperty
  void everyKindOfInjectionWasMadeAndRefused() {
    synchronized (INJECTED) {
      for (ActiveAttacker.Kind k : ActiveAttacker.Kind.values()) {
        assertTrue(INJECTED.getOrDefault(k, 0) > 0, "the attacker injected " + k + ": " + INJECTED);
      }
      // Own key; made-up token; foreign-group, expired and revoked licences; replays.
      for (String id : new String[] {"AUTH-V-02", "AUTH-V-05", "AUTH-V-07", "AUTH-V-10", "AUTH-V-11", "AUTH-V-08"}) {
        assertTrue(REJECTED.containsKey(id), id + " among the rejections: " + REJECTED);
      }
    }
  }
}
