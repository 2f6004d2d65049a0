// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import java.util.List;
import org.w3c.dom.Document;

/** Test access to the SVG parsing helpers of {@link SvgChartTest}. */
public final class SvgAccess {
  private SvgAccess() {}

  /**
   * Parses SVG text as XML.
   *
   * @param svg the text
   * @return the document
   * @throws Exception if it is not well-formed
   */
  public static Document parse(String svg) throws Exception {
    return SvgChartTest.parse(svg);
  }

  /**
   * Returns the point counts of a series' polylines.
   *
   * @param d the document
   * @param id the series id
   * @return one count per polyline
   */
  public static List<Integer> points(Document d, String id) {
    return SvgChartTest.points(d, id);
  }

  /**
   * Asserts that no text of the chart extends past its canvas, measured with DejaVu Sans widths.
   *
   * @param d the document
   */
  public static void assertTextFits(Document d) {
    SvgChartTest.assertTextFits(d);
  }
}
