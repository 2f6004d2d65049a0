// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.ec.X25519PublicKey;
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
  /**
   * Every ring token the LC counts as a member or invitee, with the identity it assigned it to
   * (spec/cmt.md §11.2: the LC accepts {@code Meter(T)} only from that identity's licence). One
   * token per identity, except that a merge may add a second for an identity that holds a token
   * of each LC; only one of them registers (spec/cmt.md §3.3 step 3, §11.1).
   */
  final Map<Token, MeterId> owners;
  /** The ring tokens of {@link #owners}. */
  final Set<Token> known;
  /** k_i1 per token registered in this epoch (0 under the secure sum). */
  final Map<Token, Long> shares;
  /** pk_T per token registered in this epoch (spec/cmt.md §11.4). */
  final Map<Token, X25519PublicKey> tokenKeys;
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
      Map<Token, MeterId> owners,
      Map<Token, Long> shares,
      Map<Token, X25519PublicKey> tokenKeys,
      List<Token> ring,
      long mask,
      Map<MeterId, Token> pendingJoins,
      Map<Round, Set<Token>> acks,
      long lastRelayed) {
    this.phase = phase;
    this.epoch = epoch;
    this.owners = Map.copyOf(owners);
    this.known = Set.copyOf(this.owners.keySet());
    this.shares = Map.copyOf(shares);
    this.tokenKeys = Map.copyOf(tokenKeys);
    this.ring = List.copyOf(ring);
    this.mask = mask;
    this.pendingJoins = Map.copyOf(pendingJoins);
    this.acks = Map.copyOf(acks);
    this.lastRelayed = lastRelayed;
  }

  static LcState collecting(long epoch, Map<Token, MeterId> owners,
      Map<MeterId, Token> pendingJoins, long lastRelayed) {
    return new LcState(Phase.COLLECTING, epoch, owners, Map.of(), Map.of(), List.of(), 0,
        pendingJoins, Map.of(), lastRelayed);
  }

  LcState with(Phase p, Map<Token, Long> s, List<Token> r, long m, Map<Round, Set<Token>> a,
      long relayed) {
    return new LcState(p, epoch, owners, s, tokenKeys, r, m, pendingJoins, a, relayed);
  }

  LcState withShare(Map<Token, Long> s, Map<Token, X25519PublicKey> keys) {
    return new LcState(phase, epoch, owners, s, keys, ring, mask, pendingJoins, acks,
        lastRelayed);
  }

  LcState withOwners(Map<Token, MeterId> o, Map<MeterId, Token> joins) {
    return new LcState(phase, epoch, o, shares, tokenKeys, ring, mask, joins, acks, lastRelayed);
  }

  @Override
  public String toString() {
    return "LcState[" + phase + ", epoch=" + epoch + ", redacted]";
  }
}
