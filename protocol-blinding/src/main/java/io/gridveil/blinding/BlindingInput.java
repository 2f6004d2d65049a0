// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of the blinding parties (spec/blinding.md §4): the TTP's setup, inbound envelopes,
 * a meter's local reading, and deadlines. Inbound envelopes arrive only verified
 * (spec/blinding.md §5.3): an unverified envelope cannot reach a party's state.
 */
public sealed interface BlindingInput {
  /**
   * The TTP's setup of a group (spec/blinding.md §4.1, §5.3): the roster as the meters'
   * supplier-signed licences, each verified at {@code now} against {@code anchors} and {@code
   * revocations} before the TTP deals to it.
   *
   * @param roster the licences of SM_1 .. SM_n in ring order
   * @param anchors the TTP's trust anchors (the supplier's licence-signing key among them)
   * @param revocations the newest verified revocation list the TTP holds
   * @param now the set-up round: licence validity is checked at it, and the set-up envelopes
   *     carry it
   */
  record Setup(
      List<SignedLicence> roster, TrustAnchors anchors, RevocationList revocations, Round now)
      implements BlindingInput {
    /**
     * Copies the roster.
     *
     * @param roster the licences of SM_1 .. SM_n in ring order
     * @param anchors the TTP's trust anchors (the supplier's licence-signing key among them)
     * @param revocations the newest verified revocation list the TTP holds
     * @param now the set-up round
     */
    public Setup {
      roster = List.copyOf(roster);
      Objects.requireNonNull(anchors, "anchors");
      Objects.requireNonNull(revocations, "revocations");
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * The TTP's setup of a group with a key pair generated beforehand (spec/blinding.md §4.1 with
   * §2.1 done ahead of time, for example to reuse one generation across a simulation).
   *
   * @param roster the licences of SM_1 .. SM_n in ring order
   * @param keys the supplier's key pair, of the group's key size
   * @param anchors the TTP's trust anchors (the supplier's licence-signing key among them)
   * @param revocations the newest verified revocation list the TTP holds
   * @param now the set-up round
   */
  record SetupWithKeys(
      List<SignedLicence> roster,
      PaillierKeyPair keys,
      TrustAnchors anchors,
      RevocationList revocations,
      Round now)
      implements BlindingInput {
    /**
     * Copies the roster.
     *
     * @param roster the licences of SM_1 .. SM_n in ring order
     * @param keys the supplier's key pair, of the group's key size
     * @param anchors the TTP's trust anchors (the supplier's licence-signing key among them)
     * @param revocations the newest verified revocation list the TTP holds
     * @param now the set-up round
     */
    public SetupWithKeys {
      roster = List.copyOf(roster);
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(anchors, "anchors");
      Objects.requireNonNull(revocations, "revocations");
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * An inbound envelope whose sender the party's endpoint authenticated (spec/blinding.md §5.3).
   *
   * @param verified the verified envelope
   */
  record Inbound(VerifiedEnvelope<BlindingMessage> verified) implements BlindingInput {
    /**
     * Validates the component.
     *
     * @param verified the verified envelope
     */
    public Inbound {
      Objects.requireNonNull(verified, "verified");
    }

    /**
     * Returns the envelope.
     *
     * @return the decoded, verified envelope
     */
    public Envelope<BlindingMessage> envelope() {
      return verified.envelope();
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
   * Wraps a verified envelope: the inbound wrapper of the parties' endpoints.
   *
   * @param verified the verified envelope
   * @return the input
   */
  static BlindingInput inbound(VerifiedEnvelope<BlindingMessage> verified) {
    return new Inbound(verified);
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
