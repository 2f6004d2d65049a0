// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.ec.P256Scalar;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The dealer's output of PSA Setup (spec/ddh.md §7.1): sk_1..sk_n uniform in [1, q) and
 * sk_0 = -(sk_1 + ... + sk_n) mod q.
 *
 * <p>Security: the dealer is trusted and must erase these after handing them out; PSA has no
 * set-up without it (or an MPC), unlike EDAT.
 */
public final class PsaKeys {
  private final List<PsaSecretKey> meterKeys;
  private final PsaSecretKey aggregatorKey;

  private PsaKeys(List<PsaSecretKey> meterKeys, PsaSecretKey aggregatorKey) {
    this.meterKeys = List.copyOf(meterKeys);
    this.aggregatorKey = aggregatorKey;
  }

  /**
   * Deals keys for n meters.
   *
   * @param params the group's parameters
   * @param n the number of meters, 2 to n_max
   * @param random the injected random source
   * @return the keys
   * @throws IllegalParameterException PSA-P-02 unless 2 &lt;= n &lt;= n_max
   */
  public static PsaKeys deal(PsaParameters params, int n, RandomSource random) {
    if (n < 2 || n > params.aggregation().nMax()) {
      throw new IllegalParameterException(PsaChecks.PSA_P_02, "n must be in [2, n_max]");
    }
    List<BigInteger> sk = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sk.add(P256Scalar.randomNonZero(random).toBigInteger());
    }
    return fromScalars(sk);
  }

  /**
   * The deterministic core of {@link #deal}: sk_0 from given meter scalars.
   *
   * @param scalars sk_1..sk_n, each in [1, q)
   * @return the keys
   */
  static PsaKeys fromScalars(List<BigInteger> scalars) {
    List<PsaSecretKey> keys = new ArrayList<>();
    P256Scalar sum = P256Scalar.ZERO;
    for (BigInteger s : scalars) {
      P256Scalar k = P256Scalar.reduce(s);
      keys.add(PsaSecretKey.of(k));
      sum = sum.add(k);
    }
    return new PsaKeys(keys, PsaSecretKey.of(sum.negate()));
  }

  /**
   * Returns sk_1..sk_n, in meter order.
   *
   * @return the meters' keys
   */
  public List<PsaSecretKey> meterKeys() {
    return meterKeys;
  }

  /**
   * Returns sk_0.
   *
   * @return the aggregator's key
   */
  public PsaSecretKey aggregatorKey() {
    return aggregatorKey;
  }

  @Override
  public String toString() {
    return "PsaKeys[redacted, n=" + meterKeys.size() + "]";
  }
}
