// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of joins, leaves, failures, recoveries, LC rotations and rounds, every party
 * behind its authenticated endpoint, through a network with drops, duplicates and reordering
 * (spec/cmt.md §3, §11): every exact round equals the plaintext sum of the readings of the
 * members its key names, and without drops a settled group's round is exact.
 */
class CmtNetworkProperties {
  private static final long T_MAX = 1_000_000;
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(64, T_MAX, 64))
          .withMinGroupSize(2);

  enum Action { JOIN, LEAVE, FAIL, RECOVER, ROTATE, ROUND }

  record Scenario(FaultPlan plan, List<Action> actions, long seed, boolean secureSum) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<FaultPlan> plans = Combinators.combine(
        Arbitraries.of(0.0, 0.0, 0.02, 0.1),
        Arbitraries.of(0.0, 0.1, 0.3),
        Arbitraries.of(true, false))
        .as((drop, dup, reorder) -> new FaultPlan(drop, dup, 0, 0, reorder));
    Arbitrary<List<Action>> actions = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.JOIN)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.LEAVE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.FAIL)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.RECOVER)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.ROTATE)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(Action.ROUND))).list().ofMinSize(1).ofMaxSize(12);
    return Combinators.combine(plans, actions, Arbitraries.longs(), Arbitraries.of(false, true))
        .as(Scenario::new);
  }

  @Property
  void everyExactRound_isThePlaintextSumOfItsMembers(@ForAll("scenarios") Scenario s) {
    CmtGroupDriver d = new CmtGroupDriver(PARAMS.withSecureSum(s.secureSum()), s.plan(), s.seed());
    d.join();
    d.join();
    d.join();
    d.settle(8);
    Map<Long, Map<MeterId, Long>> readingsByRound = new HashMap<>();
    List<MeterId> failed = new ArrayList<>();
    long r = s.seed();
    for (Action a : s.actions()) {
      List<MeterId> live = d.live();
      int pick = Math.floorMod(r, Math.max(1, live.size()));
      r = r * 6364136223846793005L + 1442695040888963407L;
      switch (a) {
        case JOIN -> {
          if (d.meters().size() < 10) {
            d.join();
          }
        }
        case LEAVE -> {
          if (live.size() > 2) {
            d.leave(live.get(pick));
          }
        }
        case FAIL -> {
          if (live.size() > 2) {
            d.fail(live.get(pick));
            failed.add(live.get(pick));
          }
        }
        case RECOVER -> {
          if (!failed.isEmpty()) {
            d.recover(failed.remove(0));
          }
        }
        case ROTATE -> d.rotate();
        case ROUND -> {
          boolean settled = d.settle(8);
          Map<MeterId, Long> readings = new HashMap<>();
          for (MeterId id : d.live()) {
            // edges: 0 and t_max, otherwise anything in between
            long v = Math.floorMod(r >>> 7, 3) == 0 ? 0
                : Math.floorMod(r >>> 9, 3) == 0 ? T_MAX : Math.floorMod(r >>> 11, T_MAX + 1);
            readings.put(id, v);
            r = r * 6364136223846793005L + 1442695040888963407L;
          }
          readingsByRound.put(d.round + 1, readings);
          Optional<RoundOutcome> o = d.round(readings);
          if (settled && s.plan().drop() == 0) {
            assertTrue(o.isPresent() && o.get() instanceof RoundOutcome.Exact,
                () -> "a settled group without drops decrypts: " + o + "\n" + d.dump());
          }
        }
      }
    }
    d.settle(8);
    for (RoundOutcome o : d.outcomes) {
      if (o instanceof RoundOutcome.Exact e) {
        Map<MeterId, Long> readings = readingsByRound.get(e.round().index());
        long expected = 0;
        for (MeterId id : d.exactMembers.get(e.round())) {
          expected += readings.get(id);
        }
        assertEquals(expected, e.sum(), "round " + e.round().index());
        assertEquals(d.exactMembers.get(e.round()).size(), e.contributors());
      }
    }
  }

  /**
   * The group key carries the members' token keys (spec/cmt.md §3.4 step 5), so on a network
   * that only reorders frames no frame order can leave the supplier without the key: after set-up
   * and after every re-key (rotation, leave) the group settles, and every round is exact
   * with the plaintext sum of all live meters' readings.
   */
  @Property(tries = 20)
  void reorderOnly_everyRoundAfterSetUp_isExact(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int n) {
    // K by the LC's sum of shares: the secure-sum ring (§3.5) has its own ordering hazard (a
    // RingSum may overtake its receiver's SuccessorAssignment), which is not the GroupKey's
    CmtGroupDriver d = new CmtGroupDriver(PARAMS, new FaultPlan(0, 0, 0, 0, true), seed);
    for (int i = 0; i < n; i++) {
      d.join();
    }
    assertTrue(d.settle(8), d::dump);
    long r = seed;
    // re-keys by rotation and by a member's leave; a join and an LC's leave are left out: on a
    // reordering network their set-up frames race each other (not the GroupKey's concern)
    List<Action> script = List.of(Action.ROUND, Action.ROUND, Action.ROTATE, Action.ROUND,
        Action.LEAVE, Action.ROUND, Action.ROTATE, Action.ROUND, Action.ROUND);
    int rounds = 0;
    for (Action a : script) {
      switch (a) {
        case ROTATE -> d.rotate();
        case LEAVE -> {
          // a member that is not the LC (an LC that leaves hands over first, §3.9)
          List<MeterId> members = new ArrayList<>(d.live());
          members.removeAll(d.lcs());
          if (d.live().size() > PARAMS.minGroupSize()) {
            d.leave(members.get(Math.floorMod(r, members.size())));
          }
        }
        default -> { }
      }
      if (a != Action.ROUND) {
        assertTrue(d.settle(8), () -> "re-keyed after " + a + "\n" + d.dump());
        continue;
      }
      Map<MeterId, Long> readings = new HashMap<>();
      long expected = 0;
      for (MeterId id : d.live()) {
        r = r * 6364136223846793005L + 1442695040888963407L;
        long v = Math.floorMod(r >>> 11, T_MAX + 1);
        readings.put(id, v);
        expected += v;
      }
      Optional<RoundOutcome> o = d.round(readings);
      rounds++;
      assertTrue(o.isPresent() && o.get() instanceof RoundOutcome.Exact,
          () -> "round " + d.round + ": " + o + "\n" + d.dump());
      RoundOutcome.Exact e = (RoundOutcome.Exact) o.get();
      assertEquals(expected, e.sum());
      assertEquals(readings.size(), e.contributors());
    }
    assertEquals(6, rounds);
    // the supplier never saw a group key before its tokens
    assertTrue(!d.rejections().containsKey("CMT-V-03"), d.rejections()::toString);
  }
}
