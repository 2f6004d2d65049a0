// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.distortion.DistortionChecks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The billing configuration of a meter (spec/distortion.md §2.3): the public tariff, the cycle
 * length J in slots (cycle c covers slots [cJ, (c+1)J)), the largest reading t_max in Wh per slot,
 * and how many closed cycles the meter retains for repeated queries.
 *
 * <p>Overflow is impossible by construction: the plan is refused unless the worst-case bill
 * J * t_max * P_max fits in a signed 64-bit integer, and every accumulated reading is checked
 * against t_max.
 *
 * @param tariff the public tariff
 * @param slotsPerCycle J, at least 1
 * @param maxReading t_max in Wh per slot, from 1 to 2^52
 * @param retainedCycles R, the closed cycles kept for repeated queries, from 1 to 16
 */
public record BillingPlan(Tariff tariff, long slotsPerCycle, long maxReading, int retainedCycles) {
  /** The largest R. */
  public static final int MAX_RETAINED = 16;

  /**
   * Validates the plan.
   *
   * @param tariff the public tariff
   * @param slotsPerCycle J, at least 1
   * @param maxReading t_max in Wh per slot, from 1 to 2^52
   * @param retainedCycles R, the closed cycles kept for repeated queries, from 1 to 16
   * @throws IllegalParameterException DIST-P-06 if a bound is out of range or J * t_max * P_max
   *     exceeds 2^63 - 1
   */
  public BillingPlan {
    Objects.requireNonNull(tariff, "tariff");
    if (slotsPerCycle < 1 || maxReading < 1 || maxReading > (1L << 52)) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_06, "need J >= 1 and 1 <= t_max <= 2^52");
    }
    if (retainedCycles < 1 || retainedCycles > MAX_RETAINED) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_06, "retained cycles must be in [1, 16]");
    }
    BigInteger worst =
        BigInteger.valueOf(slotsPerCycle)
            .multiply(BigInteger.valueOf(maxReading))
            .multiply(BigInteger.valueOf(tariff.maxPrice()));
    if (worst.bitLength() > 63) {
      throw new IllegalParameterException(
          DistortionChecks.DIST_P_06, "the worst-case bill J * t_max * P_max exceeds 2^63 - 1");
    }
  }

  /**
   * Returns the cycle of a slot, c = floor(j / J).
   *
   * @param slot j, non-negative
   * @return c
   */
  public long cycleOf(long slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be non-negative");
    }
    return slot / slotsPerCycle;
  }

  /**
   * Returns the plan's fingerprint, SHA-256 over "gridveil-v1 distortion billing plan", the
   * tariff digest, u64 J, u64 t_max and u8 R; stored state is bound to it (spec/distortion.md
   * §3.4).
   *
   * @return 32 bytes
   */
  public byte[] fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("gridveil-v1 distortion billing plan".getBytes(StandardCharsets.US_ASCII));
      md.update(tariff.digest().toBytes());
      for (long v : new long[] {slotsPerCycle, maxReading}) {
        for (int i = 7; i >= 0; i--) {
          md.update((byte) (v >>> (8 * i)));
        }
      }
      md.update((byte) retainedCycles);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
