// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import java.util.Objects;

/**
 * The aggregator's share of a PSA deal (spec/ddh.md §7.1, spec/runtime.md §5.4): sk_0 for one group.
 * Secret: redacted toString; a {@link PsaAggregatorHandle} imports it into its vault under
 * {@code psa.aggregator.sk0}.
 */
public final class PsaAggregatorKey {
  private final GroupId group;
  private final PsaSecretKey secret;

  PsaAggregatorKey(GroupId group, PsaSecretKey secret) {
    this.group = Objects.requireNonNull(group, "group");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * Wraps a dealt key.
   *
   * @param group the group it was dealt for
   * @param secret sk_0
   * @return the key
   */
  public static PsaAggregatorKey of(GroupId group, PsaSecretKey secret) {
    return new PsaAggregatorKey(group, secret);
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
   * Returns sk_0.
   *
   * @return the secret key
   */
  public PsaSecretKey secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "PsaAggregatorKey[" + group.value() + ", redacted]";
  }
}
