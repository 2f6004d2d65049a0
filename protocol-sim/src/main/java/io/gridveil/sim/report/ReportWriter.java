// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import io.gridveil.sim.driver.CostLedger.RoleCost;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.run.DistortionData;
import io.gridveil.sim.run.RunResult;
import io.gridveil.sim.run.SimulationConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes report.json and the SVG plots into the output directory (spec/sim.md §5.4, §5.5).
 */
public final class ReportWriter {
  /** The report format's version, the {@code version} field of report.json. */
  public static final int VERSION = 1;

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
   * Writes the plots of every scheme and report.json.
   *
   * @param command the subcommand, {@code simulate} or {@code compare}
   * @param config the run's settings
   * @param loads where the readings came from
   * @param reports the schemes' results
   * @return the files written, report.json last
   * @throws IOException if a file cannot be written
   */
  public List<Path> write(String command, SimulationConfig config, String loads, List<SchemeReport> reports)
      throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    JsonWriter j = new JsonWriter().beginObject();
    j.field("format", "gridveil-sim-report").field("version", VERSION).field("command", command);
    j.name("config").beginObject()
        .field("meters", config.meters())
        .field("groups", config.groups())
        .field("rounds", config.rounds())
        .field("intervalMinutes", config.intervalMinutes())
        .field("seed", config.seed())
        .field("faults", config.faults().describe())
        .field("minGroup", config.minGroup())
        .field("loads", loads)
        .endObject();
    j.name("runs").beginArray();
    for (SchemeReport r : reports) {
      List<String> plots = plots(r, written);
      runJson(j, r, plots);
    }
    j.endArray().endObject();
    Path json = directory.resolve("report.json");
    Files.writeString(json, j.toString() + "\n", StandardCharsets.UTF_8);
    written.add(json);
    return written;
  }

  private List<String> plots(SchemeReport r, List<Path> written) throws IOException {
    RunResult run = r.run();
    String s = run.scheme();
    int rounds = run.config().rounds();
    double hours = run.config().intervalMinutes() / 60.0;
    double[] x = new double[rounds];
    double[] truth = new double[rounds];
    double[] aggregate = new double[rounds];
    for (int j = 0; j < rounds; j++) {
      x[j] = (j + 1) * hours;
      truth[j] = run.truth().get(j) / hours / 1000.0;
      aggregate[j] = run.aggregate().get(j) / hours / 1000.0;
    }
    List<String> names = new ArrayList<>();
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
    names.add(write("aggregate-" + s + ".svg", agg.render(), written));
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
      SvgChart h = new SvgChart("Household 0, " + s + ": true, distorted and de-noised", "hours since start", "average power (kW)")
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
      names.add(write("household-" + s + ".svg", h.render(), written));
      if (r.leakage().isPresent()) {
        LeakageReport l = r.leakage().get();
        SvgChart dc = new SvgChart("Distribution of readings, " + s, "reading (Wh per round)", "fraction of readings")
            .x(l.binCentres())
            .add("true", "true", l.trueDistribution())
            .add("distorted", "distorted", l.distortedDistribution())
            .add("reconstructed", "reconstructed", l.reconstructedDistribution());
        names.add(write("distribution-" + s + ".svg", dc.render(), written));
      }
    }
    return names;
  }

  private String write(String name, String content, List<Path> written) throws IOException {
    Path p = directory.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    written.add(p);
    return name;
  }

  private static void runJson(JsonWriter j, SchemeReport r, List<String> plots) {
    RunResult run = r.run();
    j.beginObject().field("scheme", run.scheme());
    j.name("rounds").beginObject()
        .field("groupRounds", run.groupRounds())
        .field("exact", run.exactRounds())
        .field("recovered", run.recoveredRounds())
        .field("recoveredMeters", run.recoveredMeters())
        .field("void", run.voidRounds());
    j.name("voidReasons").beginObject();
    for (Map.Entry<String, Long> e : run.voidReasons().entrySet()) {
      j.field(e.getKey(), e.getValue());
    }
    j.endObject().endObject();
    j.field("aggregatesChecked", run.exactRounds() + run.recoveredRounds());
    j.field("billsChecked", run.billsChecked());
    j.name("cost").beginObject()
        .field("messagesPerMeterRound", run.messagesPerMeterRound())
        .field("bytesPerMeterRound", run.bytesPerMeterRound())
        .field("cpuMicrosPerMeterRound", run.cpuMicrosPerMeterRound())
        .field("cpuMeasured", run.cpuMeasured());
    j.name("roles").beginObject();
    for (Map.Entry<Role, RoleCost> e : run.costs().entrySet()) {
      j.name(e.getKey().id()).beginObject()
          .field("cpuMillis", e.getValue().cpuNanos() / 1e6)
          .field("messages", e.getValue().messages())
          .field("bytes", e.getValue().bytes())
          .endObject();
    }
    j.endObject().endObject();
    j.name("network").beginObject()
        .field("sent", run.network().sent())
        .field("delivered", run.network().delivered())
        .field("dropped", run.network().dropped())
        .field("duplicated", run.network().duplicated())
        .field("delayed", run.network().delayed())
        .endObject();
    j.name("refusals").beginArray();
    for (io.gridveil.sim.driver.RefusalCount e : run.refusals()) {
      j.beginObject()
          .field("checkId", e.refusal().checkId())
          .field("messageType", e.refusal().messageType())
          .field("role", e.refusal().role().id())
          .field("count", e.count())
          .field("class", e.problem() ? "problem" : "expected")
          .field("reason", e.reason())
          .endObject();
    }
    j.endArray();
    j.field("wallSeconds", run.wallNanos() / 1e9);
    SchemeFacts f = run.facts();
    j.name("leakage").beginObject().field("supplierLearns", f.supplierLearns()).field("source", f.source());
    j.name("coalitions").beginArray();
    for (SchemeFacts.Coalition c : f.coalitions()) {
      j.beginObject().field("parties", c.parties()).field("learns", c.learns()).endObject();
    }
    j.endArray();
    j.name("metrics").beginArray();
    if (r.leakage().isPresent()) {
      for (LeakageReport.Metric m : r.leakage().get().metrics()) {
        j.beginObject().field("name", m.name()).field("value", m.value()).field("detail", m.detail()).endObject();
      }
    }
    j.endArray().endObject();
    j.name("notes").beginArray();
    for (String n : f.notes()) {
      j.value(n);
    }
    j.endArray();
    j.name("series").beginObject();
    j.name("truthWh").beginArray();
    run.truth().forEach(j::value);
    j.endArray();
    j.name("aggregateWh").beginArray();
    run.aggregate().forEach(j::value);
    j.endArray();
    j.name("voidGroups").beginArray();
    run.voidGroups().forEach(j::value);
    j.endArray();
    if (run.distortion().isPresent()) {
      j.name("estimateWh").beginArray();
      for (double v : run.distortion().get().estimate()) {
        j.value(v);
      }
      j.endArray();
    }
    j.endObject();
    j.name("plots").beginArray();
    plots.forEach(j::value);
    j.endArray();
    j.endObject();
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
