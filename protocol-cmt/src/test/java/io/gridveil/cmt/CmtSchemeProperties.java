// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The invariant and correctness of spec/cmt.md §2.7 over random groups and moduli. */
class CmtSchemeProperties {

  /** A group: n meters, M = 2^b, t_max, readings, explicit key shares and deltas. */
  record Case(int n, int bits, long tMax, List<Long> readings, long seed) {
    AggregationParameters params() {
      return new AggregationParameters(n, tMax, Modulus.powerOfTwo(bits), false,
          ReadingUnit.WATT_HOUR);
    }
  }

  /**
   * Groups with n in [2, 64], every admissible b and t_max, edges included (n = 2 and 64, the
   * smallest b, t_max = 1 and the modulus boundary, readings 0 and t_max). Each group draws 64
   * readings and keeps n, so the draw count is fixed and the shrinking works.
   */
  static Gen<Case> groups() {
    return Gens.integers(2, 64).flatMap(n -> {
      int minBits = 64 - Long.numberOfLeadingZeros(n) + 1;
      return Gens.integers(Math.max(2, minBits), 64).flatMap(b -> {
        // the largest t_max the modulus admits for n meters: n * t_max < 2^b, and < 2^63
        long maxT = b >= 63 ? Long.MAX_VALUE / n : ((1L << b) - 1) / n;
        return Gens.longs(1, maxT).flatMap(t -> Gens.lists(Gens.longs(0, t), 64, 64)
            .zip(Gens.longs(), (rs, seed) -> new Case(n, b, t, List.copyOf(rs.subList(0, n)), seed)));
      });
    });
  }

  @Test
  void ringKeys_sumToK_andDecryptExactly() {
    Pbt.property().forAll(groups()).check(CmtSchemeProperties::ringKeysSumToKAndDecrypt);
  }

  private static void ringKeysSumToKAndDecrypt(Case c) {
    AggregationParameters p = c.params();
    long mask = p.modulus().mask();
    RandomSource rng = DeterministicRandomSource.fromSeed(c.seed());
    long[] k1 = new long[c.n()];
    long[] deltas = new long[c.n()];
    long[] e = new long[c.n()];
    long sum = 0;
    for (int i = 0; i < c.n(); i++) {
      k1[i] = rng.uniformBits(c.bits());
      deltas[i] = rng.uniformBits(c.bits());
      e[i] = c.readings().get(i);
      sum += e[i];
    }
    long[] kij = new long[c.n()];
    CmtScheme.roundKeys(k1, deltas, mask, kij);
    long groupKey = CmtScheme.groupKey(k1, mask);
    assertEquals(groupKey, CmtScheme.aggregate(kij, 0, c.n(), mask), "sum_i k_ij = K");
    long[] cij = new long[c.n()];
    CmtScheme.encrypt(e, kij, mask, cij);
    long agg = CmtScheme.aggregate(cij, 0, c.n(), mask);
    assertEquals(OptionalLong.of(sum), CmtScheme.decryptSum(p, agg, groupKey, c.n()));
  }

  @Test
  void fullRound_withDerivedKeys_decryptsTheSum() {
    Pbt.property().forAll(groups()).check(CmtSchemeProperties::fullRoundDecryptsTheSum);
  }

  private static void fullRoundDecryptsTheSum(Case c) {
    AggregationParameters p = c.params();
    RandomSource rng = DeterministicRandomSource.fromSeed(c.seed());
    Prf[] prfs = new Prf[c.n()];
    long[] k1 = new long[c.n()];
    long[] e = new long[c.n()];
    long sum = 0;
    for (int i = 0; i < c.n(); i++) {
      EpochKeys keys = EpochKeys.derive(MeterSecret.random(rng), new GroupId("g"), 3, c.bits());
      prfs[i] = keys.deltaPrf();
      k1[i] = keys.keyShare().value(SecretAccess.grant());
      e[i] = c.readings().get(i);
      sum += e[i];
    }
    long groupKey = CmtScheme.groupKey(k1, p.modulus().mask());
    long j = 1 + (c.seed() & 0xffff);
    assertEquals(OptionalLong.of(sum),
        CmtScheme.fullRound(p, k1, prfs, j, e, groupKey, new long[c.n()]));
  }

  @Test
  void aggregate_anyRange_equalsPlainLoop() {
    Pbt.property().forAll(groups()).check(CmtSchemeProperties::aggregateEqualsPlainLoop);
  }

  private static void aggregateEqualsPlainLoop(Case c) {
    long[] v = new long[c.n() * 3 + 1];
    RandomSource rng = DeterministicRandomSource.fromSeed(c.seed());
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextLong();
    }
    long mask = c.params().modulus().mask();
    int from = (int) rng.uniformLong(v.length);
    int to = from + (int) rng.uniformLong(v.length - from + 1L);
    long plain = 0;
    for (int i = from; i < to; i++) {
      plain += v[i];
    }
    assertEquals(plain & mask, CmtScheme.aggregate(v, from, to, mask));
  }
}
