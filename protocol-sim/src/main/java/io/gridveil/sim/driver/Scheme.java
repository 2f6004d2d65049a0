// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.Locale;

/** The schemes the simulator can run (spec/sim.md §2). */
public enum Scheme {
  /** CMT additive encryption on the ring of differential keys (spec/cmt.md). */
  CMT,
  /** TTP-dealt blinding factors over Paillier (spec/blinding.md). */
  BLINDING,
  /** DDH-based noise aggregation without a trusted party (spec/ddh.md). */
  DDH,
  /** Shi et al. private stream aggregation (spec/ddh.md, the PSA comparison). */
  PSA,
  /** Gaussian distortion with on-meter billing (spec/distortion.md). */
  DISTORTION;

  /**
   * Returns the name used on the command line and in reports.
   *
   * @return for example {@code "cmt"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
