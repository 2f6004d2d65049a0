// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import com.fasterxml.jackson.jr.ob.JSON;
import io.gridveil.sim.driver.CostLedger.RoleCost;
import io.gridveil.sim.driver.RefusalCount;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.run.DistortionData;
import io.gridveil.sim.run.RunResult;
import io.gridveil.sim.run.SimulationConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes report.json, report.html and the SVG plots into the output directory (spec/sim.md §5.4
 * to §5.6). Everything but the {@code measured} sections is a function of the run's settings and
 * seed: maps are written in sorted order, and wall-clock and CPU figures live only there.
 */
public final class ReportWriter {
  /** The report format's version, the {@code version} field of report.json. */
  public static final int VERSION = 1;

  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private final Path directory;

  /**
   * Creates a writer.
   *
   * @param directory the output directory, created if absent
   */
  public ReportWriter(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes the plots of every scheme, report.html and report.json.
   *
   * @param command the subcommand, {@code simulate} or {@code compare}
   * @param config the run's settings
   * @param loads where the readings came from
   * @param reports the schemes' results
   * @return the files written: the plots, then report.html, then report.json
   * @throws IOException if a file cannot be written
   */
  public List<Path> write(String command, SimulationConfig config, String loads, List<SchemeReport> reports)
      throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    String generatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", "gridveil-sim-report");
    root.put("version", VERSION);
    root.put("command", command);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("meters", config.meters());
    c.put("groups", config.groups());
    c.put("rounds", config.rounds());
    c.put("intervalMinutes", config.intervalMinutes());
    c.put("seed", config.seed());
    c.put("faults", config.faults().describe());
    c.put("minGroup", config.minGroup());
    c.put("loads", loads);
    root.put("config", c);
    List<Object> runs = new ArrayList<>();
    List<HtmlReport.Section> sections = new ArrayList<>();
    for (SchemeReport r : reports) {
      List<Chart> charts = charts(r);
      List<String> names = new ArrayList<>();
      for (Chart chart : charts) {
        names.add(write(chart.file(), chart.chart().render(), written));
      }
      runs.add(runJson(r, names));
      sections.add(new HtmlReport.Section(r, charts));
    }
    root.put("runs", runs);
    root.put("measured", Map.of("generatedAt", generatedAt));
    write("report.html", HtmlReport.render(command, config, loads, sections, generatedAt), written);
    write("report.json", WRITER.asString(root) + "\n", written);
    return written;
  }

  /** One plot: its file name and its chart; the HTML page inlines it as {@code chart-NAME}. */
  record Chart(String file, SvgChart chart) {
    String id() {
      return "chart-" + file.substring(0, file.length() - ".svg".length());
    }
  }

