// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local concentrator's sub-state of a {@link Meter} (spec/cmt.md §5.2). Immutable; holds the
 * members' key shares, so its toString is redacted.
 */
final class LcState {
  enum Phase {
    COLLECTING,
    KEYING,
    KEYED
  }

  final Phase phase;
  final long epoch;
  /** Every token the LC currently counts as a member or invitee. */
  final Set<Token> known;
  /** k_i1 per token registered in this epoch (0 under the secure sum). */
  final Map<Token, Long> shares;
  /** The keyed ring order. */
  final List<Token> ring;
  /** The secure-sum mask r while KEYING (spec/cmt.md §3.5); K once KEYED (§3.6 step 1). */
  final long mask;
  /** Identities with an assignment in this collection (spec/cmt.md §3.3 step 3). */
  final Map<MeterId, Token> pendingJoins;
  /** RoundAcks per relayed round (spec/cmt.md §3.8). */
  final Map<Round, Set<Token>> acks;
  /** The last round relayed. */
  final long lastRelayed;

  LcState(
      Phase phase,
      long epoch,
      Set<Token> known,
      Map<Token, Long> shares,
      List<Token> ring,
      long mask,
      Map<MeterId, Token> pendingJoins,
      Map<Round, Set<Token>> acks,
      long lastRelayed) {
    this.phase = phase;
    this.epoch = epoch;
    this.known = Set.copyOf(known);
    this.shares = Map.copyOf(shares);
    this.ring = List.copyOf(ring);
    this.mask = mask;
    this.pendingJoins = Map.copyOf(pendingJoins);
    this.acks = Map.copyOf(acks);
    this.lastRelayed = lastRelayed;
  }

  static LcState collecting(long epoch, Set<Token> known, Map<MeterId, Token> pendingJoins,
      long lastRelayed) {
    return new LcState(Phase.COLLECTING, epoch, known, Map.of(), List.of(), 0, pendingJoins,
        Map.of(), lastRelayed);
  }

  LcState with(Phase p, Map<Token, Long> s, List<Token> r, long m, Map<Round, Set<Token>> a,
      long relayed) {
    return new LcState(p, epoch, known, s, r, m, pendingJoins, a, relayed);
  }

  LcState withKnown(Set<Token> k, Map<MeterId, Token> joins) {
    return new LcState(phase, epoch, k, shares, ring, mask, joins, acks, lastRelayed);
  }

  @Override
  public String toString() {
    return "LcState[" + phase + ", epoch=" + epoch + ", redacted]";
  }
}
