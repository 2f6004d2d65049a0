// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The PSA dealer (spec/ddh.md §7.1, spec/runtime.md §3.2): a plain immutable operation, not a
 * role handle; it holds no state after dealing, has no store and receives no frames.
 */
public final class PsaDealer {
  private final PsaParameters params;
  private final RandomSource random;

  /**
   * Creates a dealer for groups of the given parameters.
   *
   * @param params the groups' parameters
   * @param random the injected random source the keys are drawn from
   */
  public PsaDealer(PsaParameters params, RandomSource random) {
    this.params = Objects.requireNonNull(params, "params");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Deals the keys of one group (spec/ddh.md §7.1): sk_1..sk_n uniform in [1, q) and
   * sk_0 = -(sk_1 + ... + sk_n) mod q.
   *
   * @param group the group
   * @param n the number of meters
   * @return one key per meter and the aggregator's key
   * @throws IllegalParameterException PSA-P-02 unless 2 &lt;= n &lt;= n_max (a parameter the
   *     caller chose, spec/runtime.md §3.5 item 2)
   */
  public PsaDeal deal(GroupId group, int n) {
    Objects.requireNonNull(group, "group");
    PsaKeys keys = PsaKeys.deal(params, n, random);
    List<PsaMeterKey> meters = new ArrayList<>(n);
    for (PsaSecretKey k : keys.meterKeys()) {
      meters.add(new PsaMeterKey(group, k));
    }
    return new PsaDeal(group, meters, new PsaAggregatorKey(group, keys.aggregatorKey()));
  }

  @Override
  public String toString() {
    return "PsaDealer[n_max=" + params.aggregation().nMax() + "]";
  }
}
