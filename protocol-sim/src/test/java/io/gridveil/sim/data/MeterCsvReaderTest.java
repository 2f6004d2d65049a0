// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MeterCsvReaderTest {
  private static LoadSet read(String text, int interval, int rounds) throws Exception {
    return new MeterCsvReader(interval, rounds)
        .read(new BufferedReader(new StringReader(text)), "m.csv");
  }

  @Test
  void read_stepFunction_integratesPerRound() throws Exception {
    // 15-minute rounds from t0 = 00:00. Meter a: 400 W from 00:00, 800 W from 00:10, 0 W from
    // 00:30. Round 0 = 10 min at 400 W + 5 min at 800 W = 66.67 + 66.67 = 133.33 -> 133 Wh.
    // Round 1 = 15 min at 800 W = 200 Wh. Round 2 = 0 Wh.
    // Meter b: first sample at 00:20 (1200 W), held back to t0: rounds 0-2 = 300 Wh each.
    String text =
        "timestamp,meter,watts\n"
            + "2024-03-01T00:00:00Z,a,400\n"
            + "2024-03-01T00:10:00Z,a,800\n"
            + "2024-03-01 00:20:00,b,1200\n"
            + "1709253000,a,0\n"
            + "2024-03-01T00:44:59Z,b,1200\n";
    LoadSet set = read(text, 15, 3);
    assertEquals(2, set.households());
    long[] t = new long[3];
    set.trace(0, t);
    assertArrayEquals(new long[] {133, 200, 0}, t);
    set.trace(1, t);
    assertArrayEquals(new long[] {300, 300, 300}, t);
    assertTrue(set.describe().contains("2 meters"));
  }

  @Test
  void read_withoutHeader_isAccepted() throws Exception {
    LoadSet set = read("0,m1,3600\n3600,m1,3600\n", 60, 2);
    long[] t = new long[2];
    set.trace(0, t);
    assertArrayEquals(new long[] {3600, 3600}, t);
  }

  @Test
  void read_wrongHeader_isRefused() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-01", () -> read("timestamp,watts,meter\n", 15, 1));
    assertEquals(1, e.line());
  }

  @Test
  void read_wrongFieldCount_failsNamingTheLine() {
    DataFormatException e =
        (DataFormatException)
            assertViolation("SIM-D-02", () -> read("timestamp,meter,watts\n0,a,1\n60,a\n", 1, 1));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("SIM-D-02: m.csv line 3: expected 3 fields"), e.getMessage());
  }

  @Test
  void read_badTimestamp_failsNamingTheLine() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-03", () -> read("0,a,1\nyesterday,a,1\n", 1, 1));
    assertEquals(2, e.line());
  }

  @Test
  void read_badWatts_isRefused() {
    assertViolation("SIM-D-04", () -> read("0,a,1kW\n", 1, 1));
    assertViolation("SIM-D-04", () -> read("0,a,Infinity\n", 1, 1));
    assertViolation("SIM-D-05", () -> read("0,a,-1\n", 1, 1));
    assertViolation("SIM-D-05", () -> read("0,a,60000\n", 1, 1));
  }

  @Test
  void read_badMeterName_isRefused() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-06", () -> read("0,a,1\n60,house 7,1\n", 1, 1));
    assertEquals(2, e.line());
  }

  @Test
  void read_duplicateSample_failsNamingTheLaterLine() {
    DataFormatException e =
        (DataFormatException)
            assertViolation("SIM-D-07", () -> read("0,a,1\n60,a,2\n60,b,1\n60,a,3\n", 1, 1));
    assertEquals(4, e.line());
  }

  @Test
  void read_tooShortForTheRounds_isRefused() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-08", () -> read("0,a,1\n1800,a,1\n", 15, 4));
    assertTrue(e.getMessage().contains("covers 3 rounds"), e.getMessage());
  }

  @Test
  void read_exponent_isNotAPlainDecimal() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-04", () -> read("0,a,1e-3\n", 1, 1));
    assertTrue(e.getMessage().contains("watts is not a plain decimal number (an exponent is not allowed)"), e.getMessage());
    assertViolation("SIM-D-04", () -> read("0,a,5E2\n", 1, 1));
  }

  @Test
  void read_plainDecimals_areAccepted() throws Exception {
    LoadSet set = read("0,a,.5\n60,b,3.\n120,c,+7200\n", 1, 1);
    assertEquals(3, set.households());
  }

  @Test
  void read_surroundingWhitespace_isRefusedNamingTheField() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-09", () -> read("0,a,1\n60,a, 100\n", 1, 1));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().endsWith("line 2: field 3 has leading or trailing whitespace"), e.getMessage());
    assertViolation("SIM-D-09", () -> read("0 ,a,1\n", 1, 1));
    assertViolation("SIM-D-09", () -> read("0,a,1\n   \n", 1, 1));
  }

  @Test
  void read_headerWithBlanksAroundItsNames_isAccepted() throws Exception {
    assertEquals(1, read("timestamp, meter, watts\n0,a,1\n", 1, 1).households());
  }

  @Test
  void read_nulByte_isRefusedWithoutQuotingTheLine() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-10", () -> read("0,a,1\n60,a,1\u00002\n", 1, 1));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().endsWith("line 2: the line holds a control character (U+0000)"), e.getMessage());
    assertViolation("SIM-D-10", () -> read("0,a,\t1\n", 1, 1));
    assertViolation("SIM-D-10", () -> read("0,a,\"1\n2\"\n", 1, 1));
  }

  @Test
  void read_quotedFieldsCrlfAndBom_areCsv() throws Exception {
    LoadSet set = read("\uFEFFtimestamp,meter,watts\r\n\"0\",\"a\",\"3600\"\r\n\r\n3600,a,3600\r\n", 60, 2);
    long[] t = new long[2];
    set.trace(0, t);
    assertArrayEquals(new long[] {3600, 3600}, t);
  }

  @Test
  void read_lineNumbersCountEmptyLines() {
    DataFormatException e =
        (DataFormatException) assertViolation("SIM-D-04", () -> read("0,a,1\n\n\n60,a,x\n", 1, 1));
    assertEquals(4, e.line());
  }

  @Test
  void read_unclosedQuote_isRefused() {
    assertViolation("SIM-D-02", () -> read("0,a,1\n60,\"a,1", 1, 1));
    assertViolation("SIM-D-02", () -> read("0,\"a\"b,1\n", 1, 1));
    // A quote left open runs over the line end, a control character inside the field.
    assertViolation("SIM-D-10", () -> read("0,a,1\n60,\"a,1\n", 1, 1));
  }

  @Test
  void read_emptyFile_isRefused() {
    assertViolation("SIM-D-08", () -> read("timestamp,meter,watts\n", 15, 1));
  }
}
