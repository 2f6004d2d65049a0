// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of joins, leaves, failures, recoveries, LC rotations and rounds, every party
 * behind its authenticated endpoint, through a network with drops, duplicates and reordering
 * (spec/cmt.md §3, §11): every exact round equals the plaintext sum of the readings of the
 * members its key names, and without drops a settled group's round is exact.
 */
class CmtNetworkProperties {
  static final long T_MAX = 1_000_000;
  static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(64, T_MAX, 64))
          .withMinGroupSize(2);

  enum Action { JOIN, LEAVE, FAIL, RECOVER, ROTATE, ROUND }

  /** The most meters a group reaches: JOIN only joins below it. */
  private static final int MAX_METERS = 10;

  /**
   * One step: the action, which live meter it targets (an index, reduced modulo the live count)
   * and, for a ROUND, the readings of the live meters in order.
   */
  record Step(Action action, int pick, List<Long> readings) {}

  record Scenario(FaultPlan plan, List<Step> steps, long seed, boolean secureSum) {}

  /** Readings: the edges 0 and t_max a third and two ninths of the time, else anything between. */
  static Gen<Long> readings() {
    return Gens.frequency(
        Gens.weighted(4, Gens.longs(0, T_MAX)),
        Gens.weighted(3, Gens.constant(0L)),
        Gens.weighted(2, Gens.constant(T_MAX)));
  }

  static Gen<Scenario> scenarios() {
    Gen<FaultPlan> plans = Gens.zip(
        Gens.of(0.0, 0.0, 0.02, 0.1),
        Gens.of(0.0, 0.1, 0.3),
        Gens.of(true, false),
        (drop, dup, reorder) -> new FaultPlan(drop, dup, 0, 0, reorder));
    Gen<Action> actions = Gens.frequency(
        Gens.weighted(2, Gens.constant(Action.JOIN)),
        Gens.weighted(1, Gens.constant(Action.LEAVE)),
        Gens.weighted(1, Gens.constant(Action.FAIL)),
        Gens.weighted(1, Gens.constant(Action.RECOVER)),
        Gens.weighted(1, Gens.constant(Action.ROTATE)),
        Gens.weighted(4, Gens.constant(Action.ROUND)));
    Gen<Step> steps = Gens.zip(actions, Gens.integers(0, MAX_METERS - 1),
        Gens.lists(readings(), MAX_METERS, MAX_METERS), Step::new);
    return Gens.zip(plans, Gens.sequences(steps, 12), Gens.longs(), Gens.of(false, true),
        Scenario::new);
  }

  @Test
  void everyExactRound_isThePlaintextSumOfItsMembers() {
    Pbt.property().forAll(scenarios()).check(CmtNetworkProperties::exactRoundsArePlaintextSums);
  }

  static void exactRoundsArePlaintextSums(Scenario s) {
    CmtGroupDriver d = new CmtGroupDriver(PARAMS.withSecureSum(s.secureSum()), s.plan(), s.seed());
    d.join();
    d.join();
    d.join();
    d.settle(8);
    Map<Long, Map<MeterId, Long>> readingsByRound = new HashMap<>();
    List<MeterId> failed = new ArrayList<>();
    for (Step step : s.steps()) {
      List<MeterId> live = d.live();
      int pick = step.pick() % Math.max(1, live.size());
      switch (step.action()) {
        case JOIN -> {
          if (d.meters().size() < MAX_METERS) {
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
          List<MeterId> reading = d.live();
          for (int i = 0; i < reading.size(); i++) {
            readings.put(reading.get(i), step.readings().get(i));
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
  @Test
  void reorderOnly_everyRoundAfterSetUp_isExact() {
    // readings for 6 rounds of at most 6 meters, in the order of d.live()
    Pbt.property(20)
        .forAll(Gens.longs(), Gens.integers(2, 6), Gens.lists(readings(), 36, 36),
            Gens.integers(0, 5))
        .check(CmtNetworkProperties::reorderOnlyRoundsAreExact);
  }

  private static void reorderOnlyRoundsAreExact(
      long seed, int n, List<Long> roundReadings, int leavePick) {
    // K by the LC's sum of shares: the secure-sum ring (§3.5) has its own ordering hazard (a
    // RingSum may overtake its receiver's SuccessorAssignment), which is not the GroupKey's
    CmtGroupDriver d = new CmtGroupDriver(PARAMS, new FaultPlan(0, 0, 0, 0, true), seed);
    for (int i = 0; i < n; i++) {
      d.join();
    }
    assertTrue(d.settle(8), d::dump);
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
            d.leave(members.get(leavePick % members.size()));
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
        long v = roundReadings.get(rounds * 6 + readings.size());
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
