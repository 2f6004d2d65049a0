// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.MeterId;
import io.gridveil.core.ec.X25519PublicKey;
import java.util.Objects;

/**
 * One member of a roster: a meter's identity and its X25519 public key X_i (spec/ddh.md §2.3).
 *
 * @param id the meter's identity
 * @param key X_i
 */
public record RosterEntry(MeterId id, X25519PublicKey key) {
  /**
   * Validates that no component is null.
   *
   * @param id the meter's identity
   * @param key X_i
   * @throws NullPointerException if a component is null
   */
  public RosterEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
  }
}
