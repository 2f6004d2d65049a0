// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.secret.SecretLong;
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
        new DdhMessage.RevealRequest(3, List.of(1)))) {
      assertEquals(env(m), CODEC.decode(CODEC.encode(env(m))));
    }
    // PadReveal's pad is a SecretLong without value equality (spec/core.md §4.3): compare the
    // encodings, and the pads in constant time.
    DdhMessage.PadReveal reveal = new DdhMessage.PadReveal(4, 65535, SecretLong.of(1L << 63));
    byte[] frame = CODEC.encode(env(reveal));
    Envelope<DdhMessage> decoded = CODEC.decode(frame);
    assertArrayEquals(frame, CODEC.encode(decoded));
    DdhMessage.PadReveal revealBack = assertInstanceOf(DdhMessage.PadReveal.class, decoded.body());
    assertEquals(65535, revealBack.missing());
    assertTrue(reveal.pad().equalsConstantTime(revealBack.pad()));
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
