// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DistortionCodecProperties {
  @Provide
  Arbitrary<DistortionMessage> messages() {
    Arbitrary<DistortionMessage> reading = Arbitraries.longs()
        .between(-DistortionMessage.MAX_DISTORTED, DistortionMessage.MAX_DISTORTED)
        .edgeCases(c -> c.add(-DistortionMessage.MAX_DISTORTED, DistortionMessage.MAX_DISTORTED, 0L))
        .map(DistortionMessage.DistortedReading::new);
    Arbitrary<DistortionMessage> query = Combinators.combine(
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.strings().withChars("0123456789abcdef").ofLength(64))
        .as((c, h) -> new DistortionMessage.BillingQuery(c, new TariffDigest(h)));
    Arbitrary<DistortionMessage> response = Combinators.combine(
            Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.longs().greaterOrEqual(0))
        .as(DistortionMessage.BillingResponse::new);
    Arbitrary<DistortionMessage> local = Combinators.combine(
            Arbitraries.integers().between(2, 300), Arbitraries.integers().between(0, 299),
            Arbitraries.longs().greaterOrEqual(0), Arbitraries.doubles().between(-1e6, 1e6))
        .as((k, hot, count, lower) -> {
          double[] p = new double[k];
          p[hot % k] = 1.0;
          return new DistortionMessage.LocalDistribution(
              new BinnedDistribution(new BinGrid(lower, lower + 1000, k), p, count));
        });
    return Arbitraries.oneOf(reading, query, response, local);
  }

  @Property
  void encodeDecode_roundTrips_andEveryTruncationIsMalformed(@ForAll("messages") DistortionMessage m)
      throws Exception {
    CanonicalWriter w = new CanonicalWriter();
    DistortionCodec.INSTANCE.encode(m, w);
    byte[] body = w.toByteArray();
    int type = DistortionCodec.INSTANCE.typeOf(m);
    CanonicalReader r = CanonicalReader.of(body);
    assertEquals(m, DistortionCodec.INSTANCE.decode(type, r));
    r.requireEnd("body");
    for (int cut = 0; cut < body.length; cut += Math.max(1, body.length / 16)) {
      byte[] shorter = Arrays.copyOf(body, cut);
      assertThrows(MalformedMessageException.class, () -> {
        CanonicalReader t = CanonicalReader.of(shorter);
        DistortionCodec.INSTANCE.decode(type, t);
        t.requireEnd("body");
      });
    }
  }
}
