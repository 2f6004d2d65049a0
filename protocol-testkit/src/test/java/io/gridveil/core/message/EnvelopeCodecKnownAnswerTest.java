// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** spec/encoding.md §2 and §5 against spec/vectors/core/frames.json and malformed.json. */
class EnvelopeCodecKnownAnswerTest {
  private final EnvelopeCodec<OpaqueCodec.Opaque> codec = EnvelopeCodec.of(new OpaqueCodec());

  @Test
  void frames_decodeToTheirFields_andReencodeToTheSameBytes() throws Exception {
    List<Vector> vectors = Vectors.load("core/frames.json");
    for (Vector v : vectors) {
      byte[] frame = v.hex("frame");
      Envelope<OpaqueCodec.Opaque> e = codec.decode(frame);
      assertEquals(v.longValue("version"), frame[0] & 0xff, v.string("name"));
      assertEquals(v.longValue("protocol"), frame[1] & 0xff, v.string("name"));
      assertEquals(v.string("sender"), address(e.sender()), v.string("name"));
      assertEquals(v.string("recipient"), address(e.recipient()), v.string("name"));
      assertEquals(v.string("group"), e.group().value(), v.string("name"));
      assertEquals(v.longValue("round"), e.round().index());
      assertEquals(v.integer("type").intValueExact(), e.body().type());
      assertEquals(v.string("body"), e.body().hex());
      assertArrayEquals(v.hex("frame"), codec.encode(e), v.string("name"));
    }
    Envelope<OpaqueCodec.Opaque> first = codec.decode(vectors.get(0).hex("frame"));
    assertEquals(Address.SUPPLIER, first.recipient());
    assertEquals(Address.TRUSTED_THIRD_PARTY, codec.decode(vectors.get(2).hex("frame")).sender());
  }

  /** The address's encoding (spec/encoding.md §2.3), as the vectors write it. */
  private static String address(Address a) {
    CanonicalWriter w = new CanonicalWriter();
    EnvelopeCodec.writeAddress(w, a);
    return HexFormat.of().formatHex(w.toByteArray());
  }

  @Test
  void malformedFrames_failWithTheirCheckAndField() {
    for (Vector v : Vectors.load("core/malformed.json")) {
      byte[] frame =
          v.get("frame") instanceof String
              ? v.hex("frame")
              : new byte[v.integer("zeroFrameLength").intValueExact()];
      if (!(v.get("frame") instanceof String)) {
        frame[0] = 1;
      }
      byte[] input = frame;
      MalformedMessageException e =
          (MalformedMessageException)
              assertViolation(v.string("check"), () -> codec.decode(input));
      assertEquals(v.string("field"), e.field(), v.string("name"));
    }
  }

  @Test
  void malformedVectors_coverEveryFrameCheck() {
    Set<String> seen = new TreeSet<>();
    for (Vector v : Vectors.load("core/malformed.json")) {
      seen.add(v.string("check"));
    }
    assertEquals(
        Set.of(
            "CORE-E-01", "CORE-E-02", "CORE-E-04", "CORE-E-05", "CORE-E-06", "CORE-E-07",
            "CORE-E-08"),
        seen);
  }

  @Test
  void unassignedMessageType_failsWithCoreE03() {
    byte[] frame = Vectors.load("core/frames.json").get(0).hex("frame");
    frame[2] = (byte) OpaqueCodec.UNASSIGNED;
    assertViolation("CORE-E-03", () -> codec.decode(frame));
  }
}
