// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart written by hand as well-formed SVG 1.1 (spec/sim.md §5.5): axes with tick labels,
 * one {@code <g class="series">} per series holding a {@code <title>} with the series name and a
 * {@code <polyline>} with one point per value, and a legend. Non-finite values break the line.
 */
final class SvgChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] x = new double[0];

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

  String render() {
    int points = 0;
    double yMin = 0;
    double yMax = 0;
    for (Series s : series) {
      points = Math.max(points, s.values.length);
      for (double v : s.values) {
        if (Double.isFinite(v)) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      }
    }
    if (yMax <= yMin) {
      yMax = yMin + 1;
    }
    double[] xs = x.length >= points ? x : indices(points);
    double xMin = points == 0 ? 0 : xs[0];
    double xMax = points <= 1 ? xMin + 1 : xs[points - 1];
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    b.append("<title>").append(escape(title)).append("</title>\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">")
        .append(escape(title)).append("</text>\n");
    b.append("<g class=\"axes\" stroke=\"#333\">\n");
    b.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    b.append(line(LEFT, TOP, LEFT, TOP + plotH));
    b.append("</g>\n<g class=\"ticks\">\n");
    for (int t = 0; t <= 5; t++) {
      double yv = yMin + (yMax - yMin) * t / 5;
      double py = TOP + plotH - plotH * t / 5;
      b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(py + 4))
          .append("\" text-anchor=\"end\">").append(escape(label(yv))).append("</text>\n");
      double xv = xMin + (xMax - xMin) * t / 5;
      double px = LEFT + plotW * t / 5;
      b.append("<text x=\"").append(fmt(px)).append("\" y=\"").append(fmt(TOP + plotH + 18))
          .append("\" text-anchor=\"middle\">").append(escape(label(xv))).append("</text>\n");
    }
    b.append("</g>\n");
    b.append("<text x=\"").append(fmt(LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 15)
        .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n");
    b.append("<text x=\"18\" y=\"").append(fmt(TOP + plotH / 2))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 18 ").append(fmt(TOP + plotH / 2))
        .append(")\">").append(escape(yLabel)).append("</text>\n");
    int legendY = TOP + 10;
    for (Series s : series) {
      b.append("<g class=\"series\" id=\"series-").append(escape(s.id)).append("\" stroke=\"")
          .append(s.colour).append("\" fill=\"none\" stroke-width=\"1.6\">\n");
      b.append("<title>").append(escape(s.name)).append("</title>\n");
      List<StringBuilder> runs = new ArrayList<>();
      StringBuilder run = null;
      for (int i = 0; i < s.values.length; i++) {
        double v = s.values[i];
        if (!Double.isFinite(v)) {
          run = null;
          continue;
        }
        if (run == null) {
          run = new StringBuilder();
          runs.add(run);
        } else {
          run.append(' ');
        }
        double px = LEFT + plotW * (xs[i] - xMin) / (xMax - xMin);
        double py = TOP + plotH - plotH * (v - yMin) / (yMax - yMin);
        run.append(fmt(px)).append(',').append(fmt(py));
      }
      for (StringBuilder r : runs) {
        b.append("<polyline points=\"").append(r).append("\"/>\n");
      }
      b.append("</g>\n");
      int lx = WIDTH - RIGHT + 15;
      b.append("<g class=\"legend\">");
      b.append(line(lx, legendY, lx + 25, legendY).replace("/>", " stroke=\"" + s.colour + "\" stroke-width=\"2\"/>").trim());
      b.append("<text x=\"").append(lx + 30).append("\" y=\"").append(legendY + 4).append("\">")
          .append(escape(s.name)).append("</text></g>\n");
      legendY += 20;
    }
    b.append("</svg>\n");
    return b.toString();
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

  private static String label(double v) {
    double a = Math.abs(v);
    if (a >= 1e6 || (a > 0 && a < 0.01)) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
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
        case '\'' -> b.append("&apos;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
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
