// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static io.gridveil.sim.SimulateCmtTest.integer;
import static io.gridveil.sim.SimulateCmtTest.longs;
import static io.gridveil.sim.SimulateCmtTest.object;
import static io.gridveil.sim.SimulateCmtTest.onlyRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delay fault in simulated time (spec/sim.md §2.2, §4.2; issue 17 item 5): frames held back
 * past a round's deadline tick are late, and each scheme's own rules apply to them.
 */
class DelayFaultTest {
  @TempDir Path dir;

  private static final List<Long> TRUTH = List.of(900L, 980L, 1060L, 1140L, 1220L, 1300L);

  private Map<String, Object> simulate(String scheme, String faults) throws Exception {
    Path out = dir.resolve("out-" + scheme + "-" + faults.replace(':', '_'));
    MainTest.Outcome o =
        MainTest.run("simulate", "--scheme", scheme, "--data", SimulateCmtTest.eightMeters(dir, 6).toString(),
            "--meters", "8", "--rounds", "6", "--min-group", "3", "--seed", "3", "--faults", faults,
            "--out", out.toString());
    // Exit 0: the run terminated and the checker found every exact aggregate equal to its truth.
    assertEquals(ExitCodes.OK, o.code(), o.err() + o.out());
    return onlyRun(out);
  }

  @SuppressWarnings("unchecked")
  private static long lateProblems(Map<String, Object> run) {
    long n = 0;
    for (Map<String, Object> r : (List<Map<String, Object>>) run.get("refusals")) {
      if (r.get("class").equals("problem")) {
        n += integer(r, "count");
      }
    }
    return n;
  }

  @Test
  void aggregatingSchemes_framesDelayedPastTheDeadline_missAndAreRecoveredOrVoidNeverWrong()
      throws Exception {
    for (String scheme : new String[] {"cmt", "blinding", "ddh", "psa"}) {
      Map<String, Object> run = simulate(scheme, "delay=0.3:12");
      Map<String, Object> rounds = object(run, "rounds");
      assertTrue(integer(object(run, "network"), "delayed") > 0, scheme);
      // Fault-free, all 6 rounds are exact (SimulateSchemesTest); here late contributions are
      // missing: those rounds are recovered or void.
      assertTrue(integer(rounds, "exact") < 6, scheme + ": " + rounds);
      assertEquals(6, integer(rounds, "exact") + integer(rounds, "recovered") + integer(rounds, "void"));
      assertEquals(integer(rounds, "exact") + integer(rounds, "recovered"), integer(run, "aggregatesChecked"));
      assertTrue(lateProblems(run) > 0, scheme + ": late frames are refused as problems");
      assertEquals(TRUTH, longs(object(run, "series"), "truthWh"));
    }
  }

  @Test
  void distortion_readingsDelayedPastTheDeadline_areRefusedLateAndMissFromTheEstimate()
      throws Exception {
    Map<String, Object> clean = simulate("distortion", "none");
    Map<String, Object> late = simulate("distortion", "delay=0.3:12");
    assertTrue(lateProblems(late) > 0, late.get("refusals").toString());
    assertTrue(late.get("refusals").toString().contains("SIM-R-01"), late.get("refusals").toString());
    assertNotEquals(object(clean, "series").get("estimateWh"), object(late, "series").get("estimateWh"));
    // The bills are on the meters: every one still checks exact.
    assertEquals(integer(clean, "billsChecked"), integer(late, "billsChecked"));
  }

  @Test
  void delayBeyondTheDocumentedRange_exitsTwoBeforeRunning() {
    MainTest.assertUsage(
        MainTest.run("simulate", "--faults", "delay=0.5:100000", "--out", dir.resolve("out").toString()),
        "delay ticks need a whole number from 1 to 16");
  }
}
