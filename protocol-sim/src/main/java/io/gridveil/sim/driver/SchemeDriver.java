// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

/**
 * The one interface through which the simulator runs every scheme (spec/sim.md §4.1): set up a
 * group, then run its rounds over a {@link FrameNetwork}.
 *
 * <p>A driver wires a scheme's sans-I/O parties together: it feeds each party its inputs, encodes
 * every outbound envelope into a frame, sends it through the group's network and decodes what
 * arrives. It never computes an aggregate itself: the outcome is the one the scheme's decrypting
 * party reports, which the simulator checks against the plaintext sum.
 */
public interface SchemeDriver {
  /**
   * Returns the scheme this driver runs.
   *
   * @return the scheme
   */
  Scheme scheme();

  /**
   * Sets up one group: keys, registration, everything before round 0.
   *
   * @param spec the group's size, parameters, faults and seed
   * @param network the group's network, which also counts costs
   * @return the group's session
   * @throws SimulationException if the set-up fails
   */
  GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException;

  /**
   * Returns what the scheme's code and spec state about what each party learns.
   *
   * @return the facts, for the report
   */
  SchemeFacts facts();
}
