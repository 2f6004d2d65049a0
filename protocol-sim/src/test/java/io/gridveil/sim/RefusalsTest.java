// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static io.gridveil.sim.SimulateCmtTest.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals classified expected or problem, end to end (spec/sim.md §4.7, §5.4; issue 17 item 4). */
class RefusalsTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> runs(Path out) throws Exception {
    Map<String, Object> report =
        (Map<String, Object>) Json.parse(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
    return (List<Map<String, Object>>) report.get("runs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> refusals(Map<String, Object> run) {
    return (List<Map<String, Object>>) run.get("refusals");
  }

  private static long count(Map<String, Object> run, String checkId, String type, String role, String cls) {
    for (Map<String, Object> r : refusals(run)) {
      if (r.get("checkId").equals(checkId) && r.get("messageType").equals(type)
          && r.get("role").equals(role)) {
        assertEquals(cls, r.get("class"), r.toString());
        return integer(r, "count");
      }
    }
    return 0;
  }

  private static long problems(Map<String, Object> run) {
    long n = 0;
    for (Map<String, Object> r : refusals(run)) {
      if (r.get("class").equals("problem")) {
        n += integer(r, "count");
      }
    }
    return n;
  }

  /**
   * A default-size group (100 meters, the default of §2.1) of every scheme, fault-free: no
   * problem at all. The rounds are cut to 4: the expected refusals all come from set-up, and a
   * round's traffic is the same in every round.
   */
  @Test
  void everyScheme_noFaultsDefaultGroupSize_hasNoProblemRefusals() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o = MainTest.run("simulate", "--scheme", "all", "--rounds", "4", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    List<Map<String, Object>> runs = runs(out);
    assertEquals(5, runs.size());
    for (Map<String, Object> run : runs) {
      assertEquals(0, problems(run), run.get("scheme") + ": " + refusals(run));
    }
    assertFalse(o.out().contains("PROBLEM"), o.out());
  }

  @Test
  void cmt_noFaults_setUpBroadcastsAreExpectedAndSummarisedOnOneLine() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o = MainTest.run("simulate", "--rounds", "2", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    Map<String, Object> run = runs(out).get(0);
    // 99 joining meters broadcast LcDiscovery; the 98 other members refuse each (issue 17: 9702).
    assertEquals(99L * 98, count(run, "CMT-S-06", "LcDiscovery", "meter", "expected"));
    // Meter 0's 3 unanswered discoveries and its announcement reach the 99 meters not yet started.
    assertEquals(3L * 99, count(run, "AUTH-V-13", "LcDiscovery", "meter", "expected"));
    assertEquals(99L, count(run, "AUTH-V-13", "LcAnnouncement", "meter", "expected"));
    assertTrue(count(run, "AUTH-V-13", "ReRegister", "meter", "expected") > 0);
    assertEquals(0, problems(run));
    for (Map<String, Object> r : refusals(run)) {
      assertFalse(((String) r.get("reason")).isEmpty(), r.toString());
    }
    long expected = refusals(run).stream().mapToLong(r -> integer(r, "count")).sum();
    assertTrue(o.out().contains("\n  " + expected
        + " expected refusals of broadcasts not meant for the receiver (see report)\n"), o.out());
    assertFalse(o.out().contains("refused inbound messages"), o.out());
  }

  @Test
  void cmtAndDdh_duplicates_showAsProblems() throws Exception {
    for (String scheme : new String[] {"cmt", "ddh"}) {
      Path out = dir.resolve("out-" + scheme);
      MainTest.Outcome o =
          MainTest.run("simulate", "--scheme", scheme, "--data", SimulateCmtTest.eightMeters(dir, 4).toString(),
              "--meters", "8", "--rounds", "4", "--min-group", "3", "--faults", "duplicate=0.3",
              "--out", out.toString());
      assertEquals(ExitCodes.OK, o.code(), o.err());
      Map<String, Object> run = runs(out).get(0);
      assertTrue(problems(run) > 0, scheme + ": " + refusals(run));
      for (Map<String, Object> r : refusals(run)) {
        if (r.get("class").equals("problem")) {
          assertEquals("", r.get("reason"), r.toString());
        }
      }
      assertTrue(o.out().contains("  PROBLEM refused inbound messages: ("), o.out());
    }
  }
}
