// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretLong;
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
  private static final X25519PublicKey PK2 = X25519PublicKey.of(new byte[] {
      7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 32});

  static List<CmtMessage> all() {
    return List.of(
        new CmtMessage.LicenceRequest(new MeterId("sm-1")),
        new CmtMessage.LicenceGrant(LICENCE),
        new CmtMessage.LcDiscovery(),
        new CmtMessage.LcAnnouncement(A, 4),
        new CmtMessage.TokenAssignment(new MeterId("sm-1"), A, B, 2),
        new CmtMessage.ReRegister(3, A),
        new CmtMessage.KeyShare(A, 3, SecretLong.of(-5), PK),
        new CmtMessage.SuccessorAssignment(3, A, new MeterId("sm-2"), B, 7, true),
        new CmtMessage.RingSum(3, SecretLong.of(12)),
        CmtMessage.GroupKey.sorted(3, SecretLong.of(-1), List.of(PK, PK2)),
        new CmtMessage.ReadingRequest(3),
        new CmtMessage.Delta(A, 3, SecretLong.of(99)),
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
      // LicenceGrant holds a SignedLicence and four messages a SecretLong (spec/core.md §4.3),
      // neither with value equality: compare encodings, and records for the others.
      assertEquals(Arrays.toString(bytes), Arrays.toString(codec.encode(back)));
      if (!(m instanceof CmtMessage.LicenceGrant) && !carriesSecret(m)) {
        assertEquals(e, back);
      }
      types.add(CmtCodec.INSTANCE.typeOf(m));
    }
    // 16 messages, types 1 to 17 without 6 (spec/cmt.md §4.1)
    assertEquals(16, types.size());
    assertTrue(!types.contains(6));
  }

  private static boolean carriesSecret(CmtMessage m) {
    return m instanceof CmtMessage.KeyShare
        || m instanceof CmtMessage.RingSum
        || m instanceof CmtMessage.GroupKey
        || m instanceof CmtMessage.Delta;
  }

  @Test
  void secretComponents_haveNoValueEquality_andCompareInConstantTimeOnly() throws Exception {
    EnvelopeCodec<CmtMessage> codec = EnvelopeCodec.of(CmtCodec.INSTANCE);
    CmtMessage.Delta d = new CmtMessage.Delta(A, 3, SecretLong.of(99));
    CmtMessage.Delta back = (CmtMessage.Delta) codec.decode(codec.encode(new Envelope<>(
        Address.meter(A), Address.meter(B), new GroupId("g"), new Round(5), d))).body();
    // spec/core.md §4.3: the record no longer compares δ by value ...
    assertNotEquals(d, back);
    // ... the receiver's duplicate check does, in constant time
    assertTrue(d.delta().equalsConstantTime(back.delta()));
    assertFalse(d.delta().equalsConstantTime(SecretLong.of(98)));
  }

  /** A GroupKey body with the given count and keys, in the given order. */
  private static CanonicalReader groupKey(int count, X25519PublicKey... keys) {
    CanonicalWriter w = new CanonicalWriter().u64(1).u64(2).u16(count);
    for (X25519PublicKey k : keys) {
      w.fixed(k.toBytes());
    }
    return CanonicalReader.of(w.toByteArray());
  }

  /** PK and PK2 in ascending, then descending, order of their reading tokens. */
  private static X25519PublicKey[] ordered(boolean ascending) {
    boolean pkFirst = ReadingKey.tokenOf(PK).compareTo(ReadingKey.tokenOf(PK2)) < 0;
    return pkFirst == ascending
        ? new X25519PublicKey[] {PK, PK2}
        : new X25519PublicKey[] {PK2, PK};
  }

  @Test
  void tokenKeyList_countBeyondBytes_isRefusedBeforeAllocation() {
    assertViolation("CMT-E-01", () -> CmtCodec.INSTANCE.decode(11, groupKey(65535, PK)));
    // one key short: 32 bytes per key
    assertViolation("CMT-E-01", () -> CmtCodec.INSTANCE.decode(11, groupKey(3, PK, PK2)));
  }

  @Test
  void tokenKeyList_repeatedOrUnsorted_isRefused() throws Exception {
    assertViolation("CMT-E-02", () -> CmtCodec.INSTANCE.decode(11, groupKey(2, PK, PK)));
    assertViolation("CMT-E-02", () -> CmtCodec.INSTANCE.decode(11, groupKey(2, ordered(false))));
    CmtMessage.GroupKey ok =
        (CmtMessage.GroupKey) CmtCodec.INSTANCE.decode(11, groupKey(2, ordered(true)));
    assertEquals(List.of(ordered(true)), ok.tokenKeys());
    // the record refuses what the codec refuses
    assertThrows(IllegalArgumentException.class,
        () -> new CmtMessage.GroupKey(1, SecretLong.of(2), List.of(ordered(false))));
    assertThrows(IllegalArgumentException.class,
        () -> CmtMessage.GroupKey.sorted(1, SecretLong.of(2), List.of(PK, PK)));
  }

  @Test
  void type6_isUnassigned() {
    assertViolation("CORE-E-03", () -> CmtCodec.INSTANCE.decode(6,
        CanonicalReader.of(new CanonicalWriter().u64(9).fixed(PK.toBytes()).toByteArray())));
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
