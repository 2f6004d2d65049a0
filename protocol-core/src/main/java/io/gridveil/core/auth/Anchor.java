// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import java.util.Objects;

/**
 * A trusted Ed25519 key with the principal it speaks for and the rounds in which it is accepted
 * (spec/auth.md §4.1).
 *
 * @param principal the sender address the key signs as (SUPPLIER, TRUSTED_THIRD_PARTY, or a
 *     licensed meter's identity)
 * @param key the public key
 * @param validFrom the first round in which signatures are accepted
 * @param acceptedUntil the last round in which signatures are accepted (inclusive)
 */
public record Anchor(Address principal, Ed25519PublicKey key, Round validFrom, Round acceptedUntil) {
  /** The last representable round: an anchor without a planned retirement. */
  public static final Round FOREVER = new Round(Long.MAX_VALUE - 1);

  /**
   * Validates the period.
   *
   * @param principal the sender address the key signs as (SUPPLIER, TRUSTED_THIRD_PARTY, or a licensed meter's identity)
   * @param key the public key
   * @param validFrom the first round in which signatures are accepted
   * @param acceptedUntil the last round in which signatures are accepted (inclusive)
   * @throws IllegalArgumentException if acceptedUntil precedes validFrom
   */
  public Anchor {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(acceptedUntil, "acceptedUntil");
    if (acceptedUntil.isBefore(validFrom)) {
      throw new IllegalArgumentException("acceptedUntil precedes validFrom");
    }
  }

  /**
   * Returns an anchor accepted from the first round on, with no planned retirement.
   *
   * @param principal the sender address the key signs as
   * @param key the public key
   * @return the anchor
   */
  public static Anchor of(Address principal, Ed25519PublicKey key) {
    return new Anchor(principal, key, Round.FIRST, FOREVER);
  }

  /**
   * Tells whether the key is accepted in a round.
   *
   * @param now the verifier's current round
   * @return true if validFrom &lt;= now &lt;= acceptedUntil
   */
  public boolean acceptsAt(Round now) {
    return !now.isBefore(validFrom) && !acceptedUntil.isBefore(now);
  }
}
