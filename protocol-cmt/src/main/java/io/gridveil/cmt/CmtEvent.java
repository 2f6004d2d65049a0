// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.party.ProtocolEvent;
import java.util.Objects;

/**
 * Lifecycle events the CMT parties report besides round outcomes (spec/cmt.md §5).
 */
public sealed interface CmtEvent extends ProtocolEvent {
  /**
   * A meter took the LC role, by self-election or hand-over (spec/cmt.md §3.2, §3.10).
   *
   * @param group the group
   * @param lc T_LC
   * @param epoch the LC's key epoch
   */
  record LcElected(GroupId group, Token lc, long epoch) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param lc T_LC
     * @param epoch the LC's key epoch
     * @throws NullPointerException if a component is null
     */
    public LcElected {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(lc, "lc");
    }
  }

  /**
   * An LC gave up its role to a greater LC or by rotation (spec/cmt.md §3.2, §3.10).
   *
   * @param group the group
   * @param successor the token of the LC that takes over
   */
  record LcSteppedDown(GroupId group, Token successor) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param successor the token of the LC that takes over
     * @throws NullPointerException if a component is null
     */
    public LcSteppedDown {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(successor, "successor");
    }
  }

  /**
   * The supplier accepted the group key of an epoch (spec/cmt.md §3.4 step 5): rounds are
   * requested under it from now on.
   *
   * @param group the group
   * @param epoch ε
   * @param n the number of members
   */
  record GroupKeyAccepted(GroupId group, long epoch, int n) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param epoch ε
     * @param n the number of members
     * @throws NullPointerException if a component is null
     */
    public GroupKeyAccepted {
      Objects.requireNonNull(group, "group");
    }
  }

  /**
   * The LC keyed the group for an epoch (spec/cmt.md §3.4 step 5).
   *
   * @param group the group
   * @param epoch ε
   * @param n the ring size
   */
  record GroupKeyed(GroupId group, long epoch, int n) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param epoch ε
     * @param n the ring size
     * @throws NullPointerException if the group is null
     */
    public GroupKeyed {
      Objects.requireNonNull(group, "group");
    }
  }

  /**
   * Fewer than m_min meters registered; the group stays unkeyed (spec/cmt.md §3.4 step 3).
   *
   * @param group the group
   * @param epoch ε
   * @param registered how many registered
   */
  record GroupBelowMinimum(GroupId group, long epoch, int registered) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param epoch ε
     * @param registered how many registered
     * @throws NullPointerException if the group is null
     */
    public GroupBelowMinimum {
      Objects.requireNonNull(group, "group");
    }
  }

  /**
   * The LC found a round without every acknowledgement and re-registers (spec/cmt.md §3.8).
   *
   * @param group the group
   * @param round j
   * @param missing how many members did not acknowledge
   */
  record RingBroken(GroupId group, Round round, int missing) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param round j
     * @param missing how many members did not acknowledge
     * @throws NullPointerException if a component is null
     */
    public RingBroken {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(round, "round");
    }
  }

  /**
   * A member found itself outside the current ring and discovers again (spec/cmt.md §3.9).
   *
   * @param group the group
   * @param epoch the epoch it was left out of
   */
  record Rejoining(GroupId group, long epoch) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param epoch the epoch it was left out of
     * @throws NullPointerException if the group is null
     */
    public Rejoining {
      Objects.requireNonNull(group, "group");
    }
  }

  /**
   * The supplier revoked a licence (spec/cmt.md §3.13): the product distributes the signed list
   * to every endpoint of the group ({@code Endpoint.updateRevocations}), whose verifiers then
   * refuse every frame under the revoked licences (AUTH-V-11).
   *
   * @param group the group
   * @param list the supplier-signed revocation list, newer than every earlier one
   */
  record RevocationIssued(GroupId group, SignedRevocationList list) implements CmtEvent {
    /**
     * Validates that no component is null.
     *
     * @param group the group
     * @param list the signed list
     * @throws NullPointerException if a component is null
     */
    public RevocationIssued {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(list, "list");
    }
  }
}
