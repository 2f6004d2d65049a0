// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.Locale;

/** A protocol role whose messages, bytes and CPU time the simulator counts (spec/sim.md §4.4). */
public enum Role {
  /** A smart meter SM_i. */
  METER,
  /** The local concentrator LC of a CMT group. */
  LOCAL_CONCENTRATOR,
  /** The aggregator or access point between the meters and the supplier. */
  AGGREGATOR,
  /** The supplier (utility, control centre), who decrypts or collects. */
  SUPPLIER,
  /** The trusted third party that deals blinding material. */
  TRUSTED_THIRD_PARTY;

  /**
   * Returns the name used in reports.
   *
   * @return for example {@code "local-concentrator"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
