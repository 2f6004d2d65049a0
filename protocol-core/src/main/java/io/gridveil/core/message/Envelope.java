// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A protocol message with its header (spec/encoding.md §2): sender, recipient, group, round and
 * the scheme's message body. Its {@link #toString()} names the body's type and never its fields,
 * so a logged envelope shows no secret or reading whatever the body holds (spec/core.md §4.3).
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

  @Override
  public String toString() {
    return "Envelope[" + typeName(body) + ", sender=" + sender + ", recipient=" + recipient
        + ", group=" + group + ", round=" + round + "]";
  }

  /**
   * Names a value's type without showing its content (spec/core.md §4.3).
   *
   * @param value a message body, a party state or a payload (the constructors of the carriers
   *     refuse null; the nullness checker cannot see that through a type variable)
   * @return the simple name of its class
   */
  public static String typeName(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
