// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wording of the terminal summary (spec/sim.md §5.1), on small real runs. */
class SummaryWordingTest {
  @TempDir Path dir;

  private MainTest.Outcome simulate(String... extra) {
    String[] base = {"simulate", "--meters", "2", "--groups", "1", "--min-group", "2", "--rounds", "1",
        "--out", dir.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    MainTest.Outcome o = MainTest.run(args);
    assertEquals(ExitCodes.OK, o.code(), o.err());
    return o;
  }

  @Test
  void oneGroupOneRound_areSingular() {
    MainTest.Outcome o = simulate("--scheme", "psa");
    assertTrue(o.out().contains("== psa: 2 meters in 1 group, 1 round of 15 min"), o.out());
    assertTrue(o.out().contains("rounds: 1 group-round: 1 exact"), o.out());
    assertTrue(o.out().contains("check: the 1 aggregate equals the plaintext sum"), o.out());
    assertFalse(o.out().contains("1 groups") || o.out().contains("1 rounds"), o.out());
  }

  @Test
  void allVoidRun_saysThereWasNothingToCheck() {
    MainTest.Outcome o = simulate("--scheme", "psa", "--faults", "fail=1");
    assertTrue(o.out().contains("0 exact, 0 recovered (0 meters recovered), 1 void"), o.out());
    assertTrue(o.out().contains("check: no aggregate to check (every group-round was void)"), o.out());
    assertFalse(o.out().contains("every one of the 0"), o.out());
  }

  @Test
  void cpuByRole_isInTheFixedRoleOrder() {
    MainTest.Outcome o = simulate("--scheme", "cmt");
    String line =
        o.out().lines().filter(l -> l.contains("CPU by role:")).findFirst().orElseThrow();
    int meter = line.indexOf(" meter ");
    int lc = line.indexOf(" local-concentrator ");
    int supplier = line.indexOf(" supplier ");
    assertTrue(meter > 0 && lc > meter && supplier > lc, line);
  }
}
