// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.KillAtRandom;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec/runtime.md §6.7 for the file store with a toy workload: a child JVM commits an increasing
 * counter and prints each counter after its commit; the parent kills it with SIGKILL at seeded
 * random instants (48 kills by default, {@code -Dcrash.kills}, {@code -Dcrash.seed}) and checks
 * that the store loads (no RT-S check fails) and holds the last released commit or the one in
 * flight, with the outbox of that commit.
 */
class StoreCrashTest {
  private static final int KILLS = Math.max(1, Integer.getInteger("crash.kills", 48));
  private static final long SEED = Long.getLong("crash.seed", 2026L);

  @Test
  void writerKilledAtRandomInstants_storeHoldsLastReleasedOrInFlightCommit(@TempDir Path dir)
      throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(SEED);
    Path storeDir = dir.resolve("store");
    long lastReported = -1;
    int killedMidRun = 0;
    for (int k = 0; k < KILLS; k++) {
      KillAtRandom.Run run = KillAtRandom.once(StoreCrashWriterMain.class,
          dir.resolve("out-" + k + ".txt"), rng, 2, storeDir.toString());
      if (run.killedWhileRunning()) {
        killedMidRun++;
      }
      for (String line : run.lines()) {
        lastReported = Math.max(lastReported, Long.parseLong(line));
      }
      try (RoleStore store = RoleStore.file(storeDir, StoreCrashWriterMain.key())) {
        StoredState s = store.load(StoreCrashWriterMain.OWNER).orElseThrow();
        long n = StoreCrashWriterMain.decode(s.section("counter").orElseThrow());
        assertTrue(n >= lastReported, "a released commit was lost: " + n + " < " + lastReported);
        assertTrue(n <= lastReported + 1, "more than the in-flight commit survived");
        assertEquals(n, s.sequence(), "one commit per counter value");
        assertEquals(n, StoreCrashWriterMain.decode(s.outbox()), "the outbox of that commit");
        lastReported = n;
      }
    }
    assertTrue(killedMidRun >= KILLS - 2, "the writer must be killed while running");
    assertTrue(lastReported > KILLS, "the writer made progress");
  }
}
