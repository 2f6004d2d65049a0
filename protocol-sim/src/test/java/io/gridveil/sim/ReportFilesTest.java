// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gridveil.sim.report.SvgAccess;
import io.gridveil.testkit.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report's files as a whole (spec/sim.md §5.4 to §5.6): void rounds, report.html, reproducibility. */
class ReportFilesTest {
  @TempDir Path dir;

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void aggregatePlot_voidRounds_areGapsWithAMarkNeverZeroPoints() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", SimulateCmtTest.eightMeters(dir, 8).toString(), "--meters", "8",
            "--rounds", "8", "--min-group", "3", "--seed", "5", "--faults", "fail=0.1", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    Map<String, Object> run = SimulateCmtTest.onlyRun(out);
    List<Long> voids = SimulateCmtTest.longs(SimulateCmtTest.object(run, "series"), "voidGroups");
    long voidRounds = voids.stream().filter(v -> v > 0).count();
    assertTrue(voidRounds > 0 && voidRounds < 8, "the scenario has void and exact rounds: " + voids);
    Document svg = SvgAccess.parse(read(out.resolve("aggregate-cmt.svg")));
    List<Integer> runs = SvgAccess.points(svg, "aggregate");
    assertEquals(8 - voidRounds, runs.stream().mapToInt(Integer::intValue).sum(), "one point per exact round");
    List<Integer> expected = new ArrayList<>();
    int length = 0;
    for (long v : voids) {
      if (v == 0) {
        length++;
      } else if (length > 0) {
        expected.add(length);
        length = 0;
      }
    }
    if (length > 0) {
      expected.add(length);
    }
    assertEquals(expected, runs, "one polyline per unbroken run of exact rounds");
    assertEquals(List.of(8), SvgAccess.points(svg, "truth"));
    String text = read(out.resolve("aggregate-cmt.svg"));
    assertEquals(voidRounds, count(text, "groups void</title></rect>"), "one marked band per void round");
  }

  @Test
  void aggregatePlot_oneRound_showsItsPointsAndFits() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--data", SimulateCmtTest.eightMeters(dir, 1).toString(), "--meters", "8",
            "--rounds", "1", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    String text = read(out.resolve("aggregate-cmt.svg"));
    Document svg = SvgAccess.parse(text);
    assertEquals(List.of(1), SvgAccess.points(svg, "truth"));
    assertEquals(List.of(1), SvgAccess.points(svg, "aggregate"));
    assertEquals(2, count(text, "<circle "), "one visible dot per series");
    SvgAccess.assertTextFits(svg);
  }

  @Test
  void simulate_writesReportHtmlWithEveryPartEscapedAndNothingExternal() throws Exception {
    Path data = Files.copy(SimulateCmtTest.eightMeters(dir, 4), dir.resolve("m<b>&\"x.csv"));
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("simulate", "--scheme", "distortion", "--data", data.toString(), "--meters", "8",
            "--rounds", "4", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    String html = read(out.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("m<b>"), "the file name is escaped");
    assertTrue(html.contains("m&lt;b&gt;&amp;&quot;x.csv"), "the file name is shown escaped");
    for (String id : List.of("config", "schemes", "plots", "leakage", "refusals", "notes", "measured")) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), id);
    }
    for (String chart : List.of("aggregate-distortion", "household-distortion", "distribution-distortion")) {
      assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" id=\"chart-" + chart
          + "\" class=\"chart\""), chart);
    }
    assertTrue(html.contains("EF/TF"), "the attack results are on the page");
    assertFalse(Pattern.compile("(?i)<link|\\ssrc=|@import|url\\(").matcher(html).find(), "nothing is loaded");
    assertEquals(count(html, "http://www.w3.org/2000/svg"), count(html, "http://") + count(html, "https://"),
        "no address but the SVG namespace");
    assertTrue(html.contains("default-src 'none'"));
  }

  @Test
  void compare_reportHtmlPutsTheSchemesSideBySide() throws Exception {
    Path out = dir.resolve("out");
    MainTest.Outcome o =
        MainTest.run("compare", "--data", SimulateCmtTest.eightMeters(dir, 2).toString(), "--meters", "8",
            "--rounds", "2", "--min-group", "3", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    String html = read(out.resolve("report.html"));
    assertTrue(html.contains("<div class=\"plots\" style=\"grid-template-columns:repeat(auto-fill,"),
        "the schemes' plots side by side");
    Matcher header = Pattern.compile("<table id=\"scheme-table\">\n<tr><th></th>(.*?)</tr>").matcher(html);
    assertTrue(header.find());
    assertEquals("<th>cmt</th><th>blinding</th><th>ddh</th><th>psa</th><th>distortion</th>", header.group(1));
    for (String s : List.of("cmt", "blinding", "ddh", "psa", "distortion")) {
      assertTrue(html.contains("id=\"chart-aggregate-" + s + "\""), s);
    }
  }

  @Test
  void sameSeedTwice_reportsEqualButForTheMeasuredSections() throws Exception {
    Path data = SimulateCmtTest.eightMeters(dir, 6);
    List<Path> outs = List.of(dir.resolve("a"), dir.resolve("b"));
    for (Path out : outs) {
      MainTest.Outcome o =
          MainTest.run("simulate", "--scheme", "all", "--data", data.toString(), "--meters", "8", "--rounds", "6",
              "--min-group", "3", "--faults", "drop=0.05,fail=0.1", "--seed", "7", "--out", out.toString());
      assertEquals(0, o.code(), o.err());
    }
    List<String> names;
    try (Stream<Path> s = Files.list(outs.get(0))) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(outs.get(1))) {
      assertEquals(names, s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(names.contains("report.html") && names.contains("report.json"), names.toString());
    for (String name : names) {
      byte[] a = Files.readAllBytes(outs.get(0).resolve(name));
      byte[] b = Files.readAllBytes(outs.get(1).resolve(name));
      if (name.equals("report.json")) {
        assertSame(withoutMeasured(a), withoutMeasured(b), name);
        assertTrue(new String(a, StandardCharsets.UTF_8).contains("\"measured\":{\"wallSeconds\":"));
        assertTrue(new String(a, StandardCharsets.UTF_8).contains("\"roles\":{\"meter\":{\"messages\":"),
            "keys in a fixed order, not a hash order that changes from JVM to JVM");
      } else if (name.equals("report.html")) {
        assertSame(htmlWithoutMeasured(a), htmlWithoutMeasured(b), name);
      } else {
        assertSame(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8), name);
      }
    }
  }

  /** report.json with every {@code measured} member removed, written back as JSON text. */
  @SuppressWarnings("unchecked")
  private static String withoutMeasured(byte[] json) {
    Map<String, Object> root =
        new LinkedHashMap<>((Map<String, Object>) Json.parse(new String(json, StandardCharsets.UTF_8)));
    assertTrue(root.remove("measured") != null);
    List<Object> runs = new ArrayList<>();
    for (Object r : (List<Object>) root.get("runs")) {
      Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) r);
      assertTrue(m.remove("measured") != null);
      assertFalse(((Map<String, Object>) m.get("cost")).containsKey("cpuMicrosPerMeterRound"));
      runs.add(m);
    }
    root.put("runs", runs);
    assertEquals(BigInteger.ONE, root.get("version"));
    return root.toString();
  }

  private static String htmlWithoutMeasured(byte[] html) {
    String s = new String(html, StandardCharsets.UTF_8);
    int from = s.indexOf("<section id=\"measured\">");
    int to = s.indexOf("</section>", from);
    assertTrue(from > 0 && to > from);
    return s.substring(0, from) + s.substring(to);
  }

  /** Asserts two texts equal, showing where they first differ. */
  private static void assertSame(String a, String b, String name) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i < a.length() || i < b.length()) {
      int from = Math.max(0, i - 80);
      fail(name + " differs at " + i + ":\n" + a.substring(from, Math.min(a.length(), i + 80)) + "\n---\n"
          + b.substring(from, Math.min(b.length(), i + 80)));
    }
  }

  private static long count(String s, String what) {
    long n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
