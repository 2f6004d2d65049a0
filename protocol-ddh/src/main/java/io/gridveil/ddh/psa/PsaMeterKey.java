// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import java.util.Objects;

/**
 * A meter's share of a PSA deal (spec/ddh.md §7.1, spec/runtime.md §5.4): sk_i for one group.
 * Secret: redacted toString; a {@link PsaMeterHandle} imports it into its vault under
 * {@code psa.meter.sk}.
 */
public final class PsaMeterKey {
  private final GroupId group;
  private final PsaSecretKey secret;

  PsaMeterKey(GroupId group, PsaSecretKey secret) {
    this.group = Objects.requireNonNull(group, "group");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * Wraps a dealt key.
   *
   * @param group the group it was dealt for
   * @param secret sk_i
   * @return the key
   */
  public static PsaMeterKey of(GroupId group, PsaSecretKey secret) {
    return new PsaMeterKey(group, secret);
  }

  /**
   * Returns the group the key was dealt for.
   *
   * @return the group
   */
  public GroupId group() {
    return group;
  }

  /**
   * Returns sk_i.
   *
   * @return the secret key
   */
  public PsaSecretKey secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "PsaMeterKey[" + group.value() + ", redacted]";
  }
}
