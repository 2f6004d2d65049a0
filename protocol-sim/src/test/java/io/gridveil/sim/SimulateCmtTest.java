// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.sim.run.AggregateChecker;
import io.gridveil.testkit.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SimulateCmtTest {
  @TempDir Path dir;

  /**
   * Writes 8 meters with w_ij = 100 (i + 1) + 40 j watts held through 15-minute round j, so
   * e_ij = w_ij / 4 Wh and the true total is 900 + 80 j Wh (by hand: 100 * 36 / 4 + 8 * 10 j).
   */
  static Path eightMeters(Path dir, int rounds) throws Exception {
    StringBuilder b = new StringBuilder("timestamp,meter,watts\n");
    for (int j = 0; j < rounds; j++) {
      for (int i = 0; i < 8; i++) {
        b.append(j * 900).append(",m").append(i).append(',').append(100 * (i + 1) + 40 * j).append('\n');
      }
    }
    Path f = dir.resolve("eight.csv");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    return f;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyRun(Path out) throws Exception {
    Map<String, Object> report =
        (Map<String, Object>) Json.parse(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
    assertEquals("gridveil-sim-report", report.get("format"));
    assertEquals(BigInteger.ONE, report.get("version"));
    List<Object> runs = (List<Object>) report.get("runs");
    assertEquals(1, runs.size());
    return (Map<String, Object>) runs.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  static long integer(Map<String, Object> m, String key) {
    return ((BigInteger) m.get(key)).longValueExact();
  }

  @SuppressWarnings("unchecked")
  static List<Long> longs(Map<String, Object> m, String key) {
    List<Long> out = new ArrayList<>();
    for (Object o : (List<Object>) m.get(key)) {
      out.add(((BigInteger) o).longValueExact());
    }
    return out;
  }

  @Test
  void cmt_noFaults_everyRoundExactAndEqualToTheTruth() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", eightMeters(dir, 6).toString(), "--meters", "8",
            "--rounds", "6", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    assertTrue(o.out().contains("6 exact, 0 recovered (0 meters recovered), 0 void"), o.out());
    Map<String, Object> run = onlyRun(out);
    assertEquals("cmt", run.get("scheme"));
    Map<String, Object> rounds = object(run, "rounds");
    assertEquals(6, integer(rounds, "groupRounds"));
    assertEquals(6, integer(rounds, "exact"));
    assertEquals(0, integer(rounds, "void"));
    assertEquals(6, integer(run, "aggregatesChecked"));
    Map<String, Object> series = object(run, "series");
    List<Long> expected = List.of(900L, 980L, 1060L, 1140L, 1220L, 1300L);
    assertEquals(expected, longs(series, "truthWh"));
    assertEquals(expected, longs(series, "aggregateWh"));
    assertTrue(integer(object(object(object(run, "cost"), "roles"), "meter"), "messages") > 0);
    Document svg =
        io.gridveil.sim.report.SvgAccess.parse(Files.readString(out.resolve("aggregate-cmt.svg"), StandardCharsets.UTF_8));
    assertEquals(List.of(6), io.gridveil.sim.report.SvgAccess.points(svg, "truth"));
    assertEquals(List.of(6), io.gridveil.sim.report.SvgAccess.points(svg, "aggregate"));
  }

  @Test
  void cmt_failingMetersAndNetworkFaults_voidsButNeverAWrongSum() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", eightMeters(dir, 8).toString(), "--meters", "8",
            "--rounds", "8", "--min-group", "3", "--seed", "5",
            "--faults", "fail=0.1,duplicate=0.1,delay=0.2:3,reorder", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    Map<String, Object> run = onlyRun(out);
    Map<String, Object> rounds = object(run, "rounds");
    assertEquals(8, integer(rounds, "exact") + integer(rounds, "recovered") + integer(rounds, "void"));
    assertTrue(integer(rounds, "void") > 0, "a failed meter voids its round: " + o.out());
    assertTrue(integer(rounds, "exact") > 0, "the LC re-keys and later rounds are exact: " + o.out());
    Map<String, Object> network = object(run, "network");
    assertTrue(integer(network, "duplicated") > 0);
  }

  @Test
  void cmt_lostFrames_voidRoundsAndRecovers() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", eightMeters(dir, 8).toString(), "--meters", "8",
            "--rounds", "8", "--min-group", "3", "--faults", "drop=0.03", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    Map<String, Object> network = object(onlyRun(out), "network");
    assertTrue(integer(network, "dropped") > 0);
  }

  @Test
  void cmt_concentratorFailure_voidsFromTheFailureNeverAWrongSum() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", eightMeters(dir, 8).toString(), "--meters", "8",
            "--rounds", "8", "--faults", "lc-fail=2", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    Map<String, Object> rounds = object(onlyRun(out), "rounds");
    // Rounds 0 and 1 are exact; in round 2 the LC is down, so the round is void. It restarts as an
    // ordinary meter; the members' LC timeout (spec/sim.md §4.2, spec/cmt.md §3.8 step 3) makes
    // them discover again, a new LC keys the group, and rounds 3 to 7 are exact again.
    assertEquals(7, integer(rounds, "exact"), o.out());
    assertEquals(1, integer(rounds, "void"), o.out());
  }

  @Test
  void cmt_uciData_metersReplayHouseholdDays() throws Exception {
    // Two days, 60-minute rounds, one minute per round: day 1 at 1.2 kW and 0.6 kW, day 2 at
    // 3 kW and 0.03 kW, so e = 1200, 600 and 3000, 30 Wh. Six meters replay days 1, 2, 1, 2, 1, 2:
    // the totals are 3 * 4200 = 12600 and 3 * 630 = 1890 Wh.
    String header =
        "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;"
            + "Sub_metering_1;Sub_metering_2;Sub_metering_3\n";
    String text =
        header
            + "1/2/2007;00:00:00;1.200;0;240;5;0;0;0\n"
            + "1/2/2007;01:00:00;0.600;0;240;5;0;0;0\n"
            + "2/2/2007;00:00:00;3.000;0;240;5;0;0;0\n"
            + "2/2/2007;01:00:00;0.030;0;240;5;0;0;0\n";
    Path f = dir.resolve("household_power_consumption.txt");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", f.toString(), "--meters", "6", "--rounds", "2",
            "--interval", "60", "--min-group", "3", "--out", out.toString());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    Map<String, Object> series = object(onlyRun(out), "series");
    assertEquals(List.of(12600L, 1890L), longs(series, "truthWh"));
    assertEquals(List.of(12600L, 1890L), longs(series, "aggregateWh"));
  }

  @Test
  void wrongAggregate_exitsThreeWithOneLine() throws Exception {
    MainTest.Outcome o =
        MainTest.run(
            new AggregateChecker(sum -> sum + 1),
            "simulate", "--data", eightMeters(dir, 4).toString(), "--meters", "8", "--rounds", "4",
            "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.WRONG_AGGREGATE, o.code());
    String err = o.err().strip();
    assertTrue(err.startsWith("gridveil: WRONG AGGREGATE (scheme cmt, group g-000000, round 0)"), err);
    assertTrue(!err.contains("\n"), err);
  }
}
