// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class UciCsvReaderTest {
  private static final String HEADER =
      "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;"
          + "Sub_metering_1;Sub_metering_2;Sub_metering_3\n";

  private static String row(String date, String time, String kw) {
    return date + ";" + time + ";" + kw + ";0.100;240.00;5.000;0.000;1.000;17.000\n";
  }

  private static LoadSet read(String text, int interval, int rounds) throws Exception {
    return new UciCsvReader(interval, rounds)
        .read(new BufferedReader(new StringReader(text)), "h.txt");
  }

  @Test
  void read_twoDaysOfHourlyRounds_givesOneHouseholdPerDay() throws Exception {
    // Rounds of 60 minutes, 2 rounds. Day 1: 1.2 kW and 0.6 kW in minute 0 of each hour, one
    // present minute per round -> mean power times 60 min: 1200 Wh and 600 Wh.
    // Day 2 round 0: minutes 0 and 1 at 3.000 and 1.000 kW -> mean 2 kW -> 2000 Wh; a '?' minute
    // is ignored; round 1: 0.030 kW -> 30 Wh.
    String text =
        HEADER
            + row("16/12/2006", "00:00:00", "1.200")
            + row("16/12/2006", "01:00:00", "0.600")
            + row("17/12/2006", "00:00:00", "3.000")
            + row("17/12/2006", "00:01:00", "1.000")
            + row("17/12/2006", "00:02:00", "?")
            + row("17/12/2006", "01:30:00", "0.030");
    LoadSet set = read(text, 60, 2);
    assertEquals(2, set.households());
    long[] t = new long[2];
    set.trace(0, t);
    assertArrayEquals(new long[] {1200, 600}, t);
    set.trace(1, t);
    assertArrayEquals(new long[] {2000, 30}, t);
    assertTrue(set.describe().contains("2 household-days"));
  }

  @Test
  void read_dayMissingARound_isSkipped() throws Exception {
    String text =
        HEADER
            + row("1/1/2007", "00:00:00", "1.000")
            + row("1/1/2007", "01:00:00", "1.000")
            + row("2/1/2007", "00:00:00", "1.000")
            + row("2/1/2007", "01:00:00", "?");
    LoadSet set = read(text, 60, 2);
    assertEquals(1, set.households());
    assertTrue(set.describe().contains("1 day lacking data for a round skipped"));
  }

  @Test
  void read_wrongHeader_failsOnLine1() {
    DataFormatException e =
        (DataFormatException)
            assertViolation("SIM-D-01", () -> read("timestamp,meter,watts\n", 60, 2));
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("h.txt line 1"), e.getMessage());
  }

  @Test
  void read_shortLine_failsNamingTheLine() {
    String text = HEADER + row("1/1/2007", "00:00:00", "1.0") + "1/1/2007;00:01:00;1.0\n";
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-02", () -> read(text, 60, 2));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("h.txt line 3: expected 9 fields"), e.getMessage());
  }

  @Test
  void read_badDate_failsNamingTheLine() {
    String text = HEADER + row("31/2/2007", "00:00:00", "1.0");
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-03", () -> read(text, 60, 2));
    assertEquals(2, e.line());
  }

  @Test
  void read_badTime_failsNamingTheLine() {
    String text = HEADER + row("1/2/2007", "25:00:00", "1.0");
    assertViolation("SIM-D-03", () -> read(text, 60, 2));
  }

  @Test
  void read_notANumber_failsNamingTheLine() {
    String text = HEADER + row("1/2/2007", "00:00:00", "1.0") + row("1/2/2007", "00:01:00", "abc");
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-04", () -> read(text, 60, 2));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("Global_active_power is not a decimal number"));
  }

  @Test
  void read_nanOrHex_isNotADecimal() {
    assertViolation("SIM-D-04", () -> read(HEADER + row("1/2/2007", "00:00:00", "NaN"), 60, 2));
    assertViolation("SIM-D-04", () -> read(HEADER + row("1/2/2007", "00:00:00", "0x1p3"), 60, 2));
  }

  @Test
  void read_exponent_isNotAPlainDecimal() {
    assertViolation("SIM-D-04", () -> read(HEADER + row("1/2/2007", "00:00:00", "1e-3"), 60, 2));
  }

  @Test
  void read_surroundingWhitespace_isRefused() {
    DataFormatException e =
        (DataFormatException)
            assertViolation("SIM-D-09", () -> read(HEADER + row("1/2/2007", "00:00:00", " 1.0"), 60, 2));
    assertEquals(2, e.line());
  }

  @Test
  void read_nulByte_isRefused() {
    DataFormatException e =
        (DataFormatException)
            assertViolation("SIM-D-10", () -> read(HEADER + row("1/2/2007", "00:00:00", "1.0\u0000"), 60, 2));
    assertEquals(2, e.line());
  }

  @Test
  void read_emptyFile_failsOnTheHeader() {
    assertViolation("SIM-D-01", () -> read("", 60, 2));
  }

  @Test
  void read_negativePower_isRefused() {
    assertViolation("SIM-D-05", () -> read(HEADER + row("1/2/2007", "00:00:00", "-0.5"), 60, 2));
  }

  @Test
  void read_powerAboveFiftyKilowatts_isRefused() {
    assertViolation("SIM-D-05", () -> read(HEADER + row("1/2/2007", "00:00:00", "50.001"), 60, 2));
  }

  @Test
  void read_repeatedMinute_failsNamingTheSecondLine() {
    String text = HEADER + row("1/2/2007", "00:00:00", "1.0") + row("1/2/2007", "00:00:00", "1.0");
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-07", () -> read(text, 60, 2));
    assertEquals(3, e.line());
  }

  @Test
  void read_noCompleteDay_isRefused() {
    String text = HEADER + row("1/2/2007", "00:00:00", "1.0");
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-08", () -> read(text, 60, 2));
    assertEquals(0, e.line());
  }
}
