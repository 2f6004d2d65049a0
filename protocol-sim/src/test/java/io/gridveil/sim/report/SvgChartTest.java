// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
