// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message encodings of spec/ddh.md §4. */
class DdhCodecTest {
  private static final EnvelopeCodec<DdhMessage> CODEC = EnvelopeCodec.of(DdhCodec.INSTANCE);

  private static Envelope<DdhMessage> env(DdhMessage m) {
    return new Envelope<>(Address.identified(new MeterId("m-1")), Address.SUPPLIER,
        new io.gridveil.core.GroupId("g"), new Round(12), m);
  }

  @Test
  void everyMessageType_roundTrips() throws Exception {
    EdatGroup g = new EdatGroup(DdhParameters.of(4, 10, 64), 4, 2);
    for (DdhMessage m : List.of(
        new DdhMessage.Contribution(1, -1L),
        new DdhMessage.AggregateSum(2, 77, List.of(0, 2, 3)),
        new DdhMessage.RevealRequest(3, List.of(1)),
        new DdhMessage.PadReveal(4, 65535, 1L << 63))) {
      assertEquals(env(m), CODEC.decode(CODEC.encode(env(m))));
    }
    Envelope<DdhMessage> ann = g.supplier.announcement();
    DdhMessage.RosterAnnouncement back = assertInstanceOf(DdhMessage.RosterAnnouncement.class,
        CODEC.decode(CODEC.encode(ann)).body());
    assertArrayEquals(g.supplier.signedRoster().signature(), back.roster().signature());
    assertEquals(g.supplier.signedRoster().unverifiedRoster(), back.roster().unverifiedRoster());
    // A decoded roster still verifies: the encoding is canonical.
    assertEquals(1, back.roster().verify(g.signingKey.publicKey(), g.params, g.group).version());
  }

  @Test
  void positionsNotStrictlyIncreasing_areMalformed() {
    byte[] frame = CODEC.encode(env(new DdhMessage.AggregateSum(1, 5, List.of(1, 2))));
    frame[frame.length - 1] = 1;
    MalformedMessageException e = (MalformedMessageException) assertViolation("DDH-E-02", () -> CODEC.decode(frame));
    assertEquals("contributors", e.field());
  }

  @Test
  void unknownType_isMalformed() {
    byte[] frame = CODEC.encode(env(new DdhMessage.Contribution(1, 5)));
    frame[2] = 9;
    assertViolation("CORE-E-03", () -> CODEC.decode(frame));
  }

  @Test
  void rosterWithSmallOrderKey_isMalformedWithTheKeyCheck() throws Exception {
    EdatGroup g = new EdatGroup(DdhParameters.of(4, 10, 64), 4, 2);
    byte[] frame = CODEC.encode(g.supplier.announcement());
    byte[] key = g.keys.get(0).publicKey().toBytes();
    int at = indexOf(frame, key);
    java.util.Arrays.fill(frame, at, at + 32, (byte) 0);
    MalformedMessageException e = (MalformedMessageException) assertViolation("DDH-V-02", () -> CODEC.decode(frame));
    assertEquals("roster.key", e.field());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
