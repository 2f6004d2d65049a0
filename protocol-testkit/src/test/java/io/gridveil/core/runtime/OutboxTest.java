// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** spec/runtime.md §3.3 and §3.4: the outbox value, its encoding and its redaction. */
class OutboxTest {
  static final GroupId G = new GroupId("feeder-7");

  /** A scheme event carrying a reading-derived value that must not be printed. */
  record Noted(long secretish) implements ProtocolEvent {}

  static final EventCodec NOTED =
      new EventCodec() {
        @Override
        public void encode(ProtocolEvent event, CanonicalWriter out) {
          out.u64(((Noted) event).secretish());
        }

        @Override
        public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
          return new Noted(in.u64("noted"));
        }
      };

  static Outbox full() {
    return new Outbox(
        41,
        false,
        Optional.empty(),
        List.of(
            new OutboundFrame(new Route.ToRole(G, Role.SUPPLIER), new byte[] {1, 2, 3}),
            new OutboundFrame(new Route.ToMeter(G, new MeterId("m-1")), new byte[] {4}),
            new OutboundFrame(new Route.ToGroup(G), new byte[0]),
            new OutboundFrame(new Route.ToPseudonym(G, new Token(7, 9)), new byte[] {5, 6})),
        List.of(new ArmedTimer(new TimerId("ROUND_DEADLINE", 3), LogicalTime.ofMillis(300_000))),
        List.of(new TimerId("DISCOVERY", 0)),
        List.of(
            new RoundOutcome.Exact(G, new Round(3), 424_242, 5, 1),
            new RoundOutcome.Voided(G, new Round(4), VoidReason.RING_BROKEN)),
        List.of(new Noted(987_654_321)));
  }

  @Test
  void encodeDecode_roundTripsEveryPart() throws Exception {
    Outbox o = full();
    byte[] enc = o.encode(NOTED);
    Outbox back = Outbox.decode(enc, NOTED);
    assertEquals(o, back);
    assertArrayEquals(enc, back.encode(NOTED));
    assertEquals(4, back.frameBytes().size());
    assertArrayEquals(new byte[] {1, 2, 3}, back.frameBytes().get(0));
    assertTrue(back.releasesAnything());
    Outbox refused = Outbox.refused(2, new Refusal(CheckId.of("AUTH-V-08"), "sequence ≥ window"));
    assertEquals(refused, Outbox.decode(refused.encode(EventCodec.NONE), EventCodec.NONE));
    assertFalse(refused.releasesAnything());
    assertTrue(Outbox.decode(Outbox.ignored(0).encode(EventCodec.NONE), EventCodec.NONE).ignored());
  }

  @Test
  void decode_trailingBytesOrUnknownSchema_isRefused() {
    byte[] enc = full().encode(NOTED);
    byte[] longer = java.util.Arrays.copyOf(enc, enc.length + 1);
    assertViolation("CORE-E-06", () -> Outbox.decode(longer, NOTED));
    byte[] newer = enc.clone();
    newer[1] = 2;
    assertViolation("RT-S-02", () -> Outbox.decode(newer, NOTED));
    byte[] flag = enc.clone();
    flag[10] = 2; // the ignored flag after u16 schema and u64 sequence
    assertViolation("RT-S-05", () -> Outbox.decode(flag, NOTED));
  }

  @Test
  void toString_showsRoutesSizesAndTypes_neverSumsOrEventValues() {
    String s = full().toString();
    assertTrue(s.contains("3 bytes"), s);
    assertTrue(s.contains("Exact(3)"), s);
    assertTrue(s.contains("Noted"), s);
    assertFalse(s.contains("424242"), s);
    assertFalse(s.contains("987654321"), s);
  }

  @Test
  void outboundFrame_copiesInAndOut() {
    byte[] b = {1, 2};
    OutboundFrame f = new OutboundFrame(new Route.ToGroup(G), b);
    b[0] = 9;
    assertEquals(1, f.bytes()[0]);
    f.bytes()[1] = 9;
    assertEquals(2, f.bytes()[1]);
    assertThrows(IllegalArgumentException.class, () -> new Route.ToRole(G, Role.METER));
  }

  @Test
  void routeForRecipient_mapsEveryFixedAddress() {
    assertEquals(Optional.of(new Route.ToMeter(G, new MeterId("m"))),
        Route.forRecipient(G, io.gridveil.core.message.Address.identified(new MeterId("m"))));
    assertEquals(Optional.of(new Route.ToGroup(G)),
        Route.forRecipient(G, io.gridveil.core.message.Address.GROUP_BROADCAST));
    assertEquals(Optional.of(new Route.ToPseudonym(G, new Token(1, 2))),
        Route.forRecipient(G, io.gridveil.core.message.Address.meter(new Token(1, 2))));
    assertEquals(Optional.of(new Route.ToRole(G, Role.TRUSTED_THIRD_PARTY)),
        Route.forRecipient(G, io.gridveil.core.message.Address.TRUSTED_THIRD_PARTY));
    assertEquals(Optional.empty(),
        Route.forRecipient(G, io.gridveil.core.message.Address.LOCAL_CONCENTRATOR));
  }
}
