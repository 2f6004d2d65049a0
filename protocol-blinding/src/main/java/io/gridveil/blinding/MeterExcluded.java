// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.party.ProtocolEvent;
import java.util.Objects;

/**
 * The TTP left a roster meter out of the dealt group because its licence was refused at set-up
 * (spec/blinding.md §5.3): the meter receives no seeds and none of its contributions counts.
 *
 * @param group the group being set up
 * @param meter the meter left out
 * @param check the licence check that failed (AUTH-V-01, -02, -03, -06, -07, -10 or -11)
 */
public record MeterExcluded(GroupId group, MeterId meter, CheckId check) implements ProtocolEvent {
  /**
   * Validates the components.
   *
   * @param group the group being set up
   * @param meter the meter left out
   * @param check the licence check that failed
   */
  public MeterExcluded {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(check, "check");
  }
}
