// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.sim.run.AggregateChecker;
import io.gridveil.sim.run.FaultSpec;
import io.gridveil.sim.run.SimulationConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  /** The outcome of one invocation. */
  record Outcome(int code, String out, String err) {}

  static Outcome run(AggregateChecker checker, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new Main.Environment(checker, Drivers::create, false));
    return new Outcome(code, out.toString(), err.toString());
  }

  static Outcome run(String... args) {
    return run(AggregateChecker.strict(), args);
  }

  /** Asserts exit code 2 with exactly one line on stderr that contains the fragment. */
  static void assertUsage(Outcome o, String fragment) {
    assertEquals(ExitCodes.USAGE, o.code(), o.err());
    String err = o.err().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
    assertTrue(err.contains(fragment), err);
  }

  @Test
  void notANumber_exitsTwoNamingTheOption() {
    assertUsage(run("simulate", "--meters", "many"), "--meters");
  }

  @Test
  void unknownOption_exitsTwo() {
    assertUsage(run("simulate", "--colour", "blue"), "--colour");
  }

  @Test
  void unknownScheme_exitsTwo() {
    assertUsage(run("simulate", "--scheme", "rsa"), "'rsa'");
  }

  @Test
  void badFault_exitsTwoNamingTheFault() {
    assertUsage(run("simulate", "--faults", "drop=0.1,loss=1"), "unknown fault 'loss=1'");
    assertUsage(run("compare", "--faults", "drop=7"), "drop needs a probability");
  }

  @Test
  void minimumAboveTheGroupSize_exitsTwo() {
    assertUsage(run("simulate", "--meters", "10", "--groups", "2", "--min-group", "6"), "--min-group 6");
  }

  @Test
  void tooManyGroups_exitsTwo() {
    assertUsage(run("simulate", "--meters", "10", "--groups", "6"), "--groups");
  }

  @Test
  void badSigma_exitsTwo() {
    assertUsage(run("simulate", "--sigma", "0"), "--sigma");
  }

  @Test
  void missingDataFile_exitsTwo() {
    assertUsage(run("simulate", "--data", dir.resolve("nope.csv").toString()), "no such file");
  }

  @Test
  void malformedDataFile_exitsTwoNamingTheLine() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "timestamp,meter,watts\n0,a,100\n900,a,lots\n", StandardCharsets.UTF_8);
    Outcome o = run("simulate", "--data", f.toString(), "--rounds", "1");
    assertUsage(o, "SIM-D-04: " + f + " line 3: watts is not a decimal number");
  }

  @Test
  void malformedUciFile_exitsTwoNamingTheLine() throws Exception {
    Path f = dir.resolve("household_power_consumption.txt");
    Files.writeString(
        f,
        "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;Sub_metering_1;Sub_metering_2;Sub_metering_3\n"
            + "16/12/2006;17:24:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000\n"
            + "16/12/2006;17:25:00;5.360;0.436;233.630;23.000;0.000;1.000\n",
        StandardCharsets.UTF_8);
    assertUsage(run("simulate", "--data", f.toString()), "line 3: expected 9 fields");
  }

  @Test
  void uciDataBeyondOneDay_exitsTwo() throws Exception {
    Path f = dir.resolve("h.txt");
    Files.writeString(f, "Date;Time;Global_active_power\n", StandardCharsets.UTF_8);
    assertUsage(run("simulate", "--data", f.toString(), "--rounds", "200"), "at most 1440 minutes");
  }

  /** Asserts a usage refusal that came before any scheme ran (spec/sim.md §2.5). */
  static void assertRefusedBeforeRunning(Outcome o, String fragment) {
    assertUsage(o, fragment);
    assertFalse(o.out().contains("== "), "no scheme ran: " + o.out());
    assertFalse(o.out().contains("loads:"), "nothing was loaded: " + o.out());
  }

  @Test
  void twoMetersWithAllSchemes_exitsTwoBeforeAnySchemeRuns() {
    Outcome o = run("simulate", "--meters", "2", "--min-group", "2", "--scheme", "all", "--out", dir.toString());
    assertRefusedBeforeRunning(o, "--meters 2 --groups 1 gives a group of 2 meters, which ddh refuses (DDH-P-02");
    assertTrue(o.err().contains("--scheme all runs every scheme"), o.err());
    assertFalse(Files.exists(dir.resolve("report.json")));
  }

  @Test
  void twoMetersWithDdh_exitsTwoNamingTheLimit() {
    assertRefusedBeforeRunning(
        run("simulate", "--meters", "2", "--min-group", "2", "--scheme", "ddh"),
        "which ddh refuses (DDH-P-02: n_max must be at least 3)");
  }

  @Test
  void smallestGroupBelowTheDdhRoster_exitsTwoNamingTheGroupSize() {
    assertRefusedBeforeRunning(
        run("simulate", "--meters", "5", "--groups", "2", "--min-group", "2", "--scheme", "ddh"),
        "--meters 5 --groups 2 gives a group of 2 meters, which ddh refuses (DDH-V-04: roster needs 3..n_max");
  }

  @Test
  void compareWithTwoMeters_isRefusedWithAPointerToSimulate() {
    assertRefusedBeforeRunning(
        run("compare", "--meters", "2", "--min-group", "2"),
        "compare runs every scheme: run the others with simulate --scheme");
  }

  @Test
  void badPaillierBitsWithAllSchemes_exitsTwoBeforeCmtRuns() {
    assertRefusedBeforeRunning(
        run("simulate", "--scheme", "all", "--paillier-bits", "1024"),
        "--paillier-bits 1024: blinding needs 2048 or 3072");
  }

  @Test
  void intervalNotDividingADayWithAllSchemes_exitsTwoBeforeCmtRuns() {
    assertRefusedBeforeRunning(
        run("simulate", "--scheme", "all", "--interval", "7"),
        "--interval 7: distortion needs a round length that divides 1440 minutes");
  }

  @Test
  void outIsAnExistingFile_exitsTwoBeforeTheRun() throws Exception {
    Path f = dir.resolve("taken");
    Files.writeString(f, "x", StandardCharsets.UTF_8);
    assertRefusedBeforeRunning(run("simulate", "--out", f.toString()), "--out " + f + ": exists and is not a directory");
    assertRefusedBeforeRunning(
        run("simulate", "--out", f.resolve("sub").toString()), f + " is not a directory");
    assertEquals("x", Files.readString(f, StandardCharsets.UTF_8));
  }

  @Test
  void outIsAnExistingFile_attackExitsTwo() throws Exception {
    Path f = dir.resolve("taken");
    Files.writeString(f, "x", StandardCharsets.UTF_8);
    assertUsage(run("attack", "--out", f.toString()), "exists and is not a directory");
  }

  @Test
  void concentratorFailurePastTheLastRound_exitsTwo() {
    assertRefusedBeforeRunning(
        run("simulate", "--rounds", "4", "--faults", "lc-fail=4"),
        "--faults lc-fail=4 is past the last round (3; rounds are numbered from 0)");
  }

  @Test
  void absurdMeterCount_exitsTwoNamingTheLimit() {
    assertRefusedBeforeRunning(
        run("simulate", "--meters", "2147483647", "--groups", "1"), "--meters must be between 2 and 1000000");
  }

  @Test
  void absurdRoundCount_exitsTwoNamingTheLimit() {
    assertRefusedBeforeRunning(
        run("simulate", "--rounds", "2147483647"), "--rounds must be between 1 and 35136");
  }

  @Test
  void groupAboveTheLimit_exitsTwoNamingTheGroupsNeeded() {
    assertRefusedBeforeRunning(
        run("simulate", "--meters", "20001", "--groups", "1", "--min-group", "2"),
        "a group may hold at most 10000 (spec/sim.md §4.6): use --groups 3 or more");
  }

  @Test
  void groupReadingsAboveTheLimit_exitsTwo() {
    assertRefusedBeforeRunning(
        run("simulate", "--meters", "10000", "--groups", "1", "--rounds", "2000"),
        "holds 20000000 readings per group; at most 16777216");
  }

  @Test
  void atTheLimits_theSettingsAreAccepted() {
    assertEquals(
        35_136,
        new SimulationConfig(2, 1, 35_136, 15, 1, FaultSpec.NONE, 2).rounds());
    assertEquals(
        1_000_000,
        new SimulationConfig(1_000_000, 100, 96, 15, 1, FaultSpec.NONE, 5).meters());
  }

  @Test
  void unknownSubcommand_exitsTwo() {
    assertUsage(run("frobnicate"), "frobnicate");
  }

  @Test
  void noSubcommand_exitsTwo() {
    assertUsage(run(), "missing subcommand");
  }

  @Test
  void help_exitsZeroAndListsTheOptions() {
    Outcome o = run("simulate", "--help");
    assertEquals(ExitCodes.OK, o.code());
    for (String option : new String[] {"--scheme", "--meters", "--groups", "--rounds", "--interval",
        "--seed", "--faults", "--min-group", "--data", "--out"}) {
      assertTrue(o.out().contains(option), option);
    }
  }
}
