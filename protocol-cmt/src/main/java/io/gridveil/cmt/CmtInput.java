// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.VerifiedEnvelope;
import java.util.Objects;

/**
 * The inputs of the CMT parties (spec/cmt.md §5): inbound envelopes, timers and local events.
 *
 * <p>An inbound envelope reaches a party only as a {@link VerifiedEnvelope}, which only core's
 * verifier creates (spec/cmt.md §11): an unverified envelope cannot reach protocol state. An
 * {@code io.gridveil.core.auth.Endpoint} wraps what it verified with {@code Inbound::new}.
 */
public sealed interface CmtInput {
  /**
   * An authenticated envelope delivered by the transport.
   *
   * @param verified the verified envelope: the decoded envelope, its authenticated principal and,
   *     for a licensed frame, the sender's licence checked at the receiver's current round
   */
  record Inbound(VerifiedEnvelope<CmtMessage> verified) implements CmtInput {
    /**
     * Validates that the envelope is present.
     *
     * @param verified the verified envelope
     * @throws NullPointerException if the envelope is null
     */
    public Inbound {
      Objects.requireNonNull(verified, "verified");
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

  /**
   * The supplier's operator enrols a meter with its device key (spec/cmt.md §3.1, §11.3); the
   * supplier's endpoint must also trust {@code Supplier.enrolmentAnchor(meter, deviceKey)}.
   *
   * @param meter the meter's identity
   * @param deviceKey its Ed25519 device key
   */
  record Enrol(MeterId meter, Ed25519PublicKey deviceKey) implements CmtInput {
    /**
     * Validates that no component is null.
     *
     * @param meter the meter's identity
     * @param deviceKey its Ed25519 device key
     * @throws NullPointerException if a component is null
     */
    public Enrol {
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(deviceKey, "deviceKey");
    }
  }

  /** What a revocation bars (spec/cmt.md §3.13). */
  enum RevocationScope {
    /**
     * Un-enrolment (a decommissioned or replaced device): the device key and the current licence
     * are revoked for good; the identity may be enrolled again with another device key.
     */
    DEVICE_KEY,
    /**
     * Compromise: as {@link #DEVICE_KEY}, and the identity is never enrolled or licensed again.
     */
    IDENTITY
  }

  /**
   * The supplier's operator revokes a meter (spec/cmt.md §3.13): no licence is issued to it
   * again, its current licence's serial goes on the revocation list (event {@link
   * CmtEvent.RevocationIssued}), and a group key it made no longer counts.
   *
   * @param meter the meter's identity
   * @param scope what is barred
   */
  record Revoke(MeterId meter, RevocationScope scope) implements CmtInput {
    /**
     * Validates that no component is null.
     *
     * @param meter the meter's identity
     * @param scope what is barred
     * @throws NullPointerException if a component is null
     */
    public Revoke {
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(scope, "scope");
    }
  }

  /**
   * The supplier's operator renews a meter's licence (spec/cmt.md §3.13): the only way to a new
   * licence after expiry; asking again only re-sends the current one.
   *
   * @param meter the meter's identity
   */
  record RenewLicence(MeterId meter) implements CmtInput {
    /**
     * Validates that the meter is not null.
     *
     * @param meter the meter's identity
     * @throws NullPointerException if it is null
     */
    public RenewLicence {
      Objects.requireNonNull(meter, "meter");
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
