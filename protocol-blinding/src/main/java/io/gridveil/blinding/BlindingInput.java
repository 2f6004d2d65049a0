// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of the blinding parties (spec/blinding.md §4): the TTP's setup, inbound envelopes,
 * a meter's local reading, and deadlines. Inbound envelopes are wrapped here, in one place, so
 * that a verified-envelope type can replace them later.
 */
public sealed interface BlindingInput {
  /**
   * The TTP's setup of a group (spec/blinding.md §4.1).
   *
   * @param roster SM_1 .. SM_n in ring order
   */
  record Setup(List<MeterId> roster) implements BlindingInput {
    /**
     * Copies the roster.
     *
     * @param roster SM_1 .. SM_n in ring order
     */
    public Setup {
      roster = List.copyOf(roster);
    }
  }

  /**
   * The TTP's setup of a group with a key pair generated beforehand (spec/blinding.md §4.1 with
   * §2.1 done ahead of time, for example to reuse one generation across a simulation).
   *
   * @param roster SM_1 .. SM_n in ring order
   * @param keys the supplier's key pair, of the group's key size
   */
  record SetupWithKeys(List<MeterId> roster, PaillierKeyPair keys) implements BlindingInput {
    /**
     * Copies the roster.
     *
     * @param roster SM_1 .. SM_n in ring order
     * @param keys the supplier's key pair, of the group's key size
     */
    public SetupWithKeys {
      roster = List.copyOf(roster);
      Objects.requireNonNull(keys, "keys");
    }
  }

  /**
   * A decoded inbound envelope.
   *
   * @param envelope the envelope
   */
  record Inbound(Envelope<BlindingMessage> envelope) implements BlindingInput {
    /**
     * Validates the component.
     *
     * @param envelope the envelope
     */
    public Inbound {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /**
   * A meter's reading e_ij for round j (spec/blinding.md §4.2).
   *
   * @param round j
   * @param reading e_ij
   */
  record LocalReading(Round round, Reading reading) implements BlindingInput {
    /**
     * Validates the components.
     *
     * @param round j
     * @param reading e_ij
     */
    public LocalReading {
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(reading, "reading");
    }
  }

  /**
   * The deadline of round j has passed (spec/blinding.md §4.3, §4.4).
   *
   * @param round j
   */
  record Deadline(Round round) implements BlindingInput {
    /**
     * Validates the component.
     *
     * @param round j
     */
    public Deadline {
      Objects.requireNonNull(round, "round");
    }
  }

  /**
   * Wraps an envelope.
   *
   * @param envelope the envelope
   * @return the input
   */
  static BlindingInput inbound(Envelope<BlindingMessage> envelope) {
    return new Inbound(envelope);
  }

  /**
   * Makes a reading input.
   *
   * @param round j
   * @param reading e_ij
   * @return the input
   */
  static BlindingInput reading(Round round, Reading reading) {
    return new LocalReading(round, reading);
  }
}
