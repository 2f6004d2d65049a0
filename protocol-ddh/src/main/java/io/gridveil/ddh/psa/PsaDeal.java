// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link PsaDealer#deal} (spec/runtime.md §3.2, §5.4; spec/ddh.md §7.1): one key
 * per meter, in the dealer's order, and the aggregator's key, all for one group. Secret:
 * redacted toString. The dealer hands each key to its holder and keeps nothing.
 */
public final class PsaDeal {
  private final GroupId group;
  private final List<PsaMeterKey> meterKeys;
  private final PsaAggregatorKey aggregatorKey;

  PsaDeal(GroupId group, List<PsaMeterKey> meterKeys, PsaAggregatorKey aggregatorKey) {
    this.group = Objects.requireNonNull(group, "group");
    this.meterKeys = List.copyOf(meterKeys);
    this.aggregatorKey = Objects.requireNonNull(aggregatorKey, "aggregatorKey");
  }

  /**
   * Returns the group the keys were dealt for.
   *
   * @return the group
   */
  public GroupId group() {
    return group;
  }

  /**
   * Returns the meters' keys sk_1..sk_n, in the dealer's order.
   *
   * @return the meters' keys
   */
  public List<PsaMeterKey> meterKeys() {
    return meterKeys;
  }

  /**
   * Returns the aggregator's key sk_0.
   *
   * @return the aggregator's key
   */
  public PsaAggregatorKey aggregatorKey() {
    return aggregatorKey;
  }

  @Override
  public String toString() {
    return "PsaDeal[" + group.value() + ", n=" + meterKeys.size() + ", redacted]";
  }
}
