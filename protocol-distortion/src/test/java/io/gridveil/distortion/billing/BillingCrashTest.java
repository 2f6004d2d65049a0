// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    FileBillingStore store = new FileBillingStore(dir, BillingWriterMain.PLAN);
    long lastReported = -1;
    int killedMidRun = 0;
    for (int k = 0; k < KILLS; k++) {
      File out = dir.resolve("out-" + k + ".txt").toFile();
      Process p =
          new ProcessBuilder(
                  java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                  System.getProperty("java.class.path"),
                  BillingWriterMain.class.getName(), dir.toString())
              .redirectOutput(out)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
        if (!line.isBlank()) {
          try {
            lastReported = Math.max(lastReported, Long.parseLong(line.trim()));
          } catch (NumberFormatException torn) {
            // the last line may be cut mid-write by the kill; it was not fully reported
          }
        }
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
