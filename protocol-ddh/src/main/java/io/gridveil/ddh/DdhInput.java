// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Envelope;
import java.util.Objects;

/**
 * The inputs of the EDAT parties (spec/ddh.md §3.5): an inbound envelope, a local reading, or a
 * round deadline from the embedding product's timer.
 */
public sealed interface DdhInput {
  /**
   * An envelope received from the transport.
   *
   * @param envelope the decoded envelope
   */
  record Inbound(Envelope<DdhMessage> envelope) implements DdhInput {
    /**
     * Validates that the envelope is present.
     *
     * @param envelope the decoded envelope
     * @throws NullPointerException if the envelope is null
     */
    public Inbound {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /**
   * The meter's reading e_ij for round j (meters only).
   *
   * @param round j
   * @param reading e_ij
   */
  record LocalReading(Round round, Reading reading) implements DdhInput {
    /**
     * Validates that no component is null.
     *
     * @param round j
     * @param reading e_ij
     * @throws NullPointerException if a component is null
     */
    public LocalReading {
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(reading, "reading");
    }
  }

  /**
   * The deadline of round j has passed (aggregator: close the round; supplier: void what is still
   * open).
   *
   * @param round j
   */
  record Deadline(Round round) implements DdhInput {
    /**
     * Validates that the round is present.
     *
     * @param round j
     * @throws NullPointerException if the round is null
     */
    public Deadline {
      Objects.requireNonNull(round, "round");
    }
  }
}
