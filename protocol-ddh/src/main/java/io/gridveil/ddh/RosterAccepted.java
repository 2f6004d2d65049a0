// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.party.ProtocolEvent;
import java.util.Objects;

/**
 * A party verified and switched to a new roster version (spec/ddh.md §2.4).
 *
 * @param group the group
 * @param version the roster version now in force
 */
public record RosterAccepted(GroupId group, long version) implements ProtocolEvent {
  /**
   * Validates that the group is present.
   *
   * @param group the group
   * @param version the roster version now in force
   * @throws NullPointerException if the group is null
   */
  public RosterAccepted {
    Objects.requireNonNull(group, "group");
  }
}
