// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart written by hand as well-formed SVG 1.1 (spec/sim.md §5.5): axes with round tick
 * values (steps of 1, 2 or 5 times a power of ten), one {@code <g class="series">} per series
 * holding a {@code <title>} with the series name and one {@code <polyline>} per unbroken run of
 * finite values (a run of one value also gets a dot, so that it shows), optional marked rounds,
 * and a legend. The canvas grows so that every text fits: text widths are estimated
 * conservatively ({@link #textWidth}).
 */
final class SvgChart {
  private static final int PLOT_W = 640;
  private static final int PLOT_H = 300;
  private static final int TOP = 44;
  private static final int BOTTOM = 56;
  private static final int FONT = 12;
  private static final int TITLE_FONT = 15;
  private static final int MARGIN = 12;
  private static final int TARGET_TICKS = 5;
  private static final String MARK_COLOUR = "#d62728";
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b"};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] x = new double[0];
  private int[] marked = new int[0];
  private String[] markTitles = new String[0];
  private String markName = "";

  SvgChart(String title, String xLabel, String yLabel) {
    this.title = Objects.requireNonNull(title, "title");
    this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
    this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
  }

  /** Sets the x coordinate of each point; by default the point index. */
  SvgChart x(double[] xs) {
    this.x = xs.clone();
    return this;
  }

  SvgChart add(String id, String name, double[] values) {
    series.add(new Series(id, name, values.clone(), COLOURS[series.size() % COLOURS.length]));
    return this;
  }

  /**
   * Marks points (for example void rounds) with a shaded band, in {@code <g class="marks"
   * id="marks">}, with one legend entry.
   *
   * @param name the legend text
   * @param indices the marked point indices
   * @param titles one tooltip per marked point
   */
  SvgChart mark(String name, int[] indices, String[] titles) {
    if (indices.length != titles.length) {
      throw new IllegalArgumentException("one title per marked point");
    }
    this.markName = Objects.requireNonNull(name, "name");
    this.marked = indices.clone();
    this.markTitles = titles.clone();
    return this;
  }

  /** Renders a standalone SVG file. */
  String render() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg("", "series-");
  }

  /**
   * Renders the chart for inlining in HTML: the root carries {@code id=chartId} and class
   * {@code chart}, and the series ids are prefixed with the chart id, so that ids stay unique in a
   * page holding several charts.
   */
  String renderInline(String chartId) {
    return svg(" id=\"" + escape(chartId) + "\" class=\"chart\"", chartId + "-series-");
  }

  private String svg(String rootAttributes, String seriesPrefix) {
    int points = 0;
    double yLo = 0;
    double yHi = 0;
    for (Series s : series) {
      points = Math.max(points, s.values.length);
      for (double v : s.values) {
        if (Double.isFinite(v)) {
          yLo = Math.min(yLo, v);
          yHi = Math.max(yHi, v);
        }
      }
    }
    double[] xs = x.length >= points ? x : indices(points);
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < points; i++) {
      xLo = Math.min(xLo, xs[i]);
      xHi = Math.max(xHi, xs[i]);
    }
    if (points == 0) {
      xLo = 0;
      xHi = 1;
    }
    double[] yTicks = ticks(yLo, yHi);
    double[] xTicks = ticks(xLo, xHi);
    double y0 = yTicks[0];
    double y1 = yTicks[yTicks.length - 1];
    double x0 = xTicks[0];
    double x1 = xTicks[xTicks.length - 1];
    int yDecimals = decimals(yTicks);
    int xDecimals = decimals(xTicks);

    double yTickWidth = 0;
    for (double t : yTicks) {
      yTickWidth = Math.max(yTickWidth, textWidth(label(t, yDecimals), FONT));
    }
    double left = Math.ceil(MARGIN + FONT + 8 + yTickWidth + 8);
    double legendText = 0;
    for (Series s : series) {
      legendText = Math.max(legendText, textWidth(s.name, FONT));
    }
    if (marked.length > 0) {
      legendText = Math.max(legendText, textWidth(markName, FONT));
    }
    double lastXLabel = textWidth(label(x1, xDecimals), FONT) / 2;
    double legendW = Math.max(15 + 25 + 6 + legendText + MARGIN, lastXLabel + MARGIN);
    double width = Math.ceil(left + PLOT_W + legendW);
    width = Math.max(width, Math.ceil(textWidth(title, TITLE_FONT) + 2 * MARGIN));
    width = Math.max(width, Math.ceil(left + PLOT_W / 2.0 + textWidth(xLabel, FONT) / 2 + MARGIN));
    int height = TOP + PLOT_H + BOTTOM;
    double plotH = PLOT_H;
    double bottom = TOP + plotH;

    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"").append(rootAttributes)
        .append(" width=\"").append(fmt(width)).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(fmt(width)).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"").append(FONT).append("\">\n");
    b.append("<title>").append(escape(title)).append("</title>\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append("<text x=\"").append(fmt(width / 2)).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"")
        .append(TITLE_FONT).append("\">").append(escape(title)).append("</text>\n");
    Scale sx = new Scale(x0, x1, left, left + PLOT_W);
    Scale sy = new Scale(y0, y1, bottom, TOP);
    if (marked.length > 0) {
      double band = points > 1 ? Math.max(2, PLOT_W * Math.abs(xs[1] - xs[0]) / (x1 - x0)) : 4;
      b.append("<g class=\"marks\" id=\"marks\" fill=\"").append(MARK_COLOUR).append("\" fill-opacity=\"0.15\">\n");
      for (int k = 0; k < marked.length; k++) {
        int i = marked[k];
        if (i < 0 || i >= points) {
          continue;
        }
        double cx = sx.at(xs[i]);
        double rx = Math.max(left, cx - band / 2);
        double rw = Math.min(left + PLOT_W, cx + band / 2) - rx;
        b.append("<rect x=\"").append(fmt(rx)).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(fmt(rw)).append("\" height=\"").append(PLOT_H).append("\"><title>")
            .append(escape(markTitles[k])).append("</title></rect>\n");
      }
      b.append("</g>\n");
    }
    b.append("<g class=\"grid\" stroke=\"#ddd\">\n");
    for (double t : yTicks) {
      b.append(line(left, sy.at(t), left + PLOT_W, sy.at(t)));
    }
    b.append("</g>\n<g class=\"axes\" stroke=\"#333\">\n");
    b.append(line(left, bottom, left + PLOT_W, bottom));
    b.append(line(left, TOP, left, bottom));
    b.append("</g>\n<g class=\"ticks\">\n");
    for (double t : yTicks) {
      b.append("<text x=\"").append(fmt(left - 8)).append("\" y=\"").append(fmt(sy.at(t) + 4))
          .append("\" text-anchor=\"end\">").append(label(t, yDecimals)).append("</text>\n");
    }
    for (double t : xTicks) {
      b.append("<text x=\"").append(fmt(sx.at(t))).append("\" y=\"").append(fmt(bottom + 18))
          .append("\" text-anchor=\"middle\">").append(label(t, xDecimals)).append("</text>\n");
    }
    b.append("</g>\n");
    b.append("<text x=\"").append(fmt(left + PLOT_W / 2.0)).append("\" y=\"").append(height - 14)
        .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n");
    double ly = TOP + plotH / 2;
    double lx = MARGIN + FONT / 2.0;
    b.append("<text x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(ly))
        .append("\" text-anchor=\"middle\" dominant-baseline=\"middle\" transform=\"rotate(-90 ")
        .append(fmt(lx)).append(' ').append(fmt(ly)).append(")\">").append(escape(yLabel)).append("</text>\n");
    double legendX = left + PLOT_W + 15;
    double legendY = TOP + 10;
    for (Series s : series) {
      b.append("<g class=\"series\" id=\"").append(escape(seriesPrefix + s.id)).append("\" stroke=\"")
          .append(s.colour).append("\" fill=\"none\" stroke-width=\"1.6\">\n");
      b.append("<title>").append(escape(s.name)).append("</title>\n");
      List<List<double[]>> runs = new ArrayList<>();
      List<double[]> run = null;
      for (int i = 0; i < s.values.length; i++) {
        double v = s.values[i];
        if (!Double.isFinite(v)) {
          run = null;
          continue;
        }
        if (run == null) {
          run = new ArrayList<>();
          runs.add(run);
        }
        run.add(new double[] {sx.at(xs[i]), sy.at(v)});
      }
      for (List<double[]> r : runs) {
        StringBuilder pts = new StringBuilder();
        for (double[] p : r) {
          if (pts.length() > 0) {
            pts.append(' ');
          }
          pts.append(fmt(p[0])).append(',').append(fmt(p[1]));
        }
        b.append("<polyline points=\"").append(pts).append("\"/>\n");
        if (r.size() == 1) {
          b.append("<circle cx=\"").append(fmt(r.get(0)[0])).append("\" cy=\"").append(fmt(r.get(0)[1]))
              .append("\" r=\"3\" fill=\"").append(s.colour).append("\"/>\n");
        }
      }
      b.append("</g>\n");
      b.append("<g class=\"legend\">");
      b.append(line(legendX, legendY, legendX + 25, legendY)
          .replace("/>", " stroke=\"" + s.colour + "\" stroke-width=\"2\"/>").trim());
      b.append("<text x=\"").append(fmt(legendX + 31)).append("\" y=\"").append(fmt(legendY + 4)).append("\">")
          .append(escape(s.name)).append("</text></g>\n");
      legendY += 20;
    }
    if (marked.length > 0) {
      b.append("<g class=\"legend\"><rect x=\"").append(fmt(legendX)).append("\" y=\"").append(fmt(legendY - 6))
          .append("\" width=\"25\" height=\"12\" fill=\"").append(MARK_COLOUR).append("\" fill-opacity=\"0.15\"/>")
          .append("<text x=\"").append(fmt(legendX + 31)).append("\" y=\"").append(fmt(legendY + 4)).append("\">")
          .append(escape(markName)).append("</text></g>\n");
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /**
   * Returns round tick values covering [lo, hi]: about five steps of 1, 2 or 5 times a power of
   * ten, from a multiple of the step at or below lo to one at or above hi. An empty range is
   * widened to include 0 (or to [0, 1] at 0).
   */
  static double[] ticks(double lo, double hi) {
    double a = lo;
    double z = hi;
    if (!(z > a)) {
      a = Math.min(0, a);
      z = Math.max(0, z);
      if (!(z > a)) {
        z = a + 1;
      }
    }
    double step = step(a, z);
    long first = (long) Math.floor(a / step + 1e-9);
    long last = (long) Math.ceil(z / step - 1e-9);
    double[] t = new double[(int) (last - first + 1)];
    for (int i = 0; i < t.length; i++) {
      t[i] = (first + i) * step;
    }
    return t;
  }

  private static double step(double lo, double hi) {
    double raw = (hi - lo) / TARGET_TICKS;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return m * magnitude;
  }

  /** The decimals needed to print the ticks' step exactly. */
  private static int decimals(double[] ticks) {
    if (ticks.length < 2) {
      return 0;
    }
    double step = ticks[1] - ticks[0];
    return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
  }

  static String label(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /**
   * Estimates the width of a text in pixels, conservatively: wider than common sans-serif faces
   * (DejaVu Sans, Liberation Sans, Arial) render it, so that a text sized by it fits.
   */
  static double textWidth(String s, double fontSize) {
    double em = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("mwMW@%".indexOf(c) >= 0) {
        em += 1.0;
      } else if (Character.isUpperCase(c)) {
        em += 0.8;
      } else if (c == ' ' || "il.,:;'|!".indexOf(c) >= 0) {
        em += 0.4;
      } else {
        em += 0.66;
      }
    }
    return em * fontSize;
  }

  private static double[] indices(int n) {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i;
    }
    return xs;
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\"/>\n";
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** A linear map from data values to pixels. */
  private record Scale(double lo, double hi, double from, double to) {
    double at(double v) {
      return from + (to - from) * (v - lo) / (hi - lo);
    }
  }

  /** One named series. */
  private static final class Series {
    final String id;
    final String name;
    final double[] values;
    final String colour;

    Series(String id, String name, double[] values, String colour) {
      this.id = id;
      this.name = name;
      this.values = values;
      this.colour = colour;
    }
  }
}
