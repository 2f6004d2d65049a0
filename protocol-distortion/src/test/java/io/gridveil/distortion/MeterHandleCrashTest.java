// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.KillAtRandom;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.ClosedCycle;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec/runtime.md §6.7 for the distorting meter: a child JVM drives the meter handle on a file
 * store and prints each released frame; it is killed with SIGKILL at random (seeded) instants.
 * After every kill the store loads; the reopened billing state is the last released commit or
 * the one in flight, never older; its bills equal the sums recomputed independently; and across
 * all runs no sequence number is released with two different frames.
 */
class MeterHandleCrashTest {
  private static final int KILLS = Math.max(1, Integer.getInteger("crash.kills", 48));
  private static final long SEED = Long.getLong("crash.seed", 2027L);

  @Test
  void meterKilledAtRandomInstants_losesNoCommittedReading_andNeverReusesASequence(
      @TempDir Path dir) throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(SEED);
    Path store = dir.resolve("meter");
    MeterHandleWriterMain.Kit kit = new MeterHandleWriterMain.Kit();
    Map<Long, String> bySequence = new HashMap<>();
    long lastReported = -1;
    int killedMidRun = 0;
    for (int k = 0; k < KILLS; k++) {
      KillAtRandom.Run run = KillAtRandom.once(MeterHandleWriterMain.class,
          dir.resolve("out-" + k + ".txt"), rng, 3, store.toString(),
          Long.toString(k));
      if (run.killedWhileRunning()) {
        killedMidRun++;
      }
      for (String line : run.lines()) {
        String[] f = line.split(" ");
        assertEquals(3, f.length, line);
        assertEquals(64, f[2].length(), line);
        long slot = Long.parseLong(f[0]);
        String before = bySequence.putIfAbsent(Long.parseLong(f[1]), f[2]);
        assertTrue(before == null || before.equals(f[2]),
            "sequence " + f[1] + " released with two different frames");
        lastReported = Math.max(lastReported, slot);
      }
      try (DistortingMeterHandle m = open(kit, store)) {
        BillingState s = m.billing();
        assertTrue(s.lastSlot() >= lastReported, "a released reading was lost");
        assertTrue(s.lastSlot() <= lastReported + 1, "more than the in-flight reading survived");
        assertExactBills(s);
        lastReported = s.lastSlot();
      }
    }
    assertTrue(killedMidRun >= KILLS - 2, "the writer must be killed while running");
    assertTrue(lastReported > KILLS, "the writer made progress");
  }

  private static DistortingMeterHandle open(MeterHandleWriterMain.Kit kit, Path store)
      throws Exception {
    return kit.open(store, 0);
  }

  /** Recomputes every bill from the reading function with BigInteger, independently. */
  private static void assertExactBills(BillingState s) {
    BillingPlan plan = Neighbourhood.PLAN;
    long last = s.lastSlot();
    if (last < 0) {
      return;
    }
    long cycle = last / plan.slotsPerCycle();
    assertEquals(cycle, s.openCycle());
    assertEquals(sum(cycle * plan.slotsPerCycle(), last), BigInteger.valueOf(s.openTotal()));
    for (ClosedCycle c : s.closed()) {
      long from = c.cycle() * plan.slotsPerCycle();
      assertEquals(sum(from, from + plan.slotsPerCycle() - 1), BigInteger.valueOf(c.total()));
    }
  }

  private static BigInteger sum(long from, long to) {
    BigInteger t = BigInteger.ZERO;
    for (long j = from; j <= to; j++) {
      long price = Neighbourhood.PRICES.get((int) (j % 24) % 2);
      t = t.add(BigInteger.valueOf(MeterHandleWriterMain.reading(j))
          .multiply(BigInteger.valueOf(price)));
    }
    return t;
  }
}
