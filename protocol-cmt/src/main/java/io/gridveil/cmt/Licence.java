// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import java.util.Objects;

/**
 * The supplier's permission for a meter to join a group (spec/cmt.md §3.1). A plain record for
 * now: its authenticity comes from the envelope layer (a later issue adds a signature).
 *
 * @param meter the licensed identity
 * @param group the group the meter may join
 * @param serial the supplier's licence serial number
 */
public record Licence(MeterId meter, GroupId group, long serial) {
  /**
   * Validates that no component is null.
   *
   * @param meter the licensed identity
   * @param group the group the meter may join
   * @param serial the supplier's licence serial number
   * @throws NullPointerException if a component is null
   */
  public Licence {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(group, "group");
  }
}
