// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

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
  private final @Nullable Licence licence;
  private final @Nullable KeyId signer;

  VerifiedEnvelope(
      Envelope<M> envelope,
      Address principal,
      long sequence,
      @Nullable Licence licence,
      @Nullable KeyId signer) {
    this.envelope = envelope;
    this.principal = principal;
    this.sequence = sequence;
    this.licence = licence;
    this.signer = signer;
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
   * Returns the authenticated principal: the anchor's principal for a signed frame, {@code
   * Identified(id)} for a licensed frame, {@code Meter(T)} for a MACed frame. The envelope's sender
   * is this address or one the receiver's {@link ReceiverPolicy} lets the principal use.
   *
   * @return the principal
   */
  public Address principal() {
    return principal;
  }

  /**
   * Returns the licence that a licensed frame carried, verified at the receiver's current round
   * (spec/auth.md §3.4): the join-time and re-key licence check of §5.2.
   *
   * @return the licence, for a licensed frame; empty otherwise
   */
  public Optional<Licence> licence() {
    return Optional.ofNullable(licence);
  }

  /**
   * Returns the ID of the key whose signature verified (the anchor's key for a signed frame, the
   * licence's meter key for a licensed frame), so a receiver can tell apart two anchors that share
   * a principal.
   *
   * @return the key ID; empty for a MACed frame, whose principal names the token
   */
  public Optional<KeyId> signer() {
    return Optional.ofNullable(signer);
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
