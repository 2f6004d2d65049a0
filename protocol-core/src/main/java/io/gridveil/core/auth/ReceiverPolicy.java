// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.message.Address;
import java.util.Objects;

/**
 * What a receiving party accepts beyond a valid signature or MAC (spec/auth.md §3.3 steps 5 and
 * 7): which recipient addresses are its own, and which sender addresses an authenticated principal
 * may write. A scheme party whose addresses change (a CMT meter gets a token, becomes the local
 * concentrator) answers from its current state.
 */
public interface ReceiverPolicy {
  /**
   * Tells whether a frame addressed to {@code recipient} is for this party (else AUTH-V-13).
   *
   * @param recipient the frame's recipient
   * @return true if the party is the recipient or the recipient is a broadcast it belongs to
   */
  boolean isAddressedTo(Address recipient);

  /**
   * Tells whether the authenticated principal may send as {@code sender} (else AUTH-V-06). The
   * principal is the anchor's principal for a signed frame, {@code Identified(id)} of the licence
   * for a licensed frame, and {@code Meter(T)} for a MACed frame.
   *
   * @param sender the frame's sender address
   * @param principal who the signature or MAC proves sent it
   * @return true if the principal may use that sender address
   */
  default boolean mayClaim(Address sender, Address principal) {
    return sender.equals(principal);
  }

  /**
   * The policy of a party with one fixed address: frames to it or to the group broadcast, each
   * principal only under its own address.
   *
   * @param self the party's address
   * @return the policy
   */
  static ReceiverPolicy of(Address self) {
    Objects.requireNonNull(self, "self");
    return recipient -> recipient.equals(self) || recipient.equals(Address.GROUP_BROADCAST);
  }
}
