// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.CheckId;
import io.gridveil.core.CoreChecks;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;

/**
 * The canonical encoding of {@link DistortionMessage} bodies (spec/distortion.md §4.2), under
 * {@link ProtocolId#DISTORTION}. Doubles travel as their IEEE 754 binary64 bits (u64); -0.0, NaN
 * and the infinities are refused.
 */
public final class DistortionCodec implements MessageCodec<DistortionMessage> {
  /** The codec; stateless. */
  public static final DistortionCodec INSTANCE = new DistortionCodec();

  /** Type of {@link DistortionMessage.DistortedReading}. */
  public static final int DISTORTED_READING = 1;
  /** Type of {@link DistortionMessage.BillingQuery}. */
  public static final int BILLING_QUERY = 2;
  /** Type of {@link DistortionMessage.BillingResponse}. */
  public static final int BILLING_RESPONSE = 3;
  /** Type of {@link DistortionMessage.LocalDistribution}. */
  public static final int LOCAL_DISTRIBUTION = 4;

  private DistortionCodec() {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.DISTORTION;
  }

  @Override
  public int typeOf(DistortionMessage body) {
    if (body instanceof DistortionMessage.DistortedReading) {
      return DISTORTED_READING;
    } else if (body instanceof DistortionMessage.BillingQuery) {
      return BILLING_QUERY;
    } else if (body instanceof DistortionMessage.BillingResponse) {
      return BILLING_RESPONSE;
    } else if (body instanceof DistortionMessage.LocalDistribution) {
      return LOCAL_DISTRIBUTION;
    }
    throw new IllegalStateException("unreachable: DistortionMessage is sealed");
  }

  @Override
  public void encode(DistortionMessage body, CanonicalWriter out) {
    if (body instanceof DistortionMessage.DistortedReading m) {
      out.u64(m.value());
    } else if (body instanceof DistortionMessage.BillingQuery m) {
      out.u64(m.cycle()).fixed(m.tariff().toBytes());
    } else if (body instanceof DistortionMessage.BillingResponse m) {
      out.u64(m.cycle()).u64(m.total()).u64(m.slots());
    } else if (body instanceof DistortionMessage.LocalDistribution m) {
      BinnedDistribution d = m.distribution();
      BinGrid g = d.grid();
      out.u64(Double.doubleToRawLongBits(g.lower()))
          .u64(Double.doubleToRawLongBits(g.upper()))
          .u16(g.bins())
          .u64(d.count());
      for (int p = 0; p < g.bins(); p++) {
        out.u64(Double.doubleToRawLongBits(d.probability(p)));
      }
    } else {
      throw new IllegalStateException("unreachable: DistortionMessage is sealed");
    }
  }

  @Override
  public DistortionMessage decode(int type, CanonicalReader in) throws MalformedMessageException {
    return switch (type) {
      case DISTORTED_READING -> {
        long v = in.u64("value");
        if (v > DistortionMessage.MAX_DISTORTED || v < -DistortionMessage.MAX_DISTORTED) {
          throw new MalformedMessageException(
              DistortionChecks.DIST_E_01, "value", "|d| above 2^53");
        }
        yield new DistortionMessage.DistortedReading(v);
      }
      case BILLING_QUERY -> {
        long cycle = nonNegative(in.u64("cycle"), "cycle");
        yield new DistortionMessage.BillingQuery(
            cycle, TariffDigest.of(in.fixed("tariff", TariffDigest.LENGTH)));
      }
      case BILLING_RESPONSE -> {
        long cycle = nonNegative(in.u64("cycle"), "cycle");
        long total = nonNegative(in.u64("total"), "total");
        long slots = nonNegative(in.u64("slots"), "slots");
        yield new DistortionMessage.BillingResponse(cycle, total, slots);
      }
      case LOCAL_DISTRIBUTION -> decodeLocal(in);
      default -> throw new MalformedMessageException(
          CoreChecks.CORE_E_03, "type", "unknown message type");
    };
  }

  private static DistortionMessage decodeLocal(CanonicalReader in)
      throws MalformedMessageException {
    double lower = Double.longBitsToDouble(in.u64("lower"));
    double upper = Double.longBitsToDouble(in.u64("upper"));
    int bins = in.u16("bins");
    if (bins < 2 || bins > BinGrid.MAX_BINS || !Double.isFinite(lower) || !Double.isFinite(upper)
        || !(lower < upper) || !Double.isFinite(upper - lower)) {
      throw new MalformedMessageException(
          DistortionChecks.DIST_E_03, "grid", "bins in [2, 10000] and finite lower < upper");
    }
    long count = nonNegative(in.u64("count"), "count");
    double[] p = new double[bins];
    for (int i = 0; i < bins; i++) {
      long bits = in.u64("probability");
      double v = Double.longBitsToDouble(bits);
      if (bits < 0 || !(v >= 0 && v <= 1)) {
        // Negative bit patterns are negative doubles or -0.0; NaN fails the comparison.
        throw new MalformedMessageException(
            DistortionChecks.DIST_E_02, "probability", "not a double in [0, 1]");
      }
      p[i] = v;
    }
    BinnedDistribution d = new BinnedDistribution(new BinGrid(lower, upper, bins), p, count);
    if (!DistortionMessage.LocalDistribution.sumsToOne(d)) {
      throw new MalformedMessageException(
          DistortionChecks.DIST_V_05, "probability", "probabilities do not sum to 1");
    }
    return new DistortionMessage.LocalDistribution(d);
  }

  private static long nonNegative(long v, String field) throws MalformedMessageException {
    if (v < 0) {
      CheckId id = DistortionChecks.DIST_E_04;
      throw new MalformedMessageException(id, field, "value above 2^63 - 1");
    }
    return v;
  }
}
