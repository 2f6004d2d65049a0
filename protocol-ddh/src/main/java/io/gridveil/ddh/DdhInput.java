// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.VerifiedEnvelope;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of the EDAT parties (spec/ddh.md §3.5): an inbound envelope whose sender was
 * authenticated, a local reading, a round deadline from the embedding product's timer, or an
 * operator command of the supplier (announce, re-key).
 */
public sealed interface DdhInput {
  /**
   * An envelope received from the transport and verified by the receiver's
   * {@link io.gridveil.core.auth.Endpoint} (spec/ddh.md §10): an unverified envelope cannot
   * reach a party.
   *
   * @param verified the verified envelope, with its authenticated principal and licence
   */
  record Inbound(VerifiedEnvelope<DdhMessage> verified) implements DdhInput {
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
   * Supplier only: broadcast the roster in force again (set-up through the network, or a meter
   * that missed a re-key; spec/ddh.md §2.4).
   */
  record Announce() implements DdhInput {}

  /**
   * Supplier only: re-key the group with a new member list, each licence checked again
   * (spec/ddh.md §2.4, §10.3).
   *
   * @param members the meters' enrolments in ring order
   * @param admission what the licences are checked against
   */
  record Rekey(List<DdhEnrolment> members, Admission admission) implements DdhInput {
    /**
     * Copies the list.
     *
     * @param members the meters' enrolments in ring order
     * @param admission what the licences are checked against
     * @throws NullPointerException if a component or an element is null
     */
    public Rekey {
      members = List.copyOf(members);
      Objects.requireNonNull(admission, "admission");
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
