// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

import io.gridveil.core.message.Address;
import java.util.Objects;

/**
 * One payload handed to its recipient by an {@link InMemoryNetwork}.
 *
 * @param <P> the payload type (encoded frames, or envelopes)
 * @param recipient where it goes
 * @param payload what arrives
 */
public record Delivery<P>(Address recipient, P payload) {
  /**
   * Validates that no component is null.
   *
   * @param recipient where it goes
   * @param payload what arrives
   * @throws NullPointerException if a component is null
   */
  public Delivery {
    Objects.requireNonNull(recipient, "recipient");
    if (payload == null) {
      throw new NullPointerException("payload");
    }
  }
}
