// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
  /** Parses SVG text as XML, failing on any well-formedness error. */
  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns the point count of each polyline of the series group with the given id. */
  static List<Integer> points(Document d, String id) {
    List<Integer> out = new ArrayList<>();
    NodeList groups = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("id").equals("series-" + id)) {
        NodeList lines = g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        for (int k = 0; k < lines.getLength(); k++) {
          String pts = ((Element) lines.item(k)).getAttribute("points").trim();
          out.add(pts.isEmpty() ? 0 : pts.split(" ").length);
        }
      }
    }
    return out;
  }

  @Test
  void render_twoSeries_isWellFormedWithOnePointPerValue() throws Exception {
    String svg =
        new SvgChart("Load <&> \"test\"", "hours", "kW")
            .add("truth", "true total", new double[] {1, 2, 3, 4})
            .add("aggregate", "checked & exact", new double[] {1, 2, 3, 4})
            .render();
    Document d = parse(svg);
    assertEquals("svg", d.getDocumentElement().getLocalName());
    assertEquals(List.of(4), points(d, "truth"));
    assertEquals(List.of(4), points(d, "aggregate"));
    assertEquals("Load <&> \"test\"", d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent());
  }

  @Test
  void render_nonFiniteValue_breaksTheLine() throws Exception {
    Document d =
        parse(new SvgChart("t", "x", "y").add("s", "s", new double[] {1, Double.NaN, 3, 4}).render());
    assertEquals(List.of(1, 2), points(d, "s"));
  }

  @Test
  void render_constantAndEmptySeries_stayWellFormed() throws Exception {
    Document d =
        parse(new SvgChart("t", "x", "y")
            .add("flat", "flat", new double[] {0, 0, 0})
            .add("empty", "empty", new double[0])
            .render());
    assertEquals(List.of(3), points(d, "flat"));
    assertTrue(points(d, "empty").isEmpty());
  }

  private static final String SVG = "http://www.w3.org/2000/svg";

  /**
   * Advance widths of DejaVu Sans (the widest common sans-serif; Chromium's default on Debian), in
   * em, by character class: an independent check of the chart's own estimate.
   */
  static double dejaVuWidth(String s, double size) {
    double em = 0;
    for (char c : s.toCharArray()) {
      if (c == 'm') {
        em += 0.974;
      } else if (c == 'W') {
        em += 0.989;
      } else if (c == 'w') {
        em += 0.818;
      } else if (c == 'M') {
        em += 0.863;
      } else if (Character.isUpperCase(c)) {
        em += 0.75;
      } else if (c == 'i' || c == 'l' || c == 'j') {
        em += 0.278;
      } else if (c == ' ') {
        em += 0.318;
      } else if (c == 'f' || c == 't' || c == 'r') {
        em += 0.41;
      } else {
        em += 0.636;
      }
    }
    return em * size;
  }

  /** Asserts that no text element extends past the SVG's width (or, rotated, its height). */
  static void assertTextFits(Document d) {
    Element root = d.getDocumentElement();
    double width = Double.parseDouble(root.getAttribute("width"));
    double height = Double.parseDouble(root.getAttribute("height"));
    NodeList texts = d.getElementsByTagNameNS(SVG, "text");
    assertTrue(texts.getLength() > 0);
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      double size = fontSize(t);
      double w = dejaVuWidth(t.getTextContent(), size);
      double x = Double.parseDouble(t.getAttribute("x"));
      double y = Double.parseDouble(t.getAttribute("y"));
      String anchor = t.getAttribute("text-anchor");
      double from = anchor.equals("middle") ? x - w / 2 : anchor.equals("end") ? x - w : x;
      String where = "\"" + t.getTextContent() + "\" [" + from + ", " + (from + w) + "] in " + width + " x " + height;
      if (t.getAttribute("transform").startsWith("rotate(-90")) {
        assertTrue(y - w / 2 >= 0 && y + w / 2 <= height, where);
      } else {
        assertTrue(from >= 0 && from + w <= width, where);
      }
    }
  }

  private static double fontSize(Element e) {
    for (org.w3c.dom.Node n = e; n instanceof Element el; n = n.getParentNode()) {
      if (el.hasAttribute("font-size")) {
        return Double.parseDouble(el.getAttribute("font-size"));
      }
    }
    return fail("no font size");
  }

  private static List<String> tickLabels(Document d) {
    List<String> out = new ArrayList<>();
    NodeList groups = d.getElementsByTagNameNS(SVG, "g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("ticks")) {
        NodeList t = g.getElementsByTagNameNS(SVG, "text");
        for (int k = 0; k < t.getLength(); k++) {
          out.add(t.item(k).getTextContent());
        }
      }
    }
    return out;
  }

  @Test
  void ticks_ofAwkwardRanges_areRoundStepsCoveringTheData() {
    double[][] ranges = {{0, 60.37}, {0, 14.5}, {9.75, 14.5}, {0, 0.0731}, {0, 123456}, {0.25, 24}, {-3.2, 7.7}};
    for (double[] r : ranges) {
      double[] t = SvgChart.ticks(r[0], r[1]);
      assertTrue(t.length >= 3 && t.length <= 11, r[0] + ".." + r[1] + ": " + t.length);
      assertTrue(t[0] <= r[0] && t[t.length - 1] >= r[1], "covers " + r[0] + ".." + r[1]);
      double step = t[1] - t[0];
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
          "step " + step);
      for (double v : t) {
        assertEquals(0, Math.abs(v / step - Math.rint(v / step)), 1e-6, "tick " + v + " is a multiple of " + step);
      }
    }
    assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0), java.util.Arrays.stream(SvgChart.ticks(0, 60.37)).boxed().toList());
  }

  @Test
  void render_awkwardValues_labelsTicksAsRoundNumbers() throws Exception {
    Document d = parse(new SvgChart("t", "x", "y")
        .x(new double[] {0.25, 12.5, 24})
        .add("s", "s", new double[] {9.75, 14.5, 60.37}).render());
    List<String> labels = tickLabels(d);
    assertEquals(List.of("0", "20", "40", "60", "80", "0", "5", "10", "15", "20", "25"), labels);
  }

  @Test
  void render_longLegendsAndTitle_everyTextFitsTheCanvas() throws Exception {
    String svg = new SvgChart("Household 0, distortion: true, distorted and de-noised (a long title for the test)",
        "hours since start", "average power (kW)")
        .add("true", "true", new double[] {1, 2, 3})
        .add("estimate", "sum of distorted readings", new double[] {1, 2, 3})
        .add("denoised", "de-noised (non-local means)", new double[] {1, 2, 3})
        .add("wide", "WWWWWWWWWW mmmmmmmmmm MMMMMMMMMM", new double[] {1, 2, 3})
        .mark("round with a void group (no point)", new int[] {1}, new String[] {"round 1"})
        .render();
    assertTextFits(parse(svg));
  }

  @Test
  void render_largeValues_tickLabelsFitTheCanvas() throws Exception {
    assertTextFits(parse(new SvgChart("t", "x", "y").add("s", "s", new double[] {0, 123456789.0}).render()));
  }

  @Test
  void render_oneRound_drawsAVisibleDotOnRoundAxes() throws Exception {
    Document d = parse(new SvgChart("t", "hours", "kW").x(new double[] {0.25}).add("s", "s", new double[] {3.7})
        .render());
    assertEquals(List.of(1), points(d, "s"));
    NodeList circles = d.getElementsByTagNameNS(SVG, "circle");
    assertEquals(1, circles.getLength());
    double cx = Double.parseDouble(((Element) circles.item(0)).getAttribute("cx"));
    double width = Double.parseDouble(d.getDocumentElement().getAttribute("width"));
    assertTrue(cx > 0 && cx < width, "the dot is inside the canvas: " + cx);
    assertEquals(List.of("0", "1", "2", "3", "4", "0.00", "0.05", "0.10", "0.15", "0.20", "0.25"), tickLabels(d));
    assertTextFits(d);
  }

  @Test
  void render_markedRounds_drawsOneBandPerMarkAndALegendEntry() throws Exception {
    Document d = parse(new SvgChart("t", "x", "y")
        .add("s", "s", new double[] {1, Double.NaN, 3, Double.NaN, 5})
        .mark("void round", new int[] {1, 3}, new String[] {"round 1: 1 of 1 groups void", "round 3"})
        .render());
    NodeList groups = d.getElementsByTagNameNS(SVG, "g");
    int bands = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("id").equals("marks")) {
        bands = g.getElementsByTagNameNS(SVG, "rect").getLength();
        assertEquals("round 1: 1 of 1 groups void", g.getElementsByTagNameNS(SVG, "title").item(0).getTextContent());
      }
    }
    assertEquals(2, bands);
    assertEquals(List.of(1, 1, 1), points(d, "s"));
    assertTrue(svgText(d).contains("void round"));
  }

  @Test
  void renderInline_prefixesIdsWithTheChartId() throws Exception {
    Document d = parse(new SvgChart("t", "x", "y").add("s", "s", new double[] {1, 2}).renderInline("chart-a"));
    assertEquals("chart-a", d.getDocumentElement().getAttribute("id"));
    assertEquals("chart", d.getDocumentElement().getAttribute("class"));
    NodeList groups = d.getElementsByTagNameNS(SVG, "g");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      ids.add(((Element) groups.item(i)).getAttribute("id"));
    }
    assertTrue(ids.contains("chart-a-series-s"), ids.toString());
    assertFalse(parse(new SvgChart("t", "x", "y").renderInline("c")).getDocumentElement().hasAttribute("xml"));
  }

  private static String svgText(Document d) {
    return d.getDocumentElement().getTextContent().toLowerCase(Locale.ROOT);
  }
}
