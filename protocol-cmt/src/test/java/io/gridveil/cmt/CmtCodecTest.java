// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The canonical encoding of spec/cmt.md §4. */
class CmtCodecTest {
  private static final Token A = new Token(1, 2);
  private static final Token B = new Token(-1, 3);
  private static final Licence LICENCE = new Licence(new MeterId("sm-1"), new GroupId("g"), 9);

  static List<CmtMessage> all() {
    return List.of(
        new CmtMessage.LicenceRequest(new MeterId("sm-1")),
        new CmtMessage.LicenceGrant(LICENCE),
        new CmtMessage.LcDiscovery(LICENCE),
        new CmtMessage.LcAnnouncement(A, 4),
        new CmtMessage.TokenAssignment(new MeterId("sm-1"), A, B, 2),
        new CmtMessage.TokenRegistration(A),
        new CmtMessage.ReRegister(3),
        new CmtMessage.KeyShare(A, 3, -5),
        new CmtMessage.SuccessorAssignment(3, A, B, 7, true),
        new CmtMessage.RingSum(3, 12),
        new CmtMessage.GroupKey(3, -1, List.of(A, B)),
        new CmtMessage.ReadingRequest(3),
        new CmtMessage.Delta(A, 3, 99),
        new CmtMessage.EncryptedReading(B, 3, Long.MIN_VALUE),
        new CmtMessage.RoundAck(A, 3),
        new CmtMessage.Leave(B, 3),
        new CmtMessage.LcHandover(3, List.of(B)));
  }

  @Test
  void everyMessage_roundTrips_withDistinctTypes() throws Exception {
    EnvelopeCodec<CmtMessage> codec = EnvelopeCodec.of(CmtCodec.INSTANCE);
    Set<Integer> types = new HashSet<>();
    for (CmtMessage m : all()) {
      Envelope<CmtMessage> e = new Envelope<>(Address.meter(A), Address.GROUP_BROADCAST,
          new GroupId("g"), new Round(5), m);
      assertEquals(e, codec.decode(codec.encode(e)));
      types.add(CmtCodec.INSTANCE.typeOf(m));
    }
    assertEquals(17, types.size());
  }

  private static CanonicalReader tokens(int count, Token... ts) {
    CanonicalWriter w = new CanonicalWriter().u64(1).u64(2).u16(count);
    for (Token t : ts) {
      w.fixed(t.toBytes());
    }
    return CanonicalReader.of(w.toByteArray());
  }

  @Test
  void tokenList_countBeyondBytes_isRefusedBeforeAllocation() {
    assertViolation("CMT-E-01", () -> CmtCodec.INSTANCE.decode(11, tokens(65535, A)));
  }

  @Test
  void tokenList_repeated_isRefused() {
    assertViolation("CMT-E-02", () -> CmtCodec.INSTANCE.decode(11, tokens(2, A, A)));
  }

  @Test
  void successorAssignment_badFlagOrZeroRing_isRefused() {
    byte[] flag = new CanonicalWriter().u64(1).fixed(A.toBytes()).fixed(B.toBytes()).u16(3).u8(2)
        .toByteArray();
    assertViolation("CMT-E-03", () -> CmtCodec.INSTANCE.decode(9, CanonicalReader.of(flag)));
    byte[] zero = new CanonicalWriter().u64(1).fixed(A.toBytes()).fixed(B.toBytes()).u16(0).u8(0)
        .toByteArray();
    assertViolation("CMT-E-03", () -> CmtCodec.INSTANCE.decode(9, CanonicalReader.of(zero)));
  }

  @Test
  void unknownType_andTruncation_areRefused() {
    assertViolation("CORE-E-03", () -> CmtCodec.INSTANCE.decode(18,
        CanonicalReader.of(new byte[0])));
    assertViolation("CORE-E-04", () -> CmtCodec.INSTANCE.decode(13,
        CanonicalReader.of(new byte[5])));
  }
}
