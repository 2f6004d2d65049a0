// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

/**
 * The true consumption of the simulated households (spec/sim.md §3): one trace of energy per
 * round, in watt-hours, per household.
 *
 * <p>Traces are produced on demand so that a run keeps only the group being simulated in memory
 * (spec/sim.md §4.3).
 */
public interface LoadSet {
  /**
   * Returns the number of distinct household traces available.
   *
   * @return at least 1
   */
  int households();

  /**
   * Fills one household's trace for rounds 0 .. out.length - 1.
   *
   * @param household the household index, in [0, households())
   * @param out receives e_ij in Wh for j = 0 .. out.length - 1
   */
  void trace(int household, long[] out);

  /**
   * Describes the source for the report.
   *
   * @return for example {@code "UCI household power file h.txt: 3 household-days"}
   */
  String describe();
}
