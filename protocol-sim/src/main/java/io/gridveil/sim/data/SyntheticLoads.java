// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

/** Synthetic appliance-level households (spec/sim.md §3.4). */
public final class SyntheticLoads {
  private SyntheticLoads() {}

  /**
   * Creates the synthetic households of a run.
   *
   * @param seed the run's seed
   * @param intervalMinutes the round length
   * @param rounds the number of rounds
   * @param households the number of households
   * @return the load set
   */
  @SuppressWarnings("DoNotCallSuggester") // interim, until protocol-distortion is installed
  public static LoadSet create(long seed, int intervalMinutes, int rounds, int households) {
    throw new UnsupportedOperationException("synthetic households need protocol-distortion");
  }
}
