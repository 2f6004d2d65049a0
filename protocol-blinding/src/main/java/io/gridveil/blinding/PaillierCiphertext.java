// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A Paillier ciphertext, an element of Z*_{N^2} (spec/blinding.md §2.4, §2.7). Membership in
 * Z*_{N^2} depends on the key: obtain checked ciphertexts from
 * {@link PaillierPublicKey#ciphertext(BigInteger)}.
 *
 * @param value c, positive
 */
public record PaillierCiphertext(BigInteger value) {
  /**
   * Validates that c is positive.
   *
   * @param value c, positive
   * @throws IllegalArgumentException if c &lt;= 0
   */
  public PaillierCiphertext {
    Objects.requireNonNull(value, "value");
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("ciphertext must be positive");
    }
  }

  @Override
  public String toString() {
    return "PaillierCiphertext[" + value.bitLength() + " bits]";
  }
}
