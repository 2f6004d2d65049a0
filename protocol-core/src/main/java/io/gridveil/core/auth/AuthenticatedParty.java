// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.Token;
import io.gridveil.core.party.Party;
import java.util.Optional;

/**
 * A party that an {@link Endpoint} can drive (spec/auth.md §10): its inbound envelopes reach it
 * only as {@link VerifiedEnvelope}s, and its current state tells the endpoint which frames it
 * accepts ({@link ReceiverPolicy}), which reading tokens it verifies and which it MACs with.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 */
public interface AuthenticatedParty<S extends AuthenticatedParty<S, I>, I>
    extends Party<S, I>, ReceiverPolicy {
  /**
   * Returns the tokens whose MACed reading frames this party verifies (the supplier's side of
   * spec/auth.md §6.2); empty for every other party.
   *
   * @return the keyring, if this party receives MACed frames
   */
  default Optional<ReadingKeyring> readingKeyring() {
    return Optional.empty();
  }

  /**
   * Returns the licence this party's control frames carry now, if it holds one the endpoint was
   * not created with (a CMT meter granted its licence at first connection); the endpoint signs
   * with the licence only if its key is the endpoint's signing key.
   *
   * @return the licence obtained by the protocol, if any
   */
  default Optional<SignedLicence> licence() {
    return Optional.empty();
  }

  /**
   * Returns the reading key this party MACs its frames from {@code Meter(token)} to the supplier
   * with (spec/auth.md §6.3); empty if it holds no such key, and the frame is signed instead.
   *
   * @param token the sender token of an outbound frame
   * @return the meter's reading key for that token, if it holds one
   */
  default Optional<ReadingKey> readingKey(Token token) {
    return Optional.empty();
  }
}
