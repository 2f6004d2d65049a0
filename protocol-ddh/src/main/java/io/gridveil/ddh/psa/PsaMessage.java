// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import java.util.Objects;

/**
 * The messages of PSA (spec/ddh.md §7.5); the type byte is derived from the class by
 * {@link PsaCodec#typeOf}.
 */
public sealed interface PsaMessage {
  /**
   * Type 1, meter to aggregator: c_ij.
   *
   * @param ciphertext c_ij
   */
  record Contribution(PsaCiphertext ciphertext) implements PsaMessage {
    /**
     * Validates that the ciphertext is present.
     *
     * @param ciphertext c_ij
     * @throws NullPointerException if it is null
     */
    public Contribution {
      Objects.requireNonNull(ciphertext, "ciphertext");
    }
  }
}
