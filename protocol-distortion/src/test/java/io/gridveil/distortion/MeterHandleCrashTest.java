// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.ClosedCycle;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path store = dir.resolve("meter");
    MeterHandleWriterMain.Kit kit = new MeterHandleWriterMain.Kit();
    Map<Long, String> bySequence = new HashMap<>();
    long lastReported = -1;
    int killedMidRun = 0;
    for (int k = 0; k < KILLS; k++) {
      File out = dir.resolve("out-" + k + ".txt").toFile();
      Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), MeterHandleWriterMain.class.getName(),
          store.toString(), Long.toString(k))
          .redirectOutput(out)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (out.length() == 0 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(rng.uniformLong(60));
      if (p.isAlive()) {
        killedMidRun++;
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      List<String> lines = Files.readAllLines(out.toPath(), StandardCharsets.US_ASCII);
      for (String line : lines) {
        String[] f = line.trim().split(" ");
        if (f.length != 3 || f[2].length() != 64) {
          continue; // the last line may be cut mid-write by the kill: not fully reported
        }
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
