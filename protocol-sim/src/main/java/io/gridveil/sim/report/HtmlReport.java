// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import static io.gridveil.sim.report.SvgChart.escape;

import io.gridveil.sim.driver.CostLedger.RoleCost;
import io.gridveil.sim.driver.RefusalCount;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.run.RunResult;
import io.gridveil.sim.run.SimulationConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders report.html (spec/sim.md §5.6): one self-contained page with the run's configuration,
 * the per-scheme table, the plots as inline SVG, the leakage and attack results, the refusals and,
 * apart, the measured wall-clock and CPU figures. It loads nothing (a Content-Security-Policy
 * forbids it); every string that comes from the run or the user is HTML-escaped. {@code compare}
 * lays the schemes' plots side by side. An inline script only checks the page (every chart
 * present, no text outside its chart) into {@code data-check} on the body; the page needs it for
 * nothing.
 */
final class HtmlReport {
  private static final String STYLE = """
      body{font-family:sans-serif;margin:1.5em;color:#222;max-width:none}
      h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
      table{border-collapse:collapse;margin:.5em 0}
      th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      th{background:#f3f3f3}
      .plots{display:grid;gap:1em}
      .plots svg{width:100%;height:auto;max-width:1000px}
      .side{overflow-x:auto}
      """;

  private static final String CHECK = """
      (function(){var b=document.body,p=[];var ids=(b.getAttribute('data-charts')||'').split(' ');
      ids.forEach(function(id){if(id&&!document.getElementById(id))p.push('missing '+id);});
      document.querySelectorAll('svg.chart').forEach(function(s){var w=s.viewBox.baseVal.width;
      s.querySelectorAll('text').forEach(function(t){var r=t.getBBox();
      if(!t.hasAttribute('transform')&&(r.x<-0.5||r.x+r.width>w+0.5))p.push(s.id+': text outside: '+t.textContent);});});
      b.setAttribute('data-check',p.length?p.join('; '):'ok');})();
      """;

  private HtmlReport() {}

  /** One scheme's part of the page. */
  record Section(SchemeReport report, List<ReportWriter.Chart> charts) {}

