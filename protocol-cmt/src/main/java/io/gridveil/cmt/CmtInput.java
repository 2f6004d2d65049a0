// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Envelope;
import java.util.Objects;

/**
 * The inputs of the CMT parties (spec/cmt.md §5): inbound envelopes, timers and local events.
 *
 * <p>Inbound envelopes are decoded {@code Envelope<CmtMessage>} for now; a later issue replaces
 * them with verified envelopes, and {@link Inbound} is the one place that wraps them.
 */
public sealed interface CmtInput {
  /**
   * An envelope delivered by the transport.
   *
   * @param envelope the decoded envelope
   */
  record Inbound(Envelope<CmtMessage> envelope) implements CmtInput {
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

  /** The meter is powered on (spec/cmt.md §3.1 step 1). */
  record Start() implements CmtInput {}

  /**
   * A timer the embedding product set has fired (spec/cmt.md §3.11).
   *
   * @param kind which timer
   * @param round the round it concerns (round 0 for set-up timers)
   */
  record Timer(TimerKind kind, Round round) implements CmtInput {
    /**
     * Validates that no component is null.
     *
     * @param kind which timer
     * @param round the round it concerns (round 0 for set-up timers)
     * @throws NullPointerException if a component is null
     */
    public Timer {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(round, "round");
    }
  }

  /**
   * The meter's reading for a round (spec/cmt.md §3.6 step 4).
   *
   * @param round j
   * @param reading e_ij
   */
  record LocalReading(Round round, Reading reading) implements CmtInput {
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
   * The supplier's operator asks for round j (spec/cmt.md §3.6 step 1).
   *
   * @param round j
   */
  record RequestRound(Round round) implements CmtInput {
    /**
     * Validates that the round is present.
     *
     * @param round j
     * @throws NullPointerException if the round is null
     */
    public RequestRound {
      Objects.requireNonNull(round, "round");
    }
  }

  /** The LC hands its role to a random member (spec/cmt.md §3.10). */
  record RotateLc() implements CmtInput {}

  /** The meter leaves the group (spec/cmt.md §3.9 step 2). */
  record LeaveGroup() implements CmtInput {}

  /** The timers of spec/cmt.md §3.11. */
  enum TimerKind {
    /** A discovery broadcast went unanswered (spec/cmt.md §3.2). */
    DISCOVERY,
    /** The LC's registration window closes (spec/cmt.md §3.4). */
    REGISTRATION_DEADLINE,
    /** A round's deadline, at the supplier and at the LC (spec/cmt.md §3.7, §3.8). */
    ROUND_DEADLINE,
    /** A member has not heard from its LC for too long (spec/cmt.md §3.8 step 3). */
    LC_TIMEOUT
  }
}
