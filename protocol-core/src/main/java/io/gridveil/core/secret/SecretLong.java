// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

import java.util.Objects;

/**
 * A secret value of 64 bits: an element of Z_{2^64}, or of Z_M for M = 2^b stored as its
 * representative in [0, M) (spec/core.md §4.3). Key shares k_i1, deltas δ_ij, the group key K, the
 * masked partial sums of the secure sum and revealed pads travel in it.
 *
 * <p>No equals or hashCode over the value (identity semantics), a constant-time {@link
 * #equalsConstantTime}, a redacted {@link #toString()}, and one greppable door to the value:
 * {@link #value(SecretAccess)}. A primitive {@code long} cannot be wiped (spec/core.md §4.2), so
 * none is attempted.
 */
public final class SecretLong {
  private final long value;

  private SecretLong(long value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value, read as unsigned
   * @return the secret
   */
  public static SecretLong of(long value) {
    return new SecretLong(value);
  }

  /**
   * Returns the raw value.
   *
   * @param access the access token, {@code SecretAccess.grant()}
   * @return the value, read as unsigned
   * @throws NullPointerException if access is null
   */
  public long value(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return value;
  }

  /**
   * Compares two secrets without a data-dependent branch on their values.
   *
   * @param other the other secret
   * @return true if both hold the same 64 bits
   * @throws NullPointerException if other is null
   */
  public boolean equalsConstantTime(SecretLong other) {
    long d = value ^ other.value;
    // (d | -d) has its top bit set exactly when d != 0.
    return ((d | -d) >>> 63) == 0;
  }

  @Override
  public String toString() {
    return "SecretLong[redacted]";
  }
}
