// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PriceVectorAttackTest {
  private static final long[] READINGS = {7, 10, 4, 9};

  @Test
  void bill_handComputed() {
    assertEquals(140, PriceVectorAttack.bill(new long[] {1, 2, 3}, new long[] {10, 20, 30}));
  }

  @Test
  void chosenTariff_readsTheTargetSlot() {
    long[] p = PriceVectorAttack.chosenTariff(4, 2, 10);
    assertArrayEquals(new long[] {1, 1, 31, 1}, p);
    long bill = PriceVectorAttack.bill(READINGS, p);
    assertEquals(150, bill); // 7 + 10 + 124 + 9
    assertEquals(OptionalLong.of(4), PriceVectorAttack.readSlot(p, bill, 2, 10));
    // Extremes: every other slot at t_max.
    long[] high = {10, 10, 0, 10};
    assertEquals(
        OptionalLong.of(0),
        PriceVectorAttack.readDominantSlot(p, PriceVectorAttack.bill(high, p), 2, 10));
    long[] full = {10, 10, 10, 10};
    assertEquals(
        OptionalLong.of(10),
        PriceVectorAttack.readDominantSlot(p, PriceVectorAttack.bill(full, p), 2, 10));
  }

  @Test
  void baseEncodingTariff_revealsEverySlot() {
    long[] p = {1, 4, 16, 64};
    long[] r = {3, 0, 2, 1};
    long bill = PriceVectorAttack.bill(r, p);
    assertEquals(99, bill);
    for (int k = 0; k < 4; k++) {
      assertEquals(OptionalLong.of(r[k]), PriceVectorAttack.readSlot(p, bill, k, 3), "slot " + k);
    }
  }

  @Test
  void publicTwoLevelTariff_leavesTheSlotAmbiguous() {
    long[] p = {1, 1, 2, 2};
    assertEquals(2, PriceVectorAttack.levels(p));
    long bill = PriceVectorAttack.bill(READINGS, p);
    assertEquals(43, bill);
    // By hand: the other slots reach every value in [0, 40], so 43 - 2v needs v >= 2.
    TreeSet<Long> expected = new TreeSet<>();
    for (long v = 2; v <= 10; v++) {
      expected.add(v);
    }
    assertEquals(expected, PriceVectorAttack.feasibleValues(p, bill, 2, 10));
    assertEquals(OptionalLong.empty(), PriceVectorAttack.readSlot(p, bill, 2, 10));
    assertEquals(OptionalLong.empty(), PriceVectorAttack.readDominantSlot(p, bill, 2, 10));
  }

  @Test
  void zeroPriceSlot_isNeverRevealed() {
    long[] p = {0, 3, 5};
    long bill = PriceVectorAttack.bill(new long[] {4, 1, 1}, p);
    assertEquals(11, PriceVectorAttack.feasibleValues(p, bill, 0, 10).size());
    // Unit-vector tariff: P = e_1 reveals r_1 directly.
    assertEquals(
        OptionalLong.of(6), PriceVectorAttack.readSlot(new long[] {0, 1, 0}, 6, 1, 10));
  }

  @Test
  void badTariffs_areRefused() {
    assertRefused("LEAK-P-13", () -> PriceVectorAttack.bill(new long[] {1}, new long[] {1, 2}));
    assertRefused("LEAK-P-13", () -> PriceVectorAttack.bill(new long[] {1}, new long[] {-1}));
    assertRefused("LEAK-P-13",
        () -> PriceVectorAttack.bill(new long[] {Long.MAX_VALUE}, new long[] {2}));
    assertRefused("LEAK-P-13", () -> PriceVectorAttack.chosenTariff(4, 4, 10));
    assertRefused("LEAK-P-13", () -> PriceVectorAttack.readSlot(new long[] {1, 2}, 3, 2, 10));
    assertRefused("LEAK-P-13", () -> PriceVectorAttack.readSlot(new long[] {1, 2}, 3, 0, 0));
    assertRefused("LEAK-P-13",
        () -> PriceVectorAttack.feasibleValues(new long[] {1, 1}, (1L << 22) + 1, 0, 10));
    assertTrue(PriceVectorAttack.MAX_DP_BILL > 0);
  }
}
