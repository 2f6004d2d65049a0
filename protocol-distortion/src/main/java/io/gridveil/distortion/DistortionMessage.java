// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import java.util.Objects;

/**
 * The messages of the distortion protocol (spec/distortion.md §4.1). The message type is derived
 * from the record class by {@link DistortionCodec}.
 */
public sealed interface DistortionMessage {
  /** The largest |d| on the wire, 2^53. */
  long MAX_DISTORTED = 1L << 53;
  /** How far the probabilities of a local distribution may sum away from 1. */
  double SUM_TOLERANCE = 1e-9;

  /**
   * Meter to collector, one per slot: the distorted reading d_i[j] = r_i[j] + n_i[j]
   * (spec/distortion.md §3.1); the envelope's round is the slot j.
   *
   * @param value d, in reading units, |d| &lt;= 2^53
   */
  record DistortedReading(long value) implements DistortionMessage {
    /**
     * Validates the range.
     *
     * @param value d, in reading units, |d| &lt;= 2^53
     * @throws IllegalArgumentException if |d| &gt; 2^53
     */
    public DistortedReading {
      if (value > MAX_DISTORTED || value < -MAX_DISTORTED) {
        throw new IllegalArgumentException("distorted value out of range");
      }
    }

    @Override
    public String toString() {
      return "DistortedReading[redacted]";
    }
  }

  /**
   * Utility to meter: asks for the bill of a closed cycle under the named public tariff
   * (spec/distortion.md §3.3); the envelope's round is the cycle c.
   *
   * @param cycle c, non-negative
   * @param tariff the digest of the tariff the utility bills under
   */
  record BillingQuery(long cycle, TariffDigest tariff) implements DistortionMessage {
    /**
     * Validates the values.
     *
     * @param cycle c, non-negative
     * @param tariff the digest of the tariff the utility bills under
     * @throws IllegalArgumentException if the cycle is negative
     */
    public BillingQuery {
      Objects.requireNonNull(tariff, "tariff");
      if (cycle < 0) {
        throw new IllegalArgumentException("cycle must be non-negative");
      }
    }
  }

  /**
   * Meter to utility: the frozen bill AB of cycle c (spec/distortion.md §3.3); the same for every
   * query of that cycle.
   *
   * @param cycle c
   * @param total AB in micro-units
   * @param slots the number of slots that contributed
   */
  record BillingResponse(long cycle, long total, long slots) implements DistortionMessage {
    /**
     * Validates the values.
     *
     * @param cycle c
     * @param total AB in micro-units
     * @param slots the number of slots that contributed
     * @throws IllegalArgumentException if a value is negative
     */
    public BillingResponse {
      if (cycle < 0 || total < 0 || slots < 0) {
        throw new IllegalArgumentException("billing values are non-negative");
      }
    }

    @Override
    public String toString() {
      return "BillingResponse[cycle=" + cycle + ", total=redacted]";
    }
  }

  /**
   * Collector to utility: the locally reconstructed distribution of a round and the number of
   * observations it rests on (spec/distortion.md §5.6); the envelope's round is the slot.
   *
   * @param distribution the local distribution; its probabilities sum to 1 within 1e-9
   */
  record LocalDistribution(BinnedDistribution distribution) implements DistortionMessage {
    /**
     * Validates the distribution.
     *
     * @param distribution the local distribution; its probabilities sum to 1 within 1e-9
     * @throws IllegalArgumentException if the probabilities do not sum to 1
     */
    public LocalDistribution {
      Objects.requireNonNull(distribution, "distribution");
      if (!sumsToOne(distribution)) {
        throw new IllegalArgumentException("probabilities must sum to 1");
      }
    }

    /**
     * Returns whether the probabilities sum to 1 within {@link #SUM_TOLERANCE}.
     *
     * @param d the distribution
     * @return true if they do
     */
    static boolean sumsToOne(BinnedDistribution d) {
      double s = 0;
      for (int p = 0; p < d.grid().bins(); p++) {
        s += d.probability(p);
      }
      return Math.abs(s - 1.0) <= SUM_TOLERANCE;
    }
  }
}
