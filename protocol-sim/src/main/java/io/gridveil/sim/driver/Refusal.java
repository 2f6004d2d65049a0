// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a party refused (spec/sim.md §4.2): the check that failed, the type of the refused message
 * and the role of the party that refused it. It names types and roles only, never a value.
 *
 * @param checkId the check ID of the {@code ProtocolViolationException}
 * @param messageType the simple name of the refused message's body type, or {@link #MALFORMED}
 * @param role the receiving party's role when it refused the message
 */
public record Refusal(String checkId, String messageType, Role role) implements Comparable<Refusal> {
  /** The message type of a frame whose envelope does not decode. */
  public static final String MALFORMED = "(malformed)";

  private static final Comparator<Refusal> ORDER =
      Comparator.comparing(Refusal::checkId)
          .thenComparing(Refusal::messageType)
          .thenComparing(Refusal::role);

  /**
   * Validates the components.
   *
   * @param checkId the check ID of the {@code ProtocolViolationException}
   * @param messageType the simple name of the refused message's body type, or {@link #MALFORMED}
   * @param role the receiving party's role when it refused the message
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the check ID or the type is empty
   */
  public Refusal {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(role, "role");
    if (checkId.isEmpty() || messageType.isEmpty()) {
      throw new IllegalArgumentException("a refusal names its check and its message type");
    }
  }

  @Override
  public int compareTo(Refusal other) {
    return ORDER.compare(this, other);
  }

  /**
   * Returns the refusal as one phrase, for the terminal.
   *
   * @return for example {@code "CMT-S-06 Registration at meter"}
   */
  public String describe() {
    return checkId + " " + messageType + " at " + role.id();
  }
}
