// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.sim.run.AggregateChecker;
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
