// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TariffTest {
  private static List<Integer> hourly(int... levelPerHour) {
    List<Integer> s = new ArrayList<>();
    for (int l : levelPerHour) {
      s.add(l);
    }
    return s;
  }

  @Test
  void timeOfUseTariff_pricesSlotsByTimeOfDay() {
    List<Integer> schedule = new ArrayList<>(Collections.nCopies(96, 0));
    for (int i = 68; i < 84; i++) {
      schedule.set(i, 1); // 17:00 to 21:00 at 15-minute slots
    }
    Tariff t = new Tariff(List.of(100_000L, 300_000L), schedule);
    assertEquals(96, t.slotsPerDay());
    assertEquals(100_000L, t.price(0));
    assertEquals(300_000L, t.price(68));
    assertEquals(300_000L, t.price(96 * 5 + 83));
    assertEquals(100_000L, t.price(96 * 5 + 84));
    assertEquals(300_000L, t.maxPrice());
  }

  @Test
  void tooManyLevels_orPriceOutOfRange_areRefused() {
    assertRefused("DIST-P-04", () -> new Tariff(List.of(), List.of(0)));
    assertRefused("DIST-P-04",
        () -> new Tariff(List.of(1L, 2L, 3L, 4L, 5L), hourly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
            3, 3, 3, 3, 4, 4, 4, 4, 0, 0, 0, 0)));
    assertRefused("DIST-P-04", () -> Tariff.flat(0, 24));
    assertRefused("DIST-P-04", () -> Tariff.flat(Tariff.MAX_PRICE + 1, 24));
  }

  @Test
  void freePriceVectors_areRefused() {
    // A one-hot vector: price level 1 in a single 10-minute slot of the day.
    List<Integer> oneHot = new ArrayList<>(Collections.nCopies(144, 0));
    oneHot.set(50, 1);
    assertRefused("DIST-P-05", () -> new Tariff(List.of(1L, 1_000_000L), oneHot));
    // A run shorter than an hour at the wrap-around midnight boundary.
    List<Integer> wrap = new ArrayList<>(Collections.nCopies(24, 0));
    wrap.set(0, 1);
    wrap.set(23, 1);
    new Tariff(List.of(1L, 2L), wrap); // two hours across midnight: allowed
    List<Integer> shortWrap = new ArrayList<>(Collections.nCopies(48, 0));
    shortWrap.set(0, 1);
    assertRefused("DIST-P-05", () -> new Tariff(List.of(1L, 2L), shortWrap));
    assertRefused("DIST-P-05", () -> new Tariff(List.of(1L), Collections.nCopies(7, 0)));
    assertRefused("DIST-P-05", () -> new Tariff(List.of(1L, 2L), Collections.nCopies(24, 0)));
    assertRefused("DIST-P-05", () -> new Tariff(List.of(1L), Collections.nCopies(24, 3)));
    assertRefused("DIST-P-05", () -> Tariff.flat(5, 0));
  }

  @Test
  void digest_distinguishesTariffs() {
    assertNotEquals(Tariff.flat(5, 24).digest(), Tariff.flat(6, 24).digest());
    assertNotEquals(Tariff.flat(5, 24).digest(), Tariff.flat(5, 48).digest());
    assertEquals(Tariff.flat(5, 24).digest(), Tariff.flat(5, 24).digest());
  }
}
