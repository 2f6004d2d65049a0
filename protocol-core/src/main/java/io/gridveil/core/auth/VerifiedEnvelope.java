// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;

/**
 * An envelope whose sender was authenticated (spec/auth.md §1). Only the verifiers of this package
 * create one, so a party whose step function accepts only verified envelopes cannot let an
 * unverified one reach its state.
 *
 * @param <M> the scheme's message type
 */
public final class VerifiedEnvelope<M> {
  private final Envelope<M> envelope;
  private final Address principal;
  private final long sequence;

  VerifiedEnvelope(Envelope<M> envelope, Address principal, long sequence) {
    this.envelope = envelope;
    this.principal = principal;
    this.sequence = sequence;
  }

  /**
   * Returns the envelope.
   *
   * @return the decoded envelope
   */
  public Envelope<M> envelope() {
    return envelope;
  }

  /**
   * Returns the authenticated principal: the envelope's sender, as proven by a signature or MAC.
   *
   * @return the sender address
   */
  public Address principal() {
    return principal;
  }

  /**
   * Returns the sender's sequence number, for the receiver's {@link ReplayWindow}.
   *
   * @return the sequence number, in [0, 2^63)
   */
  public long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    return "VerifiedEnvelope[principal=" + principal + ", sequence=" + sequence + "]";
  }
}
