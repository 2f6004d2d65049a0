// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/distortion.md §4.2 against bodies built independently with Python's struct. */
class DistortionCodecKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  private static DistortionMessage expected(Vector v) {
    return switch (v.string("name")) {
      case "distorted-reading" -> new DistortionMessage.DistortedReading(Long.parseLong(v.string("value")));
      case "billing-query" -> new DistortionMessage.BillingQuery(
          Long.parseLong(v.string("cycle")), new TariffDigest(v.string("tariff")));
      case "billing-response" -> new DistortionMessage.BillingResponse(
          Long.parseLong(v.string("cycle")), Long.parseLong(v.string("total")),
          Long.parseLong(v.string("slots")));
      case "local-distribution" -> {
        List<?> ps = v.list("probabilities");
        double[] p = new double[ps.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = Double.parseDouble((String) ps.get(i));
        }
        yield new DistortionMessage.LocalDistribution(new BinnedDistribution(
            new BinGrid(Double.parseDouble(v.string("lower")), Double.parseDouble(v.string("upper")),
                (int) v.longValue("bins")), p, Long.parseLong(v.string("count"))));
      }
      default -> throw new IllegalArgumentException(v.string("name"));
    };
  }

  @Test
  void bodies_encodeAndDecode_asVectors() throws Exception {
    int positives = 0;
    int negatives = 0;
    for (Vector v : Vectors.load("distortion/codec.json")) {
      int type = (int) v.longValue("type");
      byte[] body = v.hex("body");
      if (v.has("check")) {
        assertViolation(v.string("check"), () -> {
          CanonicalReader r = CanonicalReader.of(body);
          DistortionCodec.INSTANCE.decode(type, r);
          r.requireEnd("body");
        });
        negatives++;
        continue;
      }
      DistortionMessage m = expected(v);
      assertEquals(type, DistortionCodec.INSTANCE.typeOf(m));
      CanonicalWriter w = new CanonicalWriter();
      DistortionCodec.INSTANCE.encode(m, w);
      assertArrayEquals(body, w.toByteArray(), v.string("name"));
      CanonicalReader r = CanonicalReader.of(body);
      DistortionMessage back = DistortionCodec.INSTANCE.decode(type, r);
      r.requireEnd("body");
      assertEquals(m, back);
      positives++;
    }
    assertEquals(4, positives);
    assertEquals(12, negatives);
  }

  private static void assertDecodeRefused(String checkId, String name) {
    for (Vector v : Vectors.load("distortion/codec.json")) {
      if (v.string("name").equals(name)) {
        assertEquals(checkId, v.string("check"));
        byte[] body = v.hex("body");
        int type = (int) v.longValue("type");
        assertViolation(checkId, () -> DistortionCodec.INSTANCE.decode(type, CanonicalReader.of(body)));
        return;
      }
    }
    throw new AssertionError("no vector " + name);
  }

  @Test
  void malformedBodies_areRefusedWithTheirCheck() {
    assertDecodeRefused("DIST-E-01", "reading-too-large");
    assertDecodeRefused("DIST-E-01", "reading-too-small");
    assertDecodeRefused("DIST-E-02", "nan-probability");
    assertDecodeRefused("DIST-E-02", "negative-zero");
    assertDecodeRefused("DIST-E-02", "probability-above-one");
    assertDecodeRefused("DIST-E-03", "one-bin");
    assertDecodeRefused("DIST-E-03", "inverted-grid");
    assertDecodeRefused("DIST-E-04", "query-negative-cycle");
    assertDecodeRefused("DIST-E-04", "response-negative-total");
    assertDecodeRefused("DIST-V-05", "sum-not-one");
  }

  @Test
  void envelope_roundTripsThroughCoreFraming() throws Exception {
    EnvelopeCodec<DistortionMessage> codec = EnvelopeCodec.of(DistortionCodec.INSTANCE);
    Envelope<DistortionMessage> e = new Envelope<>(Address.identified(new MeterId("m-1")),
        Address.LOCAL_CONCENTRATOR, new GroupId("g"), new Round(42),
        new DistortionMessage.DistortedReading(-12345));
    assertEquals(e, codec.decode(codec.encode(e)));
    assertEquals("DistortedReading[redacted]", e.body().toString());
    String frame = HEX.formatHex(codec.encode(e));
    // Header: version 1, protocol DISTORTION (5), type 1; the body u64 closes the frame.
    assertEquals("010501", frame.substring(0, 6));
    assertEquals("ffffffffffffcfc7", frame.substring(frame.length() - 16));
  }
}
