// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.KillAtRandom;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of {@link FileBillingStore} (spec/distortion.md §3.4): a writer process is killed
 * (SIGKILL) at random instants many times; after each kill the recovered state holds every
 * increment the writer reported as committed, at most the one in flight beyond it, and bills equal
 * to the exact sums, so nothing is lost and nothing is counted twice.
 */
class BillingCrashTest {
  /**
   * Kills per run: 48 in the test suite; {@code tools/crash.sh} runs many more through
   * {@code -Dcrash.kills=N} (and {@code -Dcrash.seed=S} for other instants), outside the suite.
   */
  private static final int KILLS = Math.max(1, Integer.getInteger("crash.kills", 48));

  private static final long SEED = Long.getLong("crash.seed", 2026L);

  @Test
  void writerKilledAtRandomInstants_losesNothing_countsNothingTwice(@TempDir Path dir)
      throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(SEED);
    FileBillingStore store = new FileBillingStore(dir, BillingWriterMain.PLAN);
    long lastReported = -1;
    int killedMidRun = 0;
    for (int k = 0; k < KILLS; k++) {
      KillAtRandom.Run run = KillAtRandom.once(BillingWriterMain.class,
          dir.resolve("out-" + k + ".txt"), rng, 2, dir.toString());
      if (run.killedWhileRunning()) {
        killedMidRun++;
      }
      for (String line : run.lines()) {
        lastReported = Math.max(lastReported, Long.parseLong(line));
      }
      BillingState s = store.load().orElseThrow();
      assertTrue(s.lastSlot() >= lastReported, "a committed increment was lost");
      assertTrue(s.lastSlot() <= lastReported + 1, "more than the in-flight increment survived");
      assertExactBills(s);
      lastReported = s.lastSlot();
    }
    assertTrue(killedMidRun >= KILLS - 2, "the writer must be killed while running");
    assertTrue(lastReported > KILLS, "the writer made progress");
    System.out.println("crash: " + KILLS + " kills (" + killedMidRun + " mid-run), seed " + SEED
        + ", last committed slot " + lastReported + ": nothing lost, nothing counted twice");
  }

  /** Recomputes every bill from the reading function with BigInteger, independently. */
  private static void assertExactBills(BillingState s) {
    BillingPlan plan = BillingWriterMain.PLAN;
    long last = s.lastSlot();
    long cycle = last / plan.slotsPerCycle();
    assertEquals(cycle, s.openCycle());
    assertEquals(sum(plan, cycle * plan.slotsPerCycle(), last), BigInteger.valueOf(s.openTotal()));
    for (ClosedCycle c : s.closed()) {
      long from = c.cycle() * plan.slotsPerCycle();
      assertEquals(sum(plan, from, from + plan.slotsPerCycle() - 1), BigInteger.valueOf(c.total()));
      assertEquals(plan.slotsPerCycle(), c.slots());
    }
  }

  private static BigInteger sum(BillingPlan plan, long from, long to) {
    BigInteger t = BigInteger.ZERO;
    for (long j = from; j <= to; j++) {
      long hour = j % 24;
      long price = hour < 7 ? 110_000 : hour >= 17 && hour < 21 ? 420_000 : 270_000;
      t = t.add(BigInteger.valueOf(BillingWriterMain.reading(j)).multiply(BigInteger.valueOf(price)));
    }
    return t;
  }
}
