// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/core.md §10. */
class InMemoryNetworkTest {
  private static List<Integer> runAll(InMemoryNetwork<Integer> net) {
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < 100 && !net.idle(); i++) {
      for (Delivery<Integer> d : net.tick()) {
        got.add(d.payload());
      }
    }
    return got;
  }

  private static InMemoryNetwork<Integer> loaded(FaultPlan plan, long seed, int n) {
    InMemoryNetwork<Integer> net =
        new InMemoryNetwork<>(plan, DeterministicRandomSource.fromSeed(seed));
    for (int i = 0; i < n; i++) {
      net.send(Address.SUPPLIER, i);
    }
    return net;
  }

  @Test
  void noFaults_deliversEachOnceInOrderAtTheNextTick() {
    InMemoryNetwork<Integer> net = loaded(FaultPlan.NONE, 1, 50);
    List<Delivery<Integer>> first = net.tick();
    assertEquals(50, first.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(i, first.get(i).payload());
      assertEquals(Address.SUPPLIER, first.get(i).recipient());
    }
    assertTrue(net.idle());
    assertEquals(new NetworkStats(50, 50, 0, 0, 0), net.stats());
  }

  @Test
  void dropAll_deliversNothing_duplicateAll_deliversTwice() {
    assertEquals(List.of(), runAll(loaded(new FaultPlan(1, 0, 0, 0, false), 1, 20)));
    List<Integer> twice = runAll(loaded(new FaultPlan(0, 1, 0, 0, false), 1, 20));
    assertEquals(40, twice.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(i, twice.get(2 * i));
      assertEquals(i, twice.get(2 * i + 1));
    }
  }

  @Test
  void delay_holdsBackAtMostMaxTicks_andLosesNothing() {
    InMemoryNetwork<Integer> net = loaded(new FaultPlan(0, 0, 1, 3, false), 2, 200);
    int ticks = 0;
    List<Integer> got = new ArrayList<>();
    while (!net.idle()) {
      ticks++;
      net.tick().forEach(d -> got.add(d.payload()));
    }
    assertTrue(ticks >= 2 && ticks <= 4, "delay of 1..3 ticks beyond the next: " + ticks);
    assertEquals(200, got.size());
    assertEquals(200, net.stats().delayed());
  }

  @Test
  void reorder_permutes_andIsReproducibleFromTheSeed() {
    FaultPlan plan = new FaultPlan(0, 0, 0, 0, true);
    List<Integer> a = runAll(loaded(plan, 9, 30));
    List<Integer> b = runAll(loaded(plan, 9, 30));
    assertEquals(a, b);
    assertNotEquals(runAll(loaded(FaultPlan.NONE, 9, 30)), a);
    assertEquals(30, a.stream().distinct().count());
  }

  @Test
  void faultPlan_refusesImpossibleProbabilities() {
    assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1.5, 0, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new FaultPlan(Double.NaN, 0, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new FaultPlan(0, 0, 0, -1, false));
  }
}