  private static List<Chart> charts(SchemeReport r) {
    RunResult run = r.run();
    String s = run.scheme();
    int rounds = run.config().rounds();
    double hours = run.config().intervalMinutes() / 60.0;
    int groups = run.config().groups();
    double[] x = new double[rounds];
    double[] truth = new double[rounds];
    double[] aggregate = new double[rounds];
    List<Integer> voidRounds = new ArrayList<>();
    for (int j = 0; j < rounds; j++) {
      x[j] = (j + 1) * hours;
      truth[j] = run.truth().get(j) / hours / 1000.0;
      int voids = run.voidGroups().get(j);
      // §5.5: only a round whose every group is exact is a point; a void or partial sum is a gap.
      aggregate[j] = voids == 0 ? run.aggregate().get(j) / hours / 1000.0 : Double.NaN;
      if (voids > 0) {
        voidRounds.add(j);
      }
    }
    List<Chart> charts = new ArrayList<>();
    SvgChart agg = new SvgChart(
        "Neighbourhood load, " + s + ": aggregate vs truth", "hours since start", "average power (kW)")
        .x(x)
        .add("truth", "true total", truth);
    if (run.distortion().isPresent()) {
      double[] est = run.distortion().get().estimate();
      for (int j = 0; j < rounds; j++) {
        est[j] = est[j] / hours / 1000.0;
      }
      agg.add("estimate", "sum of distorted readings", est);
    } else {
      agg.add("aggregate", "checked aggregates", aggregate);
    }
    if (!voidRounds.isEmpty()) {
      int[] idx = new int[voidRounds.size()];
      String[] titles = new String[idx.length];
      for (int k = 0; k < idx.length; k++) {
        idx[k] = voidRounds.get(k);
        titles[k] = "round " + idx[k] + ": " + run.voidGroups().get(idx[k]) + " of " + groups + " groups void";
      }
      agg.mark("round with a void group (no point)", idx, titles);
    }
    charts.add(new Chart("aggregate-" + s + ".svg", agg));
    if (run.distortion().isPresent()) {
      DistortionData d = run.distortion().get();
      long[] t = d.householdTrue();
      double[] dist = d.householdDistorted();
      double[] tw = new double[rounds];
      double[] dw = new double[rounds];
      for (int j = 0; j < rounds; j++) {
        tw[j] = t[j] / hours / 1000.0;
        dw[j] = dist[j] / hours / 1000.0;
      }
      SvgChart h = new SvgChart("Household 0, " + s + ": true, distorted and de-noised", "hours since start",
          "average power (kW)")
          .x(x)
          .add("true", "true", tw)
          .add("distorted", "distorted", dw);
      if (r.leakage().isPresent()) {
        double[] dn = r.leakage().get().householdDenoised();
        for (int j = 0; j < dn.length; j++) {
          dn[j] = dn[j] / hours / 1000.0;
        }
        h.add("denoised", "de-noised (" + r.leakage().get().denoiser() + ")", dn);
      }
      charts.add(new Chart("household-" + s + ".svg", h));
      if (r.leakage().isPresent()) {
        LeakageReport l = r.leakage().get();
        SvgChart dc = new SvgChart("Distribution of readings, " + s, "reading (Wh per round)", "fraction of readings")
            .x(l.binCentres())
            .add("true", "true", l.trueDistribution())
            .add("distorted", "distorted", l.distortedDistribution())
            .add("reconstructed", "reconstructed", l.reconstructedDistribution());
        charts.add(new Chart("distribution-" + s + ".svg", dc));
      }
    }
    return charts;
  }

  private String write(String name, String content, List<Path> written) throws IOException {
    Path p = directory.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    written.add(p);
    return name;
  }

