// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.VerifiedEnvelope;
import java.util.Objects;

/**
 * The inputs of the PSA parties, shaped like EDAT's (spec/ddh.md §7.4).
 */
public sealed interface PsaInput {
  /**
   * An envelope received from the transport and verified by the receiver's
   * {@link io.gridveil.core.auth.Endpoint} (spec/ddh.md §10.6).
   *
   * @param verified the verified envelope, with its authenticated principal and licence
   */
  record Inbound(VerifiedEnvelope<PsaMessage> verified) implements PsaInput {
    /**
     * Validates that the envelope is present.
     *
     * @param verified the verified envelope, with its authenticated principal and licence
     * @throws NullPointerException if the envelope is null
     */
    public Inbound {
      Objects.requireNonNull(verified, "verified");
    }
  }

  /**
   * The meter's reading e_ij for round j.
   *
   * @param round j
   * @param reading e_ij
   */
  record LocalReading(Round round, Reading reading) implements PsaInput {
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
   * The deadline of round j has passed.
   *
   * @param round j
   */
  record Deadline(Round round) implements PsaInput {
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
