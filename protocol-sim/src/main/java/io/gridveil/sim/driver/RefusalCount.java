// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.Objects;

/**
 * How many inbound messages of one kind the parties refused, and whether that kind is expected
 * (spec/sim.md §4.7).
 *
 * @param refusal the check, message type and receiving role
 * @param count how many were refused, at least 1
 * @param refusalClass {@link RefusalClass#EXPECTED} if {@link ExpectedRefusals} lists the kind
 * @param reason why the protocol sends such frames to receivers that refuse them, or empty for a
 *     problem
 */
public record RefusalCount(Refusal refusal, long count, RefusalClass refusalClass, String reason) {
  /**
   * Validates the components.
   *
   * @param refusal the check, message type and receiving role
   * @param count how many were refused, at least 1
   * @param refusalClass {@link RefusalClass#EXPECTED} if {@link ExpectedRefusals} lists the kind
   * @param reason why the protocol sends such frames, or empty for a problem
   * @throws IllegalArgumentException if the count is below 1, or an expected refusal has no reason
   */
  public RefusalCount {
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(refusalClass, "refusalClass");
    Objects.requireNonNull(reason, "reason");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if ((refusalClass == RefusalClass.EXPECTED) == reason.isEmpty()) {
      throw new IllegalArgumentException("an expected refusal, and only one, states its reason");
    }
  }

  /**
   * Tells whether this kind indicates a fault, an attack or a defect.
   *
   * @return true for {@link RefusalClass#PROBLEM}
   */
  public boolean problem() {
    return refusalClass == RefusalClass.PROBLEM;
  }
}
