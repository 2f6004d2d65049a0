// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

/** Whether a kind of refusal is expected of the protocol or indicates a problem (spec/sim.md §4.7). */
public enum RefusalClass {
  /**
   * A frame the scheme sends to receivers that do not need it, refused by them by design; listed
   * in {@link ExpectedRefusals} with its reason.
   */
  EXPECTED,
  /** Anything else: a network fault, an attack, or a defect. */
  PROBLEM
}
