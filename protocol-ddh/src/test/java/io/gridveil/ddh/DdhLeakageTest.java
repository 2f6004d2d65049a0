// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.leakage.exact.ExactViewChecker.assertDistinguishable;
import static io.gridveil.leakage.exact.ExactViewChecker.assertIndistinguishable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.leakage.exact.View;
import io.gridveil.leakage.exact.ViewFunction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exact leakage checks of the collusion table (spec/ddh.md §6.2) at toy parameters, with the
 * DH-derived pads replaced by their ideal functionality: one uniform pad per ring edge and per
 * meter-supplier pair, drawn from the enumerated tape. The cipher is {@link DdhMeter#seal} and the
 * reveals follow {@link RecoveryPlan}, the code the parties run.
 *
 * <p>Meter 0 is the target; its neighbours are n-1 and 1.
 */
class DdhLeakageTest {
  /**
   * A coalition: the aggregator, the supplier, and some meters.
   *
   * @param aggregator whether A is in it
   * @param supplier whether S is in it
   * @param meters the ring positions of the meters in it
   */
  record Coalition(boolean aggregator, boolean supplier, Set<Integer> meters) {}

  /** The coalition's view of one round with readings e and missing meters. */
  private static ViewFunction<long[]> round(int bits, Coalition k, Set<Integer> missing) {
    return round(bits, k, missing, false);
  }

  /**
   * As above; with {@code late}, the missing meters' ciphertexts still reach the aggregator after
   * the recovery (spec/ddh.md §6.3 weakness 1).
   */
  private static ViewFunction<long[]> round(int bits, Coalition k, Set<Integer> missing, boolean late) {
    long m = 1L << bits;
    long mask = m - 1;
    return (e, tape) -> {
      int n = e.length;
      long[] rho = new long[n]; // rho[i]: the pad of ring edge (i, i+1)
      long[] sigma = new long[n]; // sigma[i]: the pad of (i, S)
      for (int i = 0; i < n; i++) {
        rho[i] = tape.uniformLong(m);
      }
      for (int i = 0; i < n; i++) {
        sigma[i] = tape.uniformLong(m);
      }
      boolean[] present = new boolean[n];
      long[] c = new long[n];
      long sum = 0;
      long truth = 0;
      for (int i = 0; i < n; i++) {
        present[i] = !missing.contains(i);
        if (present[i]) {
          c[i] = DdhMeter.seal(e[i], rho[i], rho[(i - 1 + n) % n], sigma[i], mask);
          sum += c[i];
          truth += e[i];
        }
      }
      View.Builder v = View.builder();
      long residue = sum;
      for (int i = 0; i < n; i++) {
        if (present[i]) {
          residue -= sigma[i];
        }
      }
      List<RecoveryPlan.Need> plan = missing.isEmpty() ? List.of() : RecoveryPlan.of(n, present);
      if (plan == null) {
        throw new IllegalStateException("round not recoverable");
      }
      long[] reveals = new long[plan.size()];
      for (int r = 0; r < reveals.length; r++) {
        RecoveryPlan.Need need = plan.get(r);
        // §3.4 step 6: the successor pad rho[revealer] or the predecessor pad rho[missing].
        reveals[r] = need.successorSide() ? rho[need.revealer()] : rho[need.missing()];
        residue += need.successorSide() ? -reveals[r] : reveals[r];
      }
      if (((residue - truth) & mask) != 0) {
        throw new AssertionError("the supplier's recovery is not the sum of the present readings");
      }
      if (k.aggregator()) {
        for (int i = 0; i < n; i++) {
          boolean seen = present[i] || late;
          v.add(seen ? DdhMeter.seal(e[i], rho[i], rho[(i - 1 + n) % n], sigma[i], mask) : -1);
        }
      }
      if (k.supplier()) {
        v.add(sum & mask).addLongs(sigma).addLongs(reveals);
      }
      for (int i : k.meters()) {
        v.add(rho[i]).add(rho[(i - 1 + n) % n]).add(sigma[i]).add(e[i]);
      }
      return v.build();
    };
  }

  private static final Coalition A = new Coalition(true, false, Set.of());
  private static final Coalition S = new Coalition(false, true, Set.of());
  private static final Coalition AS = new Coalition(true, true, Set.of());

  // n = 4, M = 2^2 (65536 executions per input): readings in {0, 1}, sums mod 4.

  @Test
  void row1_aggregatorAlone_learnsNothing() {
    assertIndistinguishable(round(2, A, Set.of()), new long[] {0, 0, 0, 0}, new long[] {1, 1, 0, 1});
  }

  @Test
  void row2_supplierAlone_learnsTheSumOnly() {
    assertIndistinguishable(round(2, S, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 1, 0});
    assertDistinguishable(round(2, S, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 0, 0});
  }

  @Test
  void row3_bothNeighboursWithoutAggregatorOrSupplier_learnNothing() {
    Coalition k = new Coalition(false, false, Set.of(1, 3));
    assertIndistinguishable(round(2, k, Set.of()), new long[] {0, 1, 0, 0}, new long[] {1, 1, 1, 0});
  }

  @Test
  void row4_aggregatorWithBothNeighboursWithoutSupplier_learnsNothing() {
    Coalition k = new Coalition(true, false, Set.of(1, 3));
    assertIndistinguishable(round(2, k, Set.of()), new long[] {0, 1, 0, 0}, new long[] {1, 1, 1, 0});
  }

  @Test
  void row5_supplierWithBothNeighboursWithoutAggregator_learnsTheSumOnly() {
    Coalition k = new Coalition(false, true, Set.of(1, 3));
    assertIndistinguishable(round(2, k, Set.of()), new long[] {1, 0, 0, 1}, new long[] {0, 0, 1, 1});
  }

  @Test
  void row6_aggregatorAndSupplier_learnTheSumOnly() {
    assertIndistinguishable(round(2, AS, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 0, 1});
    assertIndistinguishable(round(2, AS, Set.of()), new long[] {1, 1, 0, 0}, new long[] {0, 0, 1, 1});
    assertDistinguishable(round(2, AS, Set.of()), new long[] {1, 0, 0, 0}, new long[] {1, 1, 0, 0});
  }

  @Test
  void row7_aggregatorSupplierAndOneNeighbour_learnOnlyTheHonestArcSum() {
    // Meter 1 corrupt: the honest arc is 2, 3, 0; e_0 is hidden within it.
    Coalition k = new Coalition(true, true, Set.of(1));
    assertIndistinguishable(round(2, k, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 0, 1});
    assertIndistinguishable(round(2, k, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 1, 0});
  }

  @Test
  void row8_aggregatorSupplierAndBothNeighbours_learnTheReading() {
    Coalition k = new Coalition(true, true, Set.of(1, 3));
    assertDistinguishable(round(2, k, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 0, 1, 0});
  }

  @Test
  void row9_aggregatorSupplierAndTheOppositeMeter_learnArcSumsOnly() {
    // Meter 2 corrupt: the honest arc is 3, 0, 1.
    Coalition k = new Coalition(true, true, Set.of(2));
    assertIndistinguishable(round(2, k, Set.of()), new long[] {1, 0, 0, 0}, new long[] {0, 1, 0, 0});
  }

  @Test
  void recovery_aggregatorAndSupplier_learnTheSumOfThePresentOnly() {
    // Meter 2 missing: meters 1 and 3 reveal one pad each.
    assertIndistinguishable(round(2, AS, Set.of(2)), new long[] {1, 0, 0, 0}, new long[] {0, 1, 0, 0});
    assertIndistinguishable(round(2, AS, Set.of(2)), new long[] {1, 0, 1, 0}, new long[] {0, 0, 0, 1});
  }

  @Test
  void recovery_twoAdjacentMissing_aggregatorAndSupplierLearnTheSumOnly() {
    assertIndistinguishable(round(2, AS, Set.of(2, 3)), new long[] {1, 0, 0, 0}, new long[] {0, 1, 1, 1});
  }

  @Test
  void recovery_meterNextToAMissingOne_isProtectedByItsOtherNeighbourOnly() {
    // Meter 2 missing: meter 1 revealed its pad with 2, so A + S + meter 0 learn e_1.
    Coalition k = new Coalition(true, true, Set.of(0));
    assertDistinguishable(round(2, k, Set.of(2)), new long[] {0, 1, 0, 0}, new long[] {0, 0, 0, 1});
    // Without meter 0, A + S + meter 3 do not: meter 1's pad with 0 stays hidden.
    Coalition k3 = new Coalition(true, true, Set.of(3));
    assertIndistinguishable(round(2, k3, Set.of(2)), new long[] {1, 0, 0, 0}, new long[] {0, 1, 0, 0});
  }

  @Test
  void weakness1_lateContributionAfterRecovery_exposesTheLateMeterToAggregatorAndSupplier() {
    // Meter 2 is declared missing, its neighbours reveal, then c_2 arrives late at the aggregator.
    assertDistinguishable(round(2, AS, Set.of(2), true), new long[] {0, 0, 1, 0}, new long[] {0, 0, 0, 0});
    // Without the late ciphertext the same inputs look alike (e_2 does not enter the sum).
    assertIndistinguishable(round(2, AS, Set.of(2), false), new long[] {0, 0, 1, 0}, new long[] {0, 0, 0, 0});
  }

  // n = 3, M = 2^3 (262144 executions per input): a group whose parameters core accepts
  // (n * t_max = 3 * 2 < 8).

  @Test
  void ringOfThree_aggregatorAndSupplier_learnTheSumOnly_butWithBothNeighboursTheReading() {
    long execs = assertIndistinguishable(round(3, AS, Set.of()), new long[] {2, 0, 1}, new long[] {0, 2, 1});
    assertEquals(2L * 262144, execs);
    assertTrue(assertDistinguishable(round(3, new Coalition(true, true, Set.of(1, 2)), Set.of()),
        new long[] {2, 0, 1}, new long[] {1, 1, 1}) > 0);
  }
}
