// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.core.Round;
import io.gridveil.ddh.psa.PsaDiscreteLog;
import io.gridveil.distortion.reconstruction.DistributionMetrics;
import io.gridveil.distortion.reconstruction.Reconstruction;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and sizes that the targets name beside the timings, written as JSON to standard output
 * for protocol-bench/report.py: PRF evaluations per meter (measured with
 * {@link CountingAesProvider}), key agreements per meter, PSA's table size, the distance between
 * the binned and per-sample reconstructions, whether javallier runs on GMP. Run by
 * protocol-bench/run after the timed runs, in its own JVM, so the counting provider never sits
 * under a timed benchmark.
 */
public final class Facts {
  private final Map<String, String[]> facts = new TreeMap<>();

  private Facts() {}

  /**
   * Measures the facts and prints them as one JSON object: {"name": {"value": v, "how": "..."}}.
   *
   * @param args ignored
   * @throws Exception if a scheme fails to set up
   */
  public static void main(String[] args) throws Exception {
    CountingAesProvider.install();
    Facts f = new Facts();
    f.javallier();
    f.cmt();
    f.ddh();
    f.psa();
    f.distortion();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(f.json());
  }

  private void put(String name, String jsonValue, String how) {
    facts.put(name, new String[] {jsonValue, how});
  }

  private void javallier() {
    put(
        "javallier.gmp",
        Boolean.toString(JavallierBench.usesGmp()),
        "javallier's BigIntegerUtil.USE_GMP: its modular exponentiations run in GMP via jnagmp");
  }

  private void cmt() {
    int n = 1000;
    CmtGroup g = new CmtGroup(n);
    CountingAesProvider.reset();
    g.check(g.fullRound(3));
    put(
        "cmt.aesBlocksPerMeterRound",
        ratio(CountingAesProvider.blocks(), n),
        "AES blocks counted by a counting JCA provider over one CmtScheme.fullRound of 1000 meters,"
            + " divided by 1000");
  }

  private void ddh() throws Exception {
    int n = 100;
    DdhGroup g = new DdhGroup(n);
    CountingAesProvider.reset();
    g.decryptChecked();
    put(
        "ddh.supplierPrfCallsPerMeter",
        ratio(CountingAesProvider.blocks(), n),
        "AES blocks (one per PRF call onto Z_2^64, spec/core.md §6.2) counted by a counting JCA"
            + " provider over DdhSupplier.decryptSum of a 100-meter round, divided by 100");
    CountingAesProvider.reset();
    g.meters[0].encrypt(new Round(8), g.readings[0]);
    put(
        "ddh.meterPrfCallsPerRound",
        Long.toString(CountingAesProvider.blocks()),
        "AES blocks counted over one DdhMeter.encrypt");
    put(
        "ddh.setupKeyAgreementsPerMeter",
        "3",
        "read from the code path, not counted: DdhMeter.create -> keyed() calls X25519 agree three"
            + " times (PairwiseKeys.ring for successor and predecessor, PairwiseKeys.supplier);"
            + " the supplier agrees once per meter in DdhSupplier.create");
  }

  private void psa() {
    long t0 = System.nanoTime();
    PsaDiscreteLog solver = PsaDiscreteLog.forParameters(DdhBench.psaParameters());
    long t1 = System.nanoTime();
    put("psa.width", Long.toString(solver.width()), "the search range W = n_max * t_max + 1");
    put(
        "psa.tableEntries",
        Integer.toString(solver.tableEntries()),
        "baby steps stored (PsaDiscreteLog.tableEntries)");
    put(
        "psa.tableBytes",
        Long.toString(solver.tableBytes()),
        "memory of the table's arrays (PsaDiscreteLog.tableBytes)");
    put(
        "psa.tableBuildSecondsOnce",
        String.format(Locale.ROOT, "%.3f", (t1 - t0) / 1e9),
        "one cold build, for orientation; PsaTableBench.buildTable is the measured figure");
  }

  private void distortion() {
    DistortionData d = new DistortionData();
    Reconstruction binned = d.binned(d.observations1M);
    Reconstruction perSample = d.perSample(d.observations1M);
    double l1 = DistributionMetrics.l1(binned.distribution(), perSample.distribution());
    put(
        "distortion.l1BinnedVsPerSample",
        String.format(Locale.ROOT, "%.3e", l1),
        "L1 distance between the binned and per-sample reconstructions of the benchmark's 10^6"
            + " observations, 100 bins, "
            + DistortionData.ITERATIONS
            + " EM iterations each");
  }

  private static String ratio(long count, int n) {
    return String.format(Locale.ROOT, "%.4f", (double) count / n);
  }

  private String json() {
    StringBuilder b = new StringBuilder("{\n");
    boolean first = true;
    for (Map.Entry<String, String[]> e : facts.entrySet()) {
      if (!first) {
        b.append(",\n");
      }
      first = false;
      b.append("  \"")
          .append(e.getKey())
          .append("\": {\"value\": ")
          .append(e.getValue()[0])
          .append(", \"how\": \"")
          .append(e.getValue()[1].replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"}");
    }
    return b.append("\n}").toString();
  }
}
