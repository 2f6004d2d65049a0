// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The sizing example of spec/leakage.md §2.5: a self-contained toy of the CMT ring (n = 3 meters,
 * 2 rounds, M = 2^3; keys k_i1 and the round-2 deltas drawn from the tape, 8^6 = 262144 tapes per
 * input) checked exactly. The CMT module's own checks run the real parties; this one fixes the
 * checker's cost and shows both assertions on the standard coalitions.
 */
class ToyRingExactTest {
  private static final int N = 3;
  private static final long M = 8;

  private enum Coalition {
    SUPPLIER,
    SUPPLIER_AND_CONCENTRATOR
  }

  /** Runs the toy ring on readings e[i][j] and returns the coalition's view. */
  private static ViewFunction<long[][]> ring(Coalition coalition) {
    return (e, tape) -> {
      long[] k1 = new long[N];
      for (int i = 0; i < N; i++) {
        k1[i] = tape.uniformLong(M);
      }
      long[] delta = new long[N];
      for (int i = 0; i < N; i++) {
        delta[i] = tape.uniformLong(M);
      }
      View.Builder supplier = View.builder();
      long bigK = 0;
      for (int i = 0; i < N; i++) {
        bigK += k1[i];
      }
      supplier.add(bigK % M);
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < N; i++) {
          // Round 1 uses k_i1; round 2 uses k_i2 = k_i1 - delta_i2 + delta_(i-1)2.
          long k = j == 0 ? k1[i] : Math.floorMod(k1[i] - delta[i] + delta[(i + N - 1) % N], M);
          supplier.add((e[i][j] + k) % M);
        }
      }
      if (coalition == Coalition.SUPPLIER) {
        return supplier.build();
      }
      return View.union(supplier.build(), View.builder().addLongs(k1).build());
    };
  }

  // Same per-round sums (5 and 6) with different individual readings.
  private static final long[][] A = {{1, 2}, {3, 4}, {1, 0}};
  private static final long[][] B = {{2, 1}, {2, 2}, {1, 3}};

  @Test
  void supplier_sameRoundSums_isIndistinguishable() {
    long executions = ExactViewChecker.assertIndistinguishable(ring(Coalition.SUPPLIER), A, B);
    assertEquals(2 * 262_144, executions);
  }

  @Test
  void supplierWithConcentrator_sameRoundSums_isDistinguishable() {
    long executions =
        ExactViewChecker.assertDistinguishable(ring(Coalition.SUPPLIER_AND_CONCENTRATOR), A, B);
    assertEquals(2 * 262_144, executions);
  }

  @Test
  void supplier_differentRoundSums_isDistinguishable() {
    long[][] c = {{1, 2}, {3, 4}, {2, 0}};
    ExactViewChecker.assertDistinguishable(ring(Coalition.SUPPLIER), A, c);
  }
}
