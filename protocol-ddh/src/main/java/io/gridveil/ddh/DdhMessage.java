// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.secret.SecretLong;
import java.util.List;
import java.util.Objects;

/**
 * The messages of EDAT (spec/ddh.md §4). The message type byte is derived from the class by
 * {@link DdhCodec#typeOf}.
 */
public sealed interface DdhMessage {
  /**
   * Type 1, supplier to group broadcast: the signed roster (spec/ddh.md §2.3, §2.4).
   *
   * @param roster the signed roster, verified by each recipient
   */
  record RosterAnnouncement(SignedRoster roster) implements DdhMessage {
    /**
     * Validates that the roster is present.
     *
     * @param roster the signed roster, verified by each recipient
     * @throws NullPointerException if the roster is null
     */
    public RosterAnnouncement {
      Objects.requireNonNull(roster, "roster");
    }
  }

  /**
   * Type 2, meter to aggregator: c_ij (spec/ddh.md §3.1).
   *
   * @param version the roster version v the pads were derived under
   * @param ciphertext c_ij in [0, M), as an unsigned 64-bit value
   */
  record Contribution(long version, long ciphertext) implements DdhMessage {}

  /**
   * Type 3, aggregator to supplier: the sum of a round's ciphertexts and who contributed (spec/ddh.md
   * §3.2).
   *
   * @param version the roster version v
   * @param sum sum of c_ij over the contributors, mod M
   * @param contributors the contributors' ring positions, strictly increasing
   */
  record AggregateSum(long version, long sum, List<Integer> contributors) implements DdhMessage {
    /**
     * Copies the list.
     *
     * @param version the roster version v
     * @param sum sum of c_ij over the contributors, mod M
     * @param contributors the contributors' ring positions, strictly increasing
     * @throws NullPointerException if the list or an element is null
     */
    public AggregateSum {
      contributors = List.copyOf(contributors);
    }
  }

  /**
   * Type 4, supplier to a present neighbour of a missing run: reveal the pad shared with it
   * (spec/ddh.md §3.4).
   *
   * @param version the roster version v
   * @param missing the ring positions that did not contribute, strictly increasing
   */
  record RevealRequest(long version, List<Integer> missing) implements DdhMessage {
    /**
     * Copies the list.
     *
     * @param version the roster version v
     * @param missing the ring positions that did not contribute, strictly increasing
     * @throws NullPointerException if the list or an element is null
     */
    public RevealRequest {
      missing = List.copyOf(missing);
    }
  }

  /**
   * Type 5, meter to supplier: the round's PRF value on the ring key shared with a missing
   * neighbour (spec/ddh.md §3.4). The pad is a {@link SecretLong} (spec/core.md §4.3): the
   * record's equality does not compare it by value and its toString does not show it.
   *
   * @param version the roster version v
   * @param missing the ring position of the missing neighbour
   * @param pad F(k, j) on the key k shared with that neighbour, in [0, M)
   */
  record PadReveal(long version, int missing, SecretLong pad) implements DdhMessage {
    /**
     * Validates that the pad is present.
     *
     * @param version the roster version v
     * @param missing the ring position of the missing neighbour
     * @param pad F(k, j) on the key k shared with that neighbour, in [0, M)
     * @throws NullPointerException if the pad is null
     */
    public PadReveal {
      Objects.requireNonNull(pad, "pad");
    }
  }
}
