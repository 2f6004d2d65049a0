// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.X25519PublicKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The canonical encoding of spec/cmt.md §4. */
class CmtCodecTest {
  private static final Token A = new Token(1, 2);
  private static final Token B = new Token(-1, 3);
  private static final Ed25519SigningKey KEY =
      Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(1));
  private static final SignedLicence LICENCE = SignedLicence.issue(new Licence(9,
      new MeterId("sm-1"), KEY.publicKey(), new GroupId("g"), Round.FIRST, Anchor.FOREVER), KEY);
  private static final X25519PublicKey PK = X25519PublicKey.of(new byte[] {
      9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});

  static List<CmtMessage> all() {
    return List.of(
        new CmtMessage.LicenceRequest(new MeterId("sm-1")),
        new CmtMessage.LicenceGrant(LICENCE),
        new CmtMessage.LcDiscovery(),
        new CmtMessage.LcAnnouncement(A, 4),
        new CmtMessage.TokenAssignment(new MeterId("sm-1"), A, B, 2),
        new CmtMessage.TokenRegistration(3, PK),
        new CmtMessage.ReRegister(3, A),
        new CmtMessage.KeyShare(A, 3, -5, PK),
        new CmtMessage.SuccessorAssignment(3, A, new MeterId("sm-2"), B, 7, true),
        new CmtMessage.RingSum(3, 12),
        new CmtMessage.GroupKey(3, -1, List.of(A, B)),
        new CmtMessage.ReadingRequest(3),
        new CmtMessage.Delta(A, 3, 99),
        new CmtMessage.EncryptedReading(B, 3, Long.MIN_VALUE),
        new CmtMessage.RoundAck(A, 3),
        new CmtMessage.Leave(B, 3),
        new CmtMessage.LcHandover(3, List.of(new CmtMessage.Member(B, new MeterId("sm-9")),
            new CmtMessage.Member(A, new MeterId("sm-1")))));
  }

  @Test
  void everyMessage_roundTrips_withDistinctTypes() throws Exception {
    EnvelopeCodec<CmtMessage> codec = EnvelopeCodec.of(CmtCodec.INSTANCE);
    Set<Integer> types = new HashSet<>();
    for (CmtMessage m : all()) {
      Envelope<CmtMessage> e = new Envelope<>(Address.meter(A), Address.GROUP_BROADCAST,
          new GroupId("g"), new Round(5), m);
      byte[] bytes = codec.encode(e);
      Envelope<CmtMessage> back = codec.decode(bytes);
      // LicenceGrant holds a SignedLicence, which has no value equality: compare encodings.
      assertEquals(Arrays.toString(bytes), Arrays.toString(codec.encode(back)));
      if (!(m instanceof CmtMessage.LicenceGrant)) {
        assertEquals(e, back);
      }
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
  void handoverMembers_countBeyondBytes_orRepeatedToken_isRefused() {
    byte[] big = new CanonicalWriter().u64(1).u16(1000).fixed(A.toBytes()).ascii8("x")
        .toByteArray();
    assertViolation("CMT-E-01", () -> CmtCodec.INSTANCE.decode(17, CanonicalReader.of(big)));
    byte[] twice = new CanonicalWriter().u64(1).u16(2).fixed(A.toBytes()).ascii8("x")
        .fixed(A.toBytes()).ascii8("y").toByteArray();
    assertViolation("CMT-E-02", () -> CmtCodec.INSTANCE.decode(17, CanonicalReader.of(twice)));
  }

  @Test
  void successorAssignment_badFlagOrZeroRing_isRefused() {
    byte[] flag = new CanonicalWriter().u64(1).fixed(A.toBytes()).ascii8("p").fixed(B.toBytes())
        .u16(3).u8(2).toByteArray();
    assertViolation("CMT-E-03", () -> CmtCodec.INSTANCE.decode(9, CanonicalReader.of(flag)));
    byte[] zero = new CanonicalWriter().u64(1).fixed(A.toBytes()).ascii8("p").fixed(B.toBytes())
        .u16(0).u8(0).toByteArray();
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
