// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import io.gridveil.sim.run.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows progress on runs longer than a couple of seconds (spec/sim.md §6.3): a bar redrawn in
 * place when stdout is a terminal, otherwise one plain line per tenth of the run.
 */
public final class ConsoleProgress implements ProgressListener {
  /** Runs shorter than this show no progress at all. */
  static final long QUIET_NANOS = 2_000_000_000L;

  private static final int BAR = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastDraw;
  private long lastTenth = -1;
  private boolean drew;

  /**
   * Creates the listener.
   *
   * @param out where to print
   * @param terminal true to draw a bar in place (stdout is a terminal), false for plain lines
   */
  public ConsoleProgress(PrintWriter out, boolean terminal) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
  }

  @Override
  public void progress(String label, long done, long total) {
    long now = System.nanoTime();
    if (now - started < QUIET_NANOS || total <= 0) {
      return;
    }
    double f = Math.min(1.0, (double) done / total);
    if (terminal) {
      if (now - lastDraw < 100_000_000L && done < total) {
        return;
      }
      lastDraw = now;
      int filled = (int) Math.round(f * BAR);
      out.printf(
          Locale.ROOT,
          "\r%-10s [%s%s] %5.1f%% %.0f s",
          label,
          "#".repeat(filled),
          " ".repeat(BAR - filled),
          100 * f,
          (now - started) / 1e9);
      out.flush();
      drew = true;
    } else {
      long tenth = (long) Math.floor(f * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        int percent = (int) Math.floor(100 * f);
        out.printf(
            Locale.ROOT,
            "progress: %s %d%% (%d of %d group-rounds, %.0f s)%n",
            label,
            percent,
            done,
            total,
            (now - started) / 1e9);
        out.flush();
      }
    }
  }

  @Override
  public void finish() {
    if (drew) {
      out.println();
      out.flush();
      drew = false;
    }
    lastTenth = -1;
  }
}
