// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import io.gridveil.core.message.Address;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an outbound frame goes (spec/runtime.md §3.4). The handle computes it from the
 * envelope's recipient; a product routes by it and never by polling party state.
 */
public sealed interface Route {
  /**
   * The group the frame belongs to.
   *
   * @return the group
   */
  GroupId group();

  /**
   * To the role of a group: supplier, aggregator, trusted third party, collector, utility.
   *
   * @param group the group
   * @param role the role
   */
  record ToRole(GroupId group, Role role) implements Route {
    /**
     * Validates the components.
     *
     * @param group the group
     * @param role the role; not {@link Role#METER}
     * @throws IllegalArgumentException if the role is METER (use {@link ToMeter})
     */
    public ToRole {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(role, "role");
      if (role == Role.METER) {
        throw new IllegalArgumentException("a meter is routed by identity or pseudonym");
      }
    }
  }

  /**
   * To a meter by identity.
   *
   * @param group the group
   * @param id the meter's identity
   */
  record ToMeter(GroupId group, MeterId id) implements Route {
    /**
     * Validates the components.
     *
     * @param group the group
     * @param id the meter's identity
     */
    public ToMeter {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * To every member of the group (the broadcast).
   *
   * @param group the group
   */
  record ToGroup(GroupId group) implements Route {
    /**
     * Validates the group.
     *
     * @param group the group
     */
    public ToGroup {
      Objects.requireNonNull(group, "group");
    }
  }

  /**
   * To the meter holding a ring token; the product delivers it to every member or, if its
   * transport learnt where the token lives, to that member only (spec/runtime.md §3.4 item 3).
   *
   * @param group the group
   * @param token the ring token
   */
  record ToPseudonym(GroupId group, Token token) implements Route {
    /**
     * Validates the components.
     *
     * @param group the group
     * @param token the ring token
     */
    public ToPseudonym {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * Maps an envelope's recipient to its route by spec/runtime.md §3.4 item 1 and 3. The local
   * concentrator's address has no fixed route (item 2): the CMT supplier handle resolves it.
   *
   * @param group the envelope's group
   * @param recipient the envelope's recipient
   * @return the route, empty for {@link Address#LOCAL_CONCENTRATOR}
   */
  static Optional<Route> forRecipient(GroupId group, Address recipient) {
    if (recipient instanceof Address.Identified i) {
      return Optional.of(new ToMeter(group, i.id()));
    } else if (recipient instanceof Address.Meter m) {
      return Optional.of(new ToPseudonym(group, m.token()));
    } else if (recipient instanceof Address.GroupBroadcast) {
      return Optional.of(new ToGroup(group));
    } else if (recipient instanceof Address.Supplier) {
      return Optional.of(new ToRole(group, Role.SUPPLIER));
    } else if (recipient instanceof Address.Aggregator) {
      return Optional.of(new ToRole(group, Role.AGGREGATOR));
    } else if (recipient instanceof Address.TrustedThirdParty) {
      return Optional.of(new ToRole(group, Role.TRUSTED_THIRD_PARTY));
    }
    return Optional.empty();
  }
}