  static String render(
      String command, SimulationConfig config, String loads, List<Section> sections, String generatedAt) {
    StringBuilder ids = new StringBuilder();
    for (Section s : sections) {
      for (ReportWriter.Chart c : s.charts()) {
        ids.append(ids.length() == 0 ? "" : " ").append(c.id());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>GridVeil ").append(escape(command)).append(" report</title>\n<style>\n")
        .append(STYLE).append("</style>\n</head>\n<body data-command=\"").append(escape(command))
        .append("\" data-charts=\"").append(escape(ids.toString())).append("\">\n");
    b.append("<h1>GridVeil ").append(escape(command)).append(" report</h1>\n");
    b.append("<p>Every aggregate listed as checked equals the plaintext sum of its contributors ")
        .append("(spec/sim.md §4.5). Figures are per meter per round unless stated.</p>\n");
    config(b, config, loads);
    schemes(b, sections);
    plots(b, command, sections);
    leakage(b, sections);
    b.append("<section id=\"refusals\">\n<h2>Refused messages</h2>\n");
    for (Section s : sections) {
      refusals(b, s.report().run());
    }
    b.append("</section>\n");
    notes(b, sections);
    measured(b, sections, generatedAt);
    b.append("<script>\n").append(CHECK).append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void config(StringBuilder b, SimulationConfig c, String loads) {
    b.append("<section id=\"config\">\n<h2>Configuration</h2>\n<table>\n");
    row(b, "meters", c.meters());
    row(b, "groups", c.groups());
    row(b, "rounds", c.rounds());
    row(b, "round length (minutes)", c.intervalMinutes());
    row(b, "seed", c.seed());
    row(b, "faults", c.faults().describe());
    row(b, "smallest group decrypted", c.minGroup());
    row(b, "readings", loads);
    b.append("</table>\n</section>\n");
  }

  private static void row(StringBuilder b, String name, Object value) {
    b.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(String.valueOf(value)))
        .append("</td></tr>\n");
  }

  private static void schemes(StringBuilder b, List<Section> sections) {
    b.append("<section id=\"schemes\">\n<h2>Schemes</h2>\n<div class=\"side\">\n<table id=\"scheme-table\">\n<tr><th></th>");
    for (Section s : sections) {
      b.append("<th>").append(escape(s.report().run().scheme())).append("</th>");
    }
    b.append("</tr>\n");
    schemeRow(b, sections, "group-rounds", r -> Long.toString(r.groupRounds()));
    schemeRow(b, sections, "exact", r -> Long.toString(r.exactRounds()));
    schemeRow(b, sections, "recovered (meters)", r -> r.recoveredRounds() + " (" + r.recoveredMeters() + ")");
    schemeRow(b, sections, "void", r -> Long.toString(r.voidRounds()));
    schemeRow(b, sections, "void by reason", r -> joined(new TreeMap<>(r.voidReasons())));
    schemeRow(b, sections, "aggregates checked", r -> Long.toString(r.exactRounds() + r.recoveredRounds()));
    schemeRow(b, sections, "bills checked", r -> Long.toString(r.billsChecked()));
    schemeRow(b, sections, "messages", r -> decimal(r.messagesPerMeterRound()));
    schemeRow(b, sections, "bytes", r -> decimal(r.bytesPerMeterRound()));
    schemeRow(b, sections, "frames sent / delivered", r -> r.network().sent() + " / " + r.network().delivered());
    schemeRow(b, sections, "frames dropped / duplicated / delayed",
        r -> r.network().dropped() + " / " + r.network().duplicated() + " / " + r.network().delayed());
    schemeRow(b, sections, "the supplier learns", r -> r.facts().supplierLearns(), false);
    b.append("</table>\n</div>\n</section>\n");
  }

  private static void schemeRow(StringBuilder b, List<Section> sections, String name, Function<RunResult, String> f) {
    schemeRow(b, sections, name, f, true);
  }

  private static void schemeRow(
      StringBuilder b, List<Section> sections, String name, Function<RunResult, String> f, boolean numeric) {
    b.append("<tr><th>").append(escape(name)).append("</th>");
    for (Section s : sections) {
      b.append(numeric ? "<td class=\"n\">" : "<td>").append(escape(f.apply(s.report().run()))).append("</td>");
    }
    b.append("</tr>\n");
  }

  private static void plots(StringBuilder b, String command, List<Section> sections) {
    b.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
    boolean side = command.equals("compare");
    if (side) {
      b.append("<div class=\"plots\" style=\"grid-template-columns:repeat(auto-fill,minmax(560px,1fr))\">\n");
    } else {
      b.append("<div class=\"plots\">\n");
    }
    for (Section s : sections) {
      b.append("<div class=\"scheme-plots\"><h3>").append(escape(s.report().run().scheme())).append("</h3>\n");
      for (ReportWriter.Chart c : s.charts()) {
        b.append("<figure>").append(c.chart().renderInline(c.id())).append("</figure>\n");
      }
      b.append("</div>\n");
    }
    b.append("</div>\n</section>\n");
  }

  private static void leakage(StringBuilder b, List<Section> sections) {
    b.append("<section id=\"leakage\">\n<h2>Leakage and attacks</h2>\n");
    for (Section s : sections) {
      RunResult run = s.report().run();
      SchemeFacts f = run.facts();
      b.append("<h3>").append(escape(run.scheme())).append("</h3>\n<p>The supplier learns: ")
          .append(escape(f.supplierLearns())).append(" (").append(escape(f.source())).append(")</p>\n");
      if (!f.coalitions().isEmpty()) {
        b.append("<table class=\"coalitions\"><tr><th>coalition</th><th>learns</th></tr>\n");
        for (SchemeFacts.Coalition c : f.coalitions()) {
          b.append("<tr><td>").append(escape(c.parties())).append("</td><td>").append(escape(c.learns()))
              .append("</td></tr>\n");
        }
        b.append("</table>\n");
      }
      if (s.report().leakage().isPresent()) {
        b.append("<table class=\"metrics\"><tr><th>attack or measure</th><th>value</th><th>how</th></tr>\n");
        for (LeakageReport.Metric m : s.report().leakage().get().metrics()) {
          b.append("<tr><td>").append(escape(m.name())).append("</td><td class=\"n\">")
              .append(escape(decimal(m.value()))).append("</td><td>").append(escape(m.detail()))
              .append("</td></tr>\n");
        }
        b.append("</table>\n");
      }
    }
    b.append("</section>\n");
  }

  /** One scheme's refused inbound messages: the one place the page reads {@link RunResult#refusals()}. */
  private static void refusals(StringBuilder b, RunResult run) {
    b.append("<h3>").append(escape(run.scheme())).append("</h3>\n");
    if (run.refusals().isEmpty()) {
      b.append("<p>None.</p>\n");
      return;
    }
    b.append("<table class=\"refusals\"><tr><th>check ID</th><th>message type</th><th>receiving role</th>"
        + "<th>refused</th><th>class</th></tr>\n");
    for (RefusalCount e : run.refusals()) {
      b.append(e.problem() ? "<tr class=\"problem\">" : "<tr class=\"expected\">")
          .append("<td>").append(escape(e.refusal().checkId()))
          .append("</td><td>").append(escape(e.refusal().messageType()))
          .append("</td><td>").append(escape(e.refusal().role().id()))
          .append("</td><td class=\"n\">").append(e.count())
          .append("</td><td>").append(e.problem() ? "problem" : "expected: " + escape(e.reason()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void notes(StringBuilder b, List<Section> sections) {
    b.append("<section id=\"notes\">\n<h2>Notes</h2>\n");
    for (Section s : sections) {
      RunResult run = s.report().run();
      if (run.facts().notes().isEmpty()) {
        continue;
      }
      b.append("<h3>").append(escape(run.scheme())).append("</h3>\n<ul>\n");
      for (String n : run.facts().notes()) {
        b.append("<li>").append(escape(n)).append("</li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  /** The measured figures, apart: the only part of the page that differs between equal runs. */
  private static void measured(StringBuilder b, List<Section> sections, String generatedAt) {
    b.append("<section id=\"measured\">\n<h2>Measured (wall clock and CPU; differ from run to run)</h2>\n")
        .append("<p>Written ").append(escape(generatedAt)).append(".</p>\n<div class=\"side\">\n<table>\n<tr><th></th>");
    for (Section s : sections) {
      b.append("<th>").append(escape(s.report().run().scheme())).append("</th>");
    }
    b.append("</tr>\n");
    schemeRow(b, sections, "wall time (s)", r -> decimal(r.wallNanos() / 1e9));
    schemeRow(b, sections, "CPU per meter per round (µs)",
        r -> r.cpuMeasured() ? decimal(r.cpuMicrosPerMeterRound()) : "not measured");
    for (Role role : Role.values()) {
      if (sections.stream().anyMatch(s -> s.report().run().costs().containsKey(role))) {
        schemeRow(b, sections, "CPU of " + role.id() + " (ms)", r -> {
          RoleCost c = r.costs().get(role);
          return c == null ? "" : decimal(c.cpuNanos() / 1e6);
        });
      }
    }
    b.append("</table>\n</div>\n</section>\n");
  }

  private static String joined(Map<String, Long> m) {
    if (m.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  private static String decimal(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
  }
}