  private static Map<String, Object> runJson(SchemeReport r, List<String> plots) {
    RunResult run = r.run();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scheme", run.scheme());
    Map<String, Object> rounds = new LinkedHashMap<>();
    rounds.put("groupRounds", run.groupRounds());
    rounds.put("exact", run.exactRounds());
    rounds.put("recovered", run.recoveredRounds());
    rounds.put("recoveredMeters", run.recoveredMeters());
    rounds.put("void", run.voidRounds());
    rounds.put("voidReasons", new TreeMap<>(run.voidReasons()));
    o.put("rounds", rounds);
    o.put("aggregatesChecked", run.exactRounds() + run.recoveredRounds());
    o.put("billsChecked", run.billsChecked());
    Map<String, @Nullable Object> cost = new LinkedHashMap<>();
    cost.put("messagesPerMeterRound", number(run.messagesPerMeterRound()));
    cost.put("bytesPerMeterRound", number(run.bytesPerMeterRound()));
    Map<String, Object> roles = new LinkedHashMap<>();
    Map<String, Object> cpuRoles = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      RoleCost rc = run.costs().get(role);
      if (rc != null) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("messages", rc.messages());
        counts.put("bytes", rc.bytes());
        roles.put(role.id(), counts);
        cpuRoles.put(role.id(), Map.of("cpuMillis", rc.cpuNanos() / 1e6));
      }
    }
    cost.put("roles", roles);
    o.put("cost", cost);
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("sent", run.network().sent());
    network.put("delivered", run.network().delivered());
    network.put("dropped", run.network().dropped());
    network.put("duplicated", run.network().duplicated());
    network.put("delayed", run.network().delayed());
    o.put("network", network);
    o.put("refusals", refusals(run));
    SchemeFacts f = run.facts();
    Map<String, Object> leakage = new LinkedHashMap<>();
    leakage.put("supplierLearns", f.supplierLearns());
    leakage.put("source", f.source());
    List<Object> coalitions = new ArrayList<>();
    for (SchemeFacts.Coalition c : f.coalitions()) {
      Map<String, Object> co = new LinkedHashMap<>();
      co.put("parties", c.parties());
      co.put("learns", c.learns());
      coalitions.add(co);
    }
    leakage.put("coalitions", coalitions);
    List<Object> metrics = new ArrayList<>();
    if (r.leakage().isPresent()) {
      for (LeakageReport.Metric m : r.leakage().get().metrics()) {
        Map<String, @Nullable Object> mo = new LinkedHashMap<>();
        mo.put("name", m.name());
        mo.put("value", number(m.value()));
        mo.put("detail", m.detail());
        metrics.add(mo);
      }
    }
    leakage.put("metrics", metrics);
    o.put("leakage", leakage);
    o.put("notes", f.notes());
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("truthWh", run.truth());
    series.put("aggregateWh", run.aggregate());
    series.put("voidGroups", run.voidGroups());
    if (run.distortion().isPresent()) {
      List<@Nullable Object> est = new ArrayList<>();
      for (double v : run.distortion().get().estimate()) {
        est.add(number(v));
      }
      series.put("estimateWh", est);
    }
    o.put("series", series);
    o.put("plots", plots);
    Map<String, @Nullable Object> measured = new LinkedHashMap<>();
    measured.put("wallSeconds", run.wallNanos() / 1e9);
    measured.put("cpuMeasured", run.cpuMeasured());
    measured.put("cpuMicrosPerMeterRound", number(run.cpuMicrosPerMeterRound()));
    measured.put("roles", cpuRoles);
    o.put("measured", measured);
    return o;
  }

  /**
   * The {@code refusals} array (spec/sim.md §5.4): one object per kind of refused inbound message,
   * classified expected or problem (§4.7), in the run's order. The one place report.json reads
   * {@link RunResult#refusals()}.
   */
  private static List<Map<String, Object>> refusals(RunResult run) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RefusalCount e : run.refusals()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("checkId", e.refusal().checkId());
      o.put("messageType", e.refusal().messageType());
      o.put("role", e.refusal().role().id());
      o.put("count", e.count());
      o.put("class", e.problem() ? "problem" : "expected");
      o.put("reason", e.reason());
      out.add(o);
    }
    return out;
  }


  /** A finite double, or null: report.json writes a non-finite number as {@code null}. */
  private static @Nullable Object number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * Writes the plot of the {@code attack} command: one household's true, distorted and de-noised
   * trace (spec/sim.md §2.4).
   *
   * @param trueWh the true readings, Wh per round
   * @param distortedWh the distorted readings
   * @param leakage the attack results, with the de-noised trace
   * @param intervalMinutes the round length
   * @return the file written
   * @throws IOException if it cannot be written
   */
  public Path writeAttack(double[] trueWh, double[] distortedWh, LeakageReport leakage, int intervalMinutes)
      throws IOException {
    Files.createDirectories(directory);
    double hours = intervalMinutes / 60.0;
    double[] x = new double[trueWh.length];
    double[] t = new double[trueWh.length];
    double[] d = new double[trueWh.length];
    double[] n = leakage.householdDenoised();
    for (int j = 0; j < trueWh.length; j++) {
      x[j] = (j + 1) * hours;
      t[j] = trueWh[j] / hours / 1000.0;
      d[j] = distortedWh[j] / hours / 1000.0;
      n[j] = n[j] / hours / 1000.0;
    }
    SvgChart c = new SvgChart("Attack on one household: true, distorted and de-noised", "hours since start",
        "average power (kW)")
        .x(x)
        .add("true", "true", t)
        .add("distorted", "distorted", d)
        .add("denoised", "de-noised (" + leakage.denoiser() + ")", n);
    Path p = directory.resolve("attack.svg");
    Files.writeString(p, c.render(), StandardCharsets.UTF_8);
    return p;
  }
}
