// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.harness.Harness;
import io.gridveil.core.harness.Router;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §8 with the toy role of {@link ToyRole} (test scope lives beside it, in the
 * runtime package): clock, routing, timers interleaved with frames, crash and reopen.
 */
class ToyHarnessTest {
  static final long D = ToyRole.DEADLINE.toMillis();

  record Seen(String node, long at, List<Long> outcomeSums, int frames) {}

  static Harness harness(FaultPlan plan, List<Seen> seen) {
    Harness h = new Harness(plan, DeterministicRandomSource.fromSeed(5), LogicalTime.ZERO, 100);
    h.listen((node, now, o) -> seen.add(new Seen(node, now.millis(),
        o.outcomes().stream().map(r -> ((RoundOutcome.Exact) r).sum()).toList(),
        o.frames().size())));
    return h;
  }

  @Test
  void frameIsDeliveredNextTick_andEachDeadlineFiresAtItsDueTime() throws Exception {
    List<Seen> seen = new ArrayList<>();
    Harness h = harness(FaultPlan.NONE, seen);
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    ToyRole.Handle a = ToyRole.Handle.aggregator(RoleStore.inMemory());
    h.add("s", s);
    h.add("a", a);
    h.submit("s", s.send(3, new Round(1), h.now()));
    h.runUntil(LogicalTime.ofMillis(3 * D));
    assertEquals(0, a.total(), "the deadline reported the tally and reset it");
    assertEquals(List.of(
        new Seen("s", 0, List.of(), 1),
        new Seen("a", 100, List.of(), 0),
        new Seen("s", D, List.of(0L), 0),
        new Seen("a", 100 + D, List.of(3L), 0)), seen);
    assertEquals(3 * D, h.now().millis());
  }

  @Test
  void delayedFrame_arrivesAfterTheSendersDeadlineFired() throws Exception {
    List<Seen> seen = new ArrayList<>();
    FaultPlan delayAll = new FaultPlan(0, 0, 1.0, 200, false);
    Harness h = harness(delayAll, seen);
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    ToyRole.Handle a = ToyRole.Handle.aggregator(RoleStore.inMemory());
    h.add("s", s);
    h.add("a", a);
    h.submit("s", s.send(3, new Round(1), h.now()));
    h.runUntil(LogicalTime.ofMillis(D + 30_000));
    Seen arrival = seen.stream().filter(x -> x.node().equals("a")).findFirst().orElseThrow();
    Seen deadline = seen.stream().filter(x -> x.node().equals("s") && x.at() == D).findFirst()
        .orElseThrow();
    // Seed 5 delays the frame past the supplier's deadline (D): the deadline fires first.
    assertTrue(arrival.at() > D, "delayed past the deadline: " + arrival.at());
    assertTrue(seen.indexOf(deadline) < seen.indexOf(arrival), seen.toString());
  }

  @Test
  void crashedNodeIsReopenedFromItsStore_andItsTimerStillFires() throws Exception {
    List<Seen> seen = new ArrayList<>();
    Harness h = harness(FaultPlan.NONE, seen);
    RoleStore aStore = RoleStore.inMemory();
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    h.add("s", s);
    h.add("a", ToyRole.Handle.aggregator(aStore));
    h.submit("s", s.send(4, new Round(2), h.now()));
    h.runUntil(LogicalTime.ofMillis(1_000));
    List<ToyRole.Handle> reopened = new ArrayList<>();
    h.crash("a", () -> {
      ToyRole.Handle r = ToyRole.Handle.aggregator(aStore);
      reopened.add(r);
      return r;
    });
    assertEquals(4, reopened.get(0).total());
    h.runUntil(LogicalTime.ofMillis(2 * D));
    assertTrue(seen.contains(new Seen("a", 100 + D, List.of(4L), 0)), seen.toString());
  }

  @Test
  void nodeThatIsDown_losesTheFramesDueMeanwhile_andReceivesAgainAfterwards() throws Exception {
    List<Seen> seen = new ArrayList<>();
    Harness h = harness(FaultPlan.NONE, seen);
    ToyRole.Handle s = ToyRole.Handle.supplier(RoleStore.inMemory());
    ToyRole.Handle a = ToyRole.Handle.aggregator(RoleStore.inMemory());
    h.add("s", s);
    h.add("a", a);
    h.down("a", LogicalTime.ofMillis(1_000));
    h.submit("s", s.send(3, new Round(1), h.now()));
    h.runUntil(LogicalTime.ofMillis(2_000));
    assertEquals(0, a.count(), "the frame due at 100 ms was lost");
    h.submit("s", s.send(4, new Round(1), h.now()));
    h.runUntil(LogicalTime.ofMillis(3_000));
    assertEquals(4, a.total());
  }

  @Test
  void router_mapsEachRouteKindToItsNodes_neverBackToTheSender() {
    GroupId g = new GroupId("g");
    Router r = new Router();
    r.put("es", RoleAddress.of(g, Role.SUPPLIER));
    r.put("m1", RoleAddress.meter(g, new MeterId("m-1")));
    r.put("m2", RoleAddress.meter(g, new MeterId("m-2")));
    r.put("other", RoleAddress.meter(new GroupId("h"), new MeterId("m-3")));
    assertEquals(List.of("es"), r.targets("m1", new Route.ToRole(g, Role.SUPPLIER)));
    assertEquals(List.of("m2"), r.targets("es", new Route.ToMeter(g, new MeterId("m-2"))));
    assertEquals(List.of("es", "m2"), r.targets("m1", new Route.ToGroup(g)));
    assertEquals(List.of("m1", "m2"), r.targets("es", new Route.ToPseudonym(g, new Token(1, 1))));
    assertEquals(List.of("m2"), r.targets("m1", new Route.ToPseudonym(g, new Token(1, 1))));
  }
}
