// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static io.gridveil.sim.SimulateCmtTest.integer;
import static io.gridveil.sim.SimulateCmtTest.longs;
import static io.gridveil.sim.SimulateCmtTest.object;
import static io.gridveil.sim.SimulateCmtTest.onlyRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.sim.report.SvgAccess;
import io.gridveil.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SimulateSchemesTest {
  @TempDir Path dir;

  private static final List<Long> TRUTH = List.of(900L, 980L, 1060L, 1140L, 1220L, 1300L);

  private Map<String, Object> simulate(String scheme, String faults) throws Exception {
    Path out = dir.resolve("out-" + scheme);
    MainTest.Outcome o =
        MainTest.run("simulate", "--scheme", scheme, "--data", SimulateCmtTest.eightMeters(dir, 6).toString(),
            "--meters", "8", "--rounds", "6", "--min-group", "3", "--seed", "3", "--faults", faults,
            "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err() + o.out());
    Map<String, Object> run = onlyRun(out);
    assertEquals(scheme, run.get("scheme"));
    assertEquals(TRUTH, longs(object(run, "series"), "truthWh"));
    return run;
  }

  @Test
  void blinding_noFaults_everyRoundExact() throws Exception {
    Map<String, Object> run = simulate("blinding", "none");
    assertEquals(6, integer(object(run, "rounds"), "exact"));
    assertEquals(TRUTH, longs(object(run, "series"), "aggregateWh"));
    assertTrue(object(object(run, "cost"), "roles").containsKey("trusted-third-party"));
  }

  @Test
  void blinding_failingMeters_recoveredThroughTheTtp() throws Exception {
    Map<String, Object> rounds = object(simulate("blinding", "fail=0.2"), "rounds");
    assertTrue(integer(rounds, "recovered") > 0, rounds.toString());
    assertEquals(6, integer(rounds, "exact") + integer(rounds, "recovered") + integer(rounds, "void"));
  }

  @Test
  void ddh_noFaults_everyRoundExact() throws Exception {
    Map<String, Object> run = simulate("ddh", "none");
    assertEquals(6, integer(object(run, "rounds"), "exact"));
    assertEquals(TRUTH, longs(object(run, "series"), "aggregateWh"));
  }

  @Test
  void ddh_failingMetersAndNetworkFaults_recoversByPadReveal() throws Exception {
    Map<String, Object> rounds = object(simulate("ddh", "fail=0.2,duplicate=0.1,delay=0.2:2,reorder"), "rounds");
    assertTrue(integer(rounds, "recovered") > 0, rounds.toString());
  }

  @Test
  void psa_noFaults_everyRoundExact() throws Exception {
    Map<String, Object> run = simulate("psa", "none");
    assertEquals(6, integer(object(run, "rounds"), "exact"));
    assertEquals(TRUTH, longs(object(run, "series"), "aggregateWh"));
  }

  @Test
  void psa_failingMeters_voidsWithoutRecovery() throws Exception {
    Map<String, Object> rounds = object(simulate("psa", "fail=0.2"), "rounds");
    assertTrue(integer(rounds, "void") > 0, rounds.toString());
    assertEquals(0, integer(rounds, "recovered"));
  }

  @Test
  void distortion_billsExactAndPlotsHoldTheirSeries() throws Exception {
    Map<String, Object> run = simulate("distortion", "fail=0.1");
    // Cycle 0 is rounds 0 to 2; every meter up in round 3 or later closed it and was billed.
    assertTrue(integer(run, "billsChecked") > 0);
    @SuppressWarnings("unchecked")
    List<Object> metrics = (List<Object>) object(run, "leakage").get("metrics");
    assertTrue(metrics.toString().contains("EF/TF after non-local means"), metrics.toString());
    assertTrue(metrics.toString().contains("EF/TF under the battery model"), metrics.toString());
    Path out = dir.resolve("out-distortion");
    Document h = SvgAccess.parse(Files.readString(out.resolve("household-distortion.svg"), StandardCharsets.UTF_8));
    assertEquals(List.of(6), SvgAccess.points(h, "true"));
    assertEquals(List.of(6), SvgAccess.points(h, "distorted"));
    assertEquals(List.of(6), SvgAccess.points(h, "denoised"));
    Document d = SvgAccess.parse(Files.readString(out.resolve("distribution-distortion.svg"), StandardCharsets.UTF_8));
    assertEquals(List.of(40), SvgAccess.points(d, "true"));
    assertEquals(List.of(40), SvgAccess.points(d, "distorted"));
    assertEquals(List.of(40), SvgAccess.points(d, "reconstructed"));
    Document a = SvgAccess.parse(Files.readString(out.resolve("aggregate-distortion.svg"), StandardCharsets.UTF_8));
    assertEquals(List.of(6), SvgAccess.points(a, "estimate"));
  }

  @Test
  void distortion_wrongBill_exitsThree() throws Exception {
    MainTest.Outcome o =
        MainTest.run(new io.gridveil.sim.run.AggregateChecker(v -> v + 1),
            "simulate", "--scheme", "distortion", "--data", SimulateCmtTest.eightMeters(dir, 6).toString(),
            "--meters", "8", "--rounds", "6", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.WRONG_AGGREGATE, o.code(), o.out());
    assertTrue(o.err().strip().startsWith("gridveil: WRONG BILL (scheme distortion, group g-000000, meter 0)"), o.err());
  }

  @Test
  void ddh_wrongAggregate_exitsThree() throws Exception {
    MainTest.Outcome o =
        MainTest.run(new io.gridveil.sim.run.AggregateChecker(v -> v - 1),
            "simulate", "--scheme", "ddh", "--data", SimulateCmtTest.eightMeters(dir, 6).toString(),
            "--meters", "8", "--rounds", "6", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.WRONG_AGGREGATE, o.code(), o.out());
    assertTrue(o.err().strip().startsWith("gridveil: WRONG AGGREGATE (scheme ddh, group g-000000, round 0)"), o.err());
  }

  @Test
  void synthetic_defaultSchemeWithoutData_runs() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--meters", "10", "--rounds", "4", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    assertTrue(o.out().contains("synthetic appliance-level households"), o.out());
    assertEquals(4, integer(object(onlyRun(out), "rounds"), "exact"));
  }

  @Test
  void compare_everySchemeOnTheSameHouseholds_oneTable() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("compare", "--data", SimulateCmtTest.eightMeters(dir, 4).toString(), "--meters", "8",
            "--rounds", "4", "--min-group", "3", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    for (String s : new String[] {"cmt ", "blinding ", "ddh ", "psa ", "distortion "}) {
      assertTrue(o.out().contains("\n" + s), s + " in " + o.out());
    }
    assertFalse(o.out().contains("== cmt"), "compare prints one table, not the summaries");
    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>) Json.parse(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
    assertEquals("compare", report.get("command"));
    assertEquals(5, ((List<?>) report.get("runs")).size());
  }

  @Test
  void attack_onAFileHousehold_printsEfTfAndWritesThePlot() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("attack", "--data", SimulateCmtTest.eightMeters(dir, 6).toString(), "--rounds", "6",
            "--household", "2", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    assertTrue(o.out().contains("EF/TF after non-local means"), o.out());
    assertTrue(o.out().contains("EF/TF under the battery model"), o.out());
    Document a = SvgAccess.parse(Files.readString(out.resolve("attack.svg"), StandardCharsets.UTF_8));
    assertEquals(List.of(6), SvgAccess.points(a, "true"));
    assertEquals(List.of(6), SvgAccess.points(a, "denoised"));
  }

  @Test
  void attack_householdBeyondTheData_exitsTwo() throws Exception {
    MainTest.assertUsage(
        MainTest.run("attack", "--data", SimulateCmtTest.eightMeters(dir, 6).toString(), "--rounds", "6",
            "--household", "8", "--out", dir.resolve("out").toString()),
        "the data holds 8 households");
  }
}
