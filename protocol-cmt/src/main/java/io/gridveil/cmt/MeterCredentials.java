// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519PublicKey;
import java.util.Objects;

/**
 * What a meter is provisioned with besides its master secret (spec/cmt.md §11.3, §11.4): the
 * public half of its enrolled device key (the private half stays in its endpoint), the supplier's
 * trust anchors it checks its licence against, and the supplier's X25519 reading key pk_S. All
 * public values.
 *
 * @param deviceKey the meter's enrolled Ed25519 device key; its licence must bind this key
 * @param anchors the supplier's signing keys, as the meter's endpoint trusts them
 * @param supplierReadingKey pk_S, the supplier's X25519 reading key
 */
public record MeterCredentials(
    Ed25519PublicKey deviceKey, TrustAnchors anchors, X25519PublicKey supplierReadingKey) {
  /**
   * Validates that no component is null.
   *
   * @param deviceKey the meter's enrolled Ed25519 device key
   * @param anchors the supplier's signing keys
   * @param supplierReadingKey pk_S
   * @throws NullPointerException if a component is null
   */
  public MeterCredentials {
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(supplierReadingKey, "supplierReadingKey");
  }
}
