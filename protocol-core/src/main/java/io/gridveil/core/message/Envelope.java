// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import java.util.Objects;

/**
 * A protocol message with its header (spec/encoding.md §2): sender, recipient, group, round and
 * the scheme's message body.
 *
 * @param <M> the scheme's sealed message type
 * @param sender who sent it
 * @param recipient who it is for
 * @param group the aggregation group
 * @param round the round j it belongs to (round 0 for set-up messages)
 * @param body the scheme's message
 */
public record Envelope<M>(Address sender, Address recipient, GroupId group, Round round, M body) {
  /**
   * Validates that no component is null.
   *
   * @param sender who sent it
   * @param recipient who it is for
   * @param group the aggregation group
   * @param round the round j it belongs to (round 0 for set-up messages)
   * @param body the scheme's message
   * @throws NullPointerException if a component is null
   */
  public Envelope {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(round, "round");
    if (body == null) {
      throw new NullPointerException("body");
    }
  }
}
