// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import io.gridveil.sim.driver.CostLedger.RoleCost;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.run.RunResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summaries printed on the terminal (spec/sim.md §5.1, §5.3). */
public final class TerminalSummary {
  private TerminalSummary() {}

  /**
   * Prints one scheme's summary.
   *
   * @param out where to print
   * @param r the scheme's results
   */
  public static void print(PrintWriter out, SchemeReport r) {
    RunResult run = r.run();
    out.printf(
        Locale.ROOT,
        "== %s: %s in %s, %s of %d min, faults %s%n",
        run.scheme(),
        count(run.config().meters(), "meter"),
        count(run.config().groups(), "group"),
        count(run.config().rounds(), "round"),
        run.config().intervalMinutes(),
        run.config().faults().describe());
    if (run.distortion().isPresent()) {
      out.printf(
          Locale.ROOT,
          "  rounds: %s of distorted readings; check: %s%n",
          count(run.groupRounds(), "group-round"),
          run.billsChecked() == 0
              ? "no bill received to check"
              : (run.billsChecked() == 1
                      ? "the 1 bill received equals"
                      : "all " + run.billsChecked() + " bills received equal")
                  + " the true readings times the tariff");
    } else {
      out.printf(
          Locale.ROOT,
          "  rounds: %s: %d exact, %d recovered (%s recovered), %d void%s%n",
          count(run.groupRounds(), "group-round"),
          run.exactRounds(),
          run.recoveredRounds(),
          count(run.recoveredMeters(), "meter"),
          run.voidRounds(),
          reasons(run.voidReasons()));
      long checked = run.exactRounds() + run.recoveredRounds();
      out.println(
          "  check: "
              + (checked == 0
                  ? "no aggregate to check (every group-round was void)"
                  : (checked == 1 ? "the 1 aggregate equals" : "every one of the " + checked + " aggregates equals")
                      + " the plaintext sum of its contributors"));
    }
    out.printf(
        Locale.ROOT,
        "  cost per meter per round: %.2f messages, %.0f bytes, %.1f us CPU%s%n",
        run.messagesPerMeterRound(),
        run.bytesPerMeterRound(),
        run.cpuMicrosPerMeterRound(),
        run.cpuMeasured() ? "" : " (thread CPU time unavailable)");
    // In the fixed order of Role (spec/sim.md §5.1), whatever the order of the map.
    StringBuilder roles = new StringBuilder("  CPU by role:");
    Map<Role, RoleCost> costs = run.costs();
    for (Role role : Role.values()) {
      RoleCost c = costs.get(role);
      if (c != null) {
        roles.append(String.format(Locale.ROOT, " %s %.1f ms;", role.id(), c.cpuNanos() / 1e6));
      }
    }
    out.println(roles);
    if (run.network().dropped() + run.network().duplicated() + run.network().delayed() > 0) {
      out.printf(
          Locale.ROOT,
          "  network: %d frames sent, %d dropped, %d duplicated, %d delayed%n",
          run.network().sent(),
          run.network().dropped(),
          run.network().duplicated(),
          run.network().delayed());
    }
    if (run.expectedRefusals() > 0) {
      out.println("  " + run.expectedRefusals()
          + " expected refusals of broadcasts not meant for the receiver (see report)");
    }
    if (!run.problemRefusals().isEmpty()) {
      out.println("  PROBLEM refused inbound messages:" + reasons(run.problemRefusals()));
    }
    SchemeFacts f = run.facts();
    out.println("  supplier learns: " + f.supplierLearns() + " [" + f.source() + "]");
    if (!f.coalitions().isEmpty()) {
      out.println("  coalitions (" + f.source() + "):");
      for (SchemeFacts.Coalition c : f.coalitions()) {
        out.println("    " + pad(c.parties(), 40) + "  " + c.learns());
      }
    }
    if (r.leakage().isPresent()) {
      out.println("  leakage:");
      for (LeakageReport.Metric m : r.leakage().get().metrics()) {
        out.printf(Locale.ROOT, "    %s %.3f%s%n", pad(m.name(), 44), m.value(),
            m.detail().isEmpty() ? "" : "  (" + m.detail() + ")");
      }
    }
    for (String note : f.notes()) {
      out.println("  note: " + note);
    }
    out.printf(Locale.ROOT, "  wall time %.2f s%n", run.wallNanos() / 1e9);
  }

  /**
   * Prints the comparison table of several schemes on the same households and faults.
   *
   * @param out where to print
   * @param reports the schemes' results
   */
  public static void compare(PrintWriter out, List<SchemeReport> reports) {
    out.printf(
        Locale.ROOT,
        "%-11s %9s %9s %9s %7s %7s %9s  %s%n",
        "scheme", "cpu us/mr", "bytes/mr", "msgs/mr", "exact", "void", "recovered", "what the supplier learns");
    for (SchemeReport r : reports) {
      RunResult run = r.run();
      boolean distortion = run.distortion().isPresent();
      out.printf(
          Locale.ROOT,
          "%-11s %9.1f %9.0f %9.2f %7s %7s %9s  %s%n",
          run.scheme(),
          run.cpuMicrosPerMeterRound(),
          run.bytesPerMeterRound(),
          run.messagesPerMeterRound(),
          distortion ? "n/a" : Long.toString(run.exactRounds()),
          distortion ? "n/a" : Long.toString(run.voidRounds()),
          distortion ? "n/a" : Long.toString(run.recoveredRounds()),
          run.facts().supplierLearns());
    }
    out.println("(per meter per round; exact/void/recovered count group-rounds; distortion sums are estimates by design)");
  }

  private static String reasons(Map<String, Long> m) {
    if (m.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    m.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append(' ').append(v));
    return b.append(')').toString();
  }

  /** Returns "1 group" or "2 groups". */
  static String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
