// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

/** Receives a run's progress (spec/sim.md §6.3). */
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (label, done, total) -> {};

  /**
   * Reports progress.
   *
   * @param label what is running, for example {@code "cmt"}
   * @param done the group-rounds done
   * @param total the group-rounds of the run
   */
  void progress(String label, long done, long total);

  /** Tells the listener the run has ended, so that it can finish its line. */
  default void finish() {}
}
