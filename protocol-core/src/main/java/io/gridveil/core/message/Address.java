// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import java.util.Objects;

/**
 * The sender or recipient of an envelope (spec/encoding.md §2.3): a meter by token or by
 * identity, a role, or the group broadcast.
 */
public sealed interface Address {
  /** The supplier (control centre). */
  Address SUPPLIER = new Supplier();
  /** The group's local concentrator, whichever meter holds the role. */
  Address LOCAL_CONCENTRATOR = new LocalConcentrator();
  /** The aggregator (gateway, access point). */
  Address AGGREGATOR = new Aggregator();
  /** The trusted third party. */
  Address TRUSTED_THIRD_PARTY = new TrustedThirdParty();
  /** Every meter of the envelope's group. */
  Address GROUP_BROADCAST = new GroupBroadcast();

  /**
   * A meter addressed by its pseudonym T_i (the reading plane).
   *
   * @param token T_i
   */
  record Meter(Token token) implements Address {
    /**
     * Validates the token.
     *
     * @param token T_i
     * @throws NullPointerException if the token is null
     */
    public Meter {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * A meter addressed by its real identity (licensing only).
   *
   * @param id the meter's identity
   */
  record Identified(MeterId id) implements Address {
    /**
     * Validates the identity.
     *
     * @param id the meter's identity
     * @throws NullPointerException if the identity is null
     */
    public Identified {
      Objects.requireNonNull(id, "id");
    }
  }

  /** The local concentrator role. */
  record LocalConcentrator() implements Address {}

  /** The aggregator role. */
  record Aggregator() implements Address {}

  /** The supplier role. */
  record Supplier() implements Address {}

  /** The trusted third party role. */
  record TrustedThirdParty() implements Address {}

  /** The group broadcast. */
  record GroupBroadcast() implements Address {}

  /**
   * Returns the address of a meter by token.
   *
   * @param token T_i
   * @return the address
   */
  static Address meter(Token token) {
    return new Meter(token);
  }

  /**
   * Returns the address of a meter by identity.
   *
   * @param id the identity
   * @return the address
   */
  static Address identified(MeterId id) {
    return new Identified(id);
  }

  /**
   * Returns the broadcast address of a group; the group itself travels in the envelope.
   *
   * @param group the group (for readability at call sites; the address does not store it)
   * @return {@link #GROUP_BROADCAST}
   */
  static Address broadcast(GroupId group) {
    Objects.requireNonNull(group, "group");
    return GROUP_BROADCAST;
  }
}
