// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.GroupId;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of spec/blinding.md §3 and §4 over random groups, readings and faults. */
class BlindingProperties {
  private static final int N_MAX = 8;
  /** The largest t_max for n_max = 8: n_max * t_max &lt; 2^63 (core.md §2.3). */
  private static final long T_MAX = Long.MAX_VALUE / N_MAX;

  private static final PaillierKeyPair KEYS = TestKeys.k2048();

  /** Set-up groups by (group name, n, parameters); parties are immutable, so tries share them. */
  private static final java.util.Map<String, GroupHarness> TEMPLATES = new java.util.HashMap<>();

  private static synchronized GroupHarness group(String name, int n, BlindingParameters params, long seed)
      throws Exception {
    String key = name + "/" + n + "/" + params;
    GroupHarness t = TEMPLATES.get(key);
    if (t == null) {
      t = new GroupHarness(name, n, params, KEYS, DeterministicRandomSource.fromSeed(key.hashCode()));
      TEMPLATES.put(key, t);
    }
    return t.copy(DeterministicRandomSource.fromSeed(seed));
  }

  /** Readings of 2 to n_max meters, edges 0 and t_max included. */
  static Gen<List<Long>> readings() {
    return Gens.lists(Gens.longs(0, T_MAX), 2, N_MAX);
  }

  static Gen<List<Long>> signedReadings() {
    return Gens.lists(Gens.longs(-T_MAX / 2, T_MAX / 2), 2, N_MAX);
  }

  private static BlindingParameters params(boolean recovery) {
    return new BlindingParameters(N_MAX, T_MAX, ReadingUnit.WATT_HOUR, false, KeySize.BITS_2048, recovery);
  }

  @Test
  void product_decryptsToTheSum() {
    Pbt.property()
        .forAll(readings(), Gens.longs(0, 1L << 40), Gens.longs())
        .check(BlindingProperties::productDecryptsToTheSum);
  }

  private static void productDecryptsToTheSum(List<Long> readings, long round, long seed)
      throws Exception {
    GroupHarness g = group("p", readings.size(), params(false), seed);
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, g.round(round, readings.toArray(new Long[0])));
    assertEquals(readings.stream().mapToLong(Long::longValue).sum(), e.sum());
    assertEquals(readings.size(), e.contributors());
  }

  @Test
  void signedProduct_decryptsToTheSignedSum() {
    Pbt.property()
        .forAll(signedReadings(), Gens.longs())
        .check(BlindingProperties::signedProductDecryptsToTheSignedSum);
  }

  private static void signedProductDecryptsToTheSignedSum(List<Long> readings, long seed)
      throws Exception {
    BlindingParameters params =
        new BlindingParameters(N_MAX, T_MAX / 2, ReadingUnit.WATT_HOUR, true, KeySize.BITS_2048, false);
    GroupHarness g = group("s", readings.size(), params, seed);
    RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, g.round(0, readings.toArray(new Long[0])));
    assertEquals(readings.stream().mapToLong(Long::longValue).sum(), e.sum());
  }

  @Test
  void blindingTerms_sumToZeroModN() {
    Pbt.property()
        .forAll(Gens.integers(2, 64), Gens.longs(), Gens.longs())
        .check(BlindingProperties::blindingTermsSumToZero);
  }

  private static void blindingTermsSumToZero(int n, long round, long seed) {
    long j = round == Long.MIN_VALUE ? 0 : Math.abs(round) % (Long.MAX_VALUE - 1);
    var rng = DeterministicRandomSource.fromSeed(seed);
    BigInteger modulus = KEYS.publicKey().n();
    GroupId group = new GroupId("ring");
    RingPrf[] ring = new RingPrf[n];
    for (int i = 0; i < n; i++) {
      ring[i] = RingPrf.of(SecretBytes.random(32, rng), group, i + 1, modulus, 256);
    }
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      sum = sum.add(RingPrf.blindingTerm(ring[i], ring[(i + n - 1) % n], j, modulus));
    }
    assertEquals(BigInteger.ZERO, sum.mod(modulus));
  }

  @Test
  void missingMeters_withoutRecovery_voidTheRound() {
    Pbt.property()
        .forAll(readings(), Gens.lists(Gens.booleans(), 0, N_MAX), Gens.longs())
        .check(BlindingProperties::missingMetersVoidTheRound);
  }

  private static void missingMetersVoidTheRound(
      List<Long> readings, List<Boolean> absent, long seed) throws Exception {
    Long[] present = withAbsences(readings, absent);
    if (present == null) {
      return;
    }
    GroupHarness g = group("v", readings.size(), params(false), seed);
    RoundOutcome.Voided v = assertInstanceOf(RoundOutcome.Voided.class, g.round(4, present));
    assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
  }

  @Test
  void missingMeters_withRecovery_giveTheExactPartialSum() {
    Pbt.property()
        .forAll(readings(), Gens.lists(Gens.booleans(), 0, N_MAX), Gens.longs())
        .check(BlindingProperties::missingMetersGiveTheExactPartialSum);
  }

  private static void missingMetersGiveTheExactPartialSum(
      List<Long> readings, List<Boolean> absent, long seed) throws Exception {
    Long[] present = withAbsences(readings, absent);
    if (present == null) {
      return;
    }
    GroupHarness g = group("r", readings.size(), params(true), seed);
    RoundOutcome o = g.round(1, present);
    long count = 0;
    long sum = 0;
    for (Long r : present) {
      if (r != null) {
        count++;
        sum += r;
      }
    }
    if (count >= 2) {
      RoundOutcome.Exact e = assertInstanceOf(RoundOutcome.Exact.class, o);
      assertEquals(sum, e.sum());
      assertEquals(count, e.contributors());
      assertEquals(readings.size() - count, e.recovered());
    } else {
      assertInstanceOf(RoundOutcome.Voided.class, o);
    }
  }

  /** The readings with the flagged meters absent (null), or null if no meter is absent. */
  private static Long[] withAbsences(List<Long> readings, List<Boolean> absent) {
    Long[] out = readings.toArray(new Long[0]);
    boolean any = false;
    for (int i = 0; i < out.length && i < absent.size(); i++) {
      if (absent.get(i)) {
        out[i] = null;
        any = true;
      }
    }
    if (!any) {
      out[0] = null;
    }
    return out;
  }
}
