// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519PublicKey;
import java.util.Objects;

/**
 * A meter's request to be in a group's roster (spec/ddh.md §10.3): its supplier-signed licence,
 * which gives its identity, and its X25519 public key X_i. The supplier checks the licence at
 * set-up and at every re-key; the key is bound to the meter by the meter itself, which refuses a
 * roster that lists it with another key (DDH-V-05).
 *
 * @param licence the meter's signed licence
 * @param key X_i, validated (spec/ddh.md §2.2)
 */
public record DdhEnrolment(SignedLicence licence, X25519PublicKey key) {
  /**
   * Validates that no component is null.
   *
   * @param licence the meter's signed licence
   * @param key X_i, validated (spec/ddh.md §2.2)
   * @throws NullPointerException if a component is null
   */
  public DdhEnrolment {
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(key, "key");
  }
}
