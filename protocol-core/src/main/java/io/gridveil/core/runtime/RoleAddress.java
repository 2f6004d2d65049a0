// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a role sits, for routing and for the owner of its store (spec/runtime.md §3.1, §6.4):
 * its group, its role and, for a meter, its identity (the principal of the stored header).
 *
 * @param group the group
 * @param role the role
 * @param identity the meter's identity, empty for the other roles
 */
public record RoleAddress(GroupId group, Role role, Optional<MeterId> identity) {
  /**
   * Validates that no component is null.
   *
   * @param group the group
   * @param role the role
   * @param identity the meter's identity, empty for the other roles
   */
  public RoleAddress {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(identity, "identity");
  }

  /**
   * Returns a meter's address.
   *
   * @param group the group
   * @param id the meter's identity
   * @return the address
   */
  public static RoleAddress meter(GroupId group, MeterId id) {
    return new RoleAddress(group, Role.METER, Optional.of(id));
  }

  /**
   * Returns the address of a role without identity.
   *
   * @param group the group
   * @param role the role
   * @return the address
   */
  public static RoleAddress of(GroupId group, Role role) {
    return new RoleAddress(group, role, Optional.empty());
  }

  /**
   * Returns the principal written in the stored header: the identity, or the empty string.
   *
   * @return the principal
   */
  public String principal() {
    return identity.map(MeterId::value).orElse("");
  }
}
