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
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DistortionCodecProperties {
  static Gen<DistortionMessage> messages() {
    // the bounds -MAX_DISTORTED and MAX_DISTORTED and 0 are the range's edges
    Gen<DistortionMessage> reading = Gens.longs(
            -DistortionMessage.MAX_DISTORTED, DistortionMessage.MAX_DISTORTED)
        .map(DistortionMessage.DistortedReading::new);
    Gen<DistortionMessage> query = Gens.longs(0, Long.MAX_VALUE)
        .zip(Gens.strings("0123456789abcdef", 64, 64),
            (c, h) -> new DistortionMessage.BillingQuery(c, new TariffDigest(h)));
    Gen<DistortionMessage> response = Gens.zip(
        Gens.longs(0, Long.MAX_VALUE), Gens.longs(0, Long.MAX_VALUE), Gens.longs(0, Long.MAX_VALUE),
        DistortionMessage.BillingResponse::new);
    Gen<DistortionMessage> local = Gens.zip(
        Gens.integers(2, 300), Gens.integers(0, 299), Gens.longs(0, Long.MAX_VALUE),
        Gens.doubles(-1e6, 1e6),
        (k, hot, count, lower) -> {
          double[] p = new double[k];
          p[hot % k] = 1.0;
          return new DistortionMessage.LocalDistribution(
              new BinnedDistribution(new BinGrid(lower, lower + 1000, k), p, count));
        });
    return Gens.oneOf(reading, query, response, local);
  }

  @Test
  void encodeDecode_roundTrips_andEveryTruncationIsMalformed() {
    Pbt.property().forAll(messages())
        .check(DistortionCodecProperties::roundTripsAndTruncationsAreMalformed);
  }

  private static void roundTripsAndTruncationsAreMalformed(DistortionMessage m) throws Exception {
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
