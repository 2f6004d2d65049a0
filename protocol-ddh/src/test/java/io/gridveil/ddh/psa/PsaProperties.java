// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** PSA decrypts exactly across its whole range (spec/ddh.md §7.4). */
class PsaProperties {
  private static final GroupId G = new GroupId("g-psa-prop");
  private static final Map<Long, PsaDiscreteLog> SOLVERS = new ConcurrentHashMap<>();

  @Test
  void unsignedSums_decryptExactlyFromZeroToNmaxTmax() {
    Pbt.property()
        .forAll(Gens.integers(2, 5), Gens.integers(0, 2), Gens.longs(), Gens.integers(0, 1 << 20))
        .check(PsaProperties::unsignedSumsDecryptExactly);
  }

  private static void unsignedSumsDecryptExactly(int n, int shape, long seed, int round)
      throws Exception {
    long tMax = 40;
    PsaParameters p = new PsaParameters(
        new AggregationParameters(n, tMax, Modulus.powerOfTwo(64), false, ReadingUnit.WATT_HOUR));
    long[] e = new long[n];
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
    for (int i = 0; i < n; i++) {
      e[i] = shape == 0 ? 0 : shape == 1 ? tMax : r.uniformLong(tMax + 1);
    }
    assertEquals(sum(e), decrypt(p, n, e, round, seed));
  }

  @Test
  void signedSums_decryptExactlyFromMinusToPlusNmaxTmax() {
    Pbt.property()
        .forAll(Gens.integers(2, 4), Gens.integers(0, 2), Gens.longs())
        .check(PsaProperties::signedSumsDecryptExactly);
  }

  private static void signedSumsDecryptExactly(int n, int shape, long seed) throws Exception {
    long tMax = 25;
    PsaParameters p = new PsaParameters(
        new AggregationParameters(n, tMax, Modulus.powerOfTwo(64), true, ReadingUnit.WATT_HOUR));
    long[] e = new long[n];
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
    for (int i = 0; i < n; i++) {
      e[i] = shape == 0 ? -tMax : shape == 1 ? tMax : r.uniformLong(2 * tMax + 1) - tMax;
    }
    assertEquals(sum(e), decrypt(p, n, e, 3, seed));
  }

  private static long decrypt(PsaParameters p, int n, long[] e, long round, long seed) throws Exception {
    PsaKeys keys = PsaKeys.deal(p, n, DeterministicRandomSource.fromSeed(seed));
    List<MeterId> ids = new ArrayList<>();
    List<PsaCiphertext> cs = new ArrayList<>();
    Round j = new Round(round);
    for (int i = 0; i < n; i++) {
      ids.add(new MeterId("p-" + i));
      cs.add(PsaMeter.create(p, G, ids.get(i), keys.meterKeys().get(i)).encrypt(j, Reading.ofWattHours(e[i])));
    }
    PsaDiscreteLog d = SOLVERS.computeIfAbsent(p.width(), PsaDiscreteLog::build);
    PsaAggregator a = PsaAggregator.create(p, G, PsaTest.licences(ids, G), PsaTest.admission(G), keys.aggregatorKey(), d);
    return assertInstanceOf(RoundOutcome.Exact.class, a.decryptSum(j, cs)).sum();
  }

  private static long sum(long[] e) {
    long s = 0;
    for (long v : e) {
      s += v;
    }
    return s;
  }
}
