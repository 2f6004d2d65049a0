// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.attack.GroupObservation;
import io.gridveil.leakage.attack.MembershipDifferencing;
import io.gridveil.leakage.exact.ExactViewChecker;
import io.gridveil.leakage.exact.View;
import io.gridveil.leakage.exact.ViewFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Exact leakage checks of spec/cmt.md §7 at M = 2^3, two rounds, with the PRF replaced by its
 * ideal functionality: every k_i1 and δ_ij the coalition does not know is drawn with
 * {@code uniformBits(3)} from the enumerated tape; what the coalition knows anyway is fixed (a view
 * distribution conditioned on the coalition's own randomness is what it sees). The round
 * arithmetic is {@link CmtScheme}'s, the parties' own code path.
 */
class CmtLeakageTest {
  private static final int B = 3;
  private static final long MASK = 7;

  /** Readings e[i][j] of n meters in two rounds; the ring is 0 -&gt; 1 -&gt; ... -&gt; n-1 -&gt; 0. */
  record Input(long[][] e) {}

  /** One run of the ring: round keys and ciphertexts from explicit shares and deltas. */
  private static long[][] ciphertexts(long[] k1, long[][] delta, long[][] e) {
    int n = k1.length;
    long[][] c = new long[2][n];
    for (int j = 0; j < 2; j++) {
      long[] kij = new long[n];
      CmtScheme.roundKeys(k1, delta[j], MASK, kij);
      CmtScheme.encrypt(column(e, j), kij, MASK, c[j]);
    }
    return c;
  }

  private static long[] column(long[][] e, int j) {
    long[] out = new long[e.length];
    for (int i = 0; i < e.length; i++) {
      out[i] = e[i][j];
    }
    return out;
  }

  private static View.Builder ciphertextView(View.Builder v, long[][] c, long groupKey) {
    v.add(groupKey);
    for (long[] round : c) {
      for (long x : round) {
        v.add(x);
      }
    }
    return v;
  }

  /**
   * The supplier alone, n = 3. δ_3j is fixed to 0: adding one constant to every delta of a round
   * leaves every k_ij unchanged (checked below), so this loses no generality.
   */
  private static final ViewFunction<Input> SUPPLIER = (Input in, RandomSource tape) -> {
    long[] k1 = {tape.uniformBits(B), tape.uniformBits(B), tape.uniformBits(B)};
    long[][] delta = new long[2][];
    for (int j = 0; j < 2; j++) {
      delta[j] = new long[] {tape.uniformBits(B), tape.uniformBits(B), 0};
    }
    long[][] c = ciphertexts(k1, delta, in.e());
    return ciphertextView(View.builder(), c, CmtScheme.groupKey(k1, MASK)).build();
  };

  @Test
  void ringDeltas_shiftedByAConstant_giveTheSameRoundKeys() {
    long[] k1 = {1, 6, 3};
    long[] d = {5, 2, 7};
    long[] shifted = {(5 + 3) & MASK, (2 + 3) & MASK, (7 + 3) & MASK};
    long[] a = new long[3];
    long[] b = new long[3];
    CmtScheme.roundKeys(k1, d, MASK, a);
    CmtScheme.roundKeys(k1, shifted, MASK, b);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
  }

  @Test
  void supplier_equalSums_viewIsIdentical_overTwoRounds() {
    Input a = new Input(new long[][] {{0, 2}, {2, 0}, {0, 0}});
    Input b = new Input(new long[][] {{1, 0}, {0, 1}, {1, 1}});
    long runs = ExactViewChecker.assertIndistinguishable(SUPPLIER, a, b);
    assertEquals(2L << 21, runs);
  }

  @Test
  void supplier_differentSums_viewDiffers() {
    Input a = new Input(new long[][] {{0, 0}, {0, 0}, {0, 0}});
    Input b = new Input(new long[][] {{1, 0}, {0, 0}, {0, 0}});
    ExactViewChecker.assertDistinguishable(SUPPLIER, a, b);
  }

  /**
   * The LC (meter 0) with the supplier, n = 3, normative schedule (deltas in every round): it knows
   * every k_i1, its own delta and its predecessor's (meter 2); only δ_1j is unknown.
   */
  private static final ViewFunction<Input> LC_AND_SUPPLIER = (Input in, RandomSource tape) -> {
    long[] k1 = {1, 5, 6};
    long[][] delta = {{3, tape.uniformBits(B), 4}, {2, tape.uniformBits(B), 7}};
    long[][] c = ciphertexts(k1, delta, in.e());
    View.Builder v = ciphertextView(View.builder(), c, CmtScheme.groupKey(k1, MASK));
    v.add(in.e()[0][0]).add(in.e()[0][1]);
    return v.build();
  };

  @Test
  void lcWithSupplier_deltasEveryRound_learnOnlySumsAndOwnReading() {
    Input a = new Input(new long[][] {{1, 1}, {2, 0}, {0, 1}});
    Input b = new Input(new long[][] {{1, 1}, {0, 1}, {2, 0}});
    ExactViewChecker.assertIndistinguishable(LC_AND_SUPPLIER, a, b);
  }

  /**
   * The seed's literal first period, where k_i1 itself is the round key (no deltas): the LC with
   * the supplier reads every reading unless the secure sum hides the k_i1 from the LC.
   */
  private static ViewFunction<Input> literalFirstPeriod(boolean secureSum) {
    return (Input in, RandomSource tape) -> {
      long own = 1;
      long[] k1 = {own, tape.uniformBits(B), tape.uniformBits(B)};
      long groupKey = CmtScheme.groupKey(k1, MASK);
      View.Builder v = View.builder().add(groupKey).add(own).add(in.e()[0][0]);
      for (int i = 0; i < 3; i++) {
        v.add(CmtScheme.encrypt(in.e()[i][0], k1[i], MASK));
        if (!secureSum) {
          v.add(k1[i]);
        }
      }
      return v.build();
    };
  }

  @Test
  void lcWithSupplier_seedLiteralFirstPeriod_recoversReadings_unlessSecureSum() {
    Input a = new Input(new long[][] {{0, 0}, {2, 0}, {0, 0}});
    Input b = new Input(new long[][] {{0, 0}, {0, 0}, {2, 0}});
    ExactViewChecker.assertDistinguishable(literalFirstPeriod(false), a, b);
    ExactViewChecker.assertIndistinguishable(literalFirstPeriod(true), a, b);
  }

  /**
   * Both ring neighbours (meters 0 and 2) of meter 1 with the supplier, n = 4, M = 2^3, t_max = 1.
   * They know δ_0j, δ_1j (meter 2 receives it) and δ_2j; unknown are δ_3j and the honest shares
   * k_11, k_31 (or only k_31 when the LC, meter 0, knows every k_i1 without the secure sum).
   */
  private static ViewFunction<Input> neighbours(boolean lcKnowsShares) {
    return (Input in, RandomSource tape) -> {
      long[] k1 = {2, tape.uniformBits(B), 5, tape.uniformBits(B)};
      long[][] delta = {{1, 6, 3, tape.uniformBits(B)}, {4, 0, 7, tape.uniformBits(B)}};
      long[][] c = ciphertexts(k1, delta, in.e());
      View.Builder v = ciphertextView(View.builder(), c, CmtScheme.groupKey(k1, MASK));
      v.add(in.e()[0][0]).add(in.e()[0][1]).add(in.e()[2][0]).add(in.e()[2][1]);
      if (lcKnowsShares) {
        v.add(k1[1]).add(k1[3]);
      }
      return v.build();
    };
  }

  @Test
  void bothNeighboursWithSupplier_learnReadingDifferences() {
    // Same sums and coalition readings; meter 1 goes 1 -> 0 in A and 0 -> 1 in B.
    Input a = new Input(new long[][] {{0, 0}, {1, 0}, {0, 0}, {0, 1}});
    Input b = new Input(new long[][] {{0, 0}, {0, 1}, {0, 0}, {1, 0}});
    ExactViewChecker.assertDistinguishable(neighbours(false), a, b);
  }

  @Test
  void bothNeighboursWithSupplier_constantReading_hiddenUnlessLcKnowsShares() {
    // Meter 1 reads 1, 1 in A and 0, 0 in B: no difference, so only k_11 separates them.
    Input a = new Input(new long[][] {{0, 0}, {1, 1}, {0, 0}, {0, 0}});
    Input b = new Input(new long[][] {{0, 0}, {0, 0}, {0, 0}, {1, 1}});
    ExactViewChecker.assertIndistinguishable(neighbours(false), a, b);
    ExactViewChecker.assertDistinguishable(neighbours(true), a, b);
  }

  @Test
  void bothNeighboursWithSupplier_atN3_recoverTheReading() {
    // At n = 3 the two neighbours are everyone else: their shares and K give k_11, and the deltas
    // around meter 1 are theirs, so c_1j reveals e_1j (spec/cmt.md §7.3).
    long[] k1 = {3, 6, 2};
    long[] d = {5, 1, 4};
    long[] kij = new long[3];
    CmtScheme.roundKeys(k1, d, MASK, kij);
    long groupKey = CmtScheme.groupKey(k1, MASK);
    long e1 = 2;
    long c1 = CmtScheme.encrypt(e1, kij[1], MASK);
    long k11 = (groupKey - k1[0] - k1[2]) & MASK;
    assertEquals(e1, (c1 - k11 + d[1] - d[0]) & MASK);
  }

  // ---- membership differencing through the protocol -------------------------------------------

  private static List<GroupObservation> observe(int minGroupSize) {
    CmtParameters p = CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 1000, 64))
        .withMinGroupSize(minGroupSize);
    CmtGroupDriver d = new CmtGroupDriver(p, FaultPlan.NONE, 11);
    for (int i = 0; i < 3; i++) {
      d.join();
    }
    assertTrue(d.settle(10), d::dump);
    // constant readings: the assumption the differencing attack needs
    Map<MeterId, Long> readings = new HashMap<>();
    long v = 100;
    for (MeterId id : d.live()) {
      readings.put(id, v);
      v += 211;
    }
    List<GroupObservation> obs = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Set<MeterId> members = d.keyedMembers();
      d.round(readings).ifPresent(o -> {
        if (o instanceof RoundOutcome.Exact e) {
          TreeSet<String> labels = new TreeSet<>();
          members.forEach(m -> labels.add(m.value()));
          obs.add(new GroupObservation(e.round().index(), labels, e.sum()));
        }
      });
      if (r == 0) {
        MeterId leaver = d.live().stream().filter(id -> !d.meter(id).isLocalConcentrator())
            .findFirst().orElseThrow();
        d.leave(leaver);
        d.settle(5);
      }
    }
    return obs;
  }

  @Test
  void membershipDifferencing_leaveToTwoMembers_revealsTheLeaver() {
    List<GroupObservation> obs = observe(2);
    assertEquals(2, obs.size());
    String leaver = obs.get(0).members().stream()
        .filter(m -> !obs.get(1).members().contains(m)).findFirst().orElseThrow();
    MembershipDifferencing.Recovery r =
        MembershipDifferencing.attack(obs, MembershipDifferencing.ReadingModel.CONSTANT);
    assertTrue(r.reveals(leaver));
    // readings that change every round are not revealed by the same two sums
    assertFalse(MembershipDifferencing.attack(obs, MembershipDifferencing.ReadingModel.PER_ROUND)
        .reveals(leaver));
  }

  @Test
  void membershipDifferencing_minimumGroupSize_refusesTheSmallerGroup_nothingRevealed() {
    List<GroupObservation> obs = observe(3);
    assertEquals(1, obs.size(), "the group below m_min is never keyed, its round is void");
    MembershipDifferencing.Recovery r =
        MembershipDifferencing.attack(obs, MembershipDifferencing.ReadingModel.CONSTANT);
    for (String m : obs.get(0).members()) {
      assertFalse(r.reveals(m));
    }
  }
}
