// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import java.util.Objects;

/**
 * One payload handed to its recipient by an {@link InMemoryNetwork}. Its {@link #toString()}
 * shows an envelope payload redacted and any other payload by its type only (spec/core.md §4.3).
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

  @Override
  public String toString() {
    String shown = payload instanceof Envelope<?> e ? e.toString() : Envelope.typeName(payload);
    return "Delivery[to=" + recipient + ", " + shown + "]";
  }
}
