// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.cmt.CmtMessage.Delta;
import io.gridveil.cmt.CmtMessage.EncryptedReading;
import io.gridveil.cmt.CmtMessage.GroupKey;
import io.gridveil.cmt.CmtMessage.KeyShare;
import io.gridveil.cmt.CmtMessage.LcAnnouncement;
import io.gridveil.cmt.CmtMessage.LcDiscovery;
import io.gridveil.cmt.CmtMessage.LcHandover;
import io.gridveil.cmt.CmtMessage.Leave;
import io.gridveil.cmt.CmtMessage.LicenceGrant;
import io.gridveil.cmt.CmtMessage.LicenceRequest;
import io.gridveil.cmt.CmtMessage.ReRegister;
import io.gridveil.cmt.CmtMessage.ReadingRequest;
import io.gridveil.cmt.CmtMessage.RingSum;
import io.gridveil.cmt.CmtMessage.RoundAck;
import io.gridveil.cmt.CmtMessage.SuccessorAssignment;
import io.gridveil.cmt.CmtMessage.TokenAssignment;
import io.gridveil.core.CoreChecks;
import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The canonical body codec of the CMT messages (spec/cmt.md §4): types 1 to 17 (6 unassigned), fixed-width
 * big-endian fields, bounded token lists. Use it through {@code EnvelopeCodec.of(CmtCodec.INSTANCE)}.
 */
public final class CmtCodec implements MessageCodec<CmtMessage> {
  /** The codec (stateless). */
  public static final CmtCodec INSTANCE = new CmtCodec();

  /** The largest token list (spec/cmt.md §4.2). */
  public static final int MAX_TOKENS = 0xffff;

  /** The largest signed-licence encoding a LicenceGrant carries (spec/cmt.md §4.1). */
  static final int MAX_LICENCE = 512;

  /** The least encoded size of a hand-over member: a token and a one-character identity. */
  private static final int MIN_MEMBER = Token.LENGTH + 2;

  private static final Map<Class<?>, Integer> TYPES = types();

  private CmtCodec() {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.CMT;
  }

  @Override
  public int typeOf(CmtMessage body) {
    Integer type = TYPES.get(body.getClass());
    if (type == null) {
      throw new IllegalStateException("unreachable: CmtMessage is sealed");
    }
    return type;
  }

  @Override
  public void encode(CmtMessage body, CanonicalWriter w) {
    if (body instanceof LicenceRequest m) {
      w.ascii8(m.meter().value());
    } else if (body instanceof LicenceGrant m) {
      w.bytes16(m.licence().encode());
    } else if (body instanceof LcDiscovery) {
      // §4.1: the licence travels in the kind-3 wrapper; the body is empty.
      return;
    } else if (body instanceof LcAnnouncement m) {
      w.fixed(m.lc().toBytes()).u64(m.epoch());
    } else if (body instanceof TokenAssignment m) {
      w.ascii8(m.meter().value()).fixed(m.token().toBytes()).fixed(m.lc().toBytes()).u64(m.epoch());
    } else if (body instanceof ReRegister m) {
      w.u64(m.epoch()).fixed(m.lc().toBytes());
    } else if (body instanceof KeyShare m) {
      w.fixed(m.token().toBytes())
          .u64(m.epoch())
          .u64(m.share().value(SecretAccess.grant()))
          .fixed(m.tokenKey().toBytes());
    } else if (body instanceof SuccessorAssignment m) {
      w.u64(m.epoch())
          .fixed(m.predecessor().toBytes())
          .ascii8(m.predecessorId().value())
          .fixed(m.successor().toBytes())
          .u16(m.n())
          .u8(m.secureSum() ? 1 : 0);
    } else if (body instanceof RingSum m) {
      w.u64(m.epoch()).u64(m.partial().value(SecretAccess.grant()));
    } else if (body instanceof GroupKey m) {
      w.u64(m.epoch()).u64(m.groupKey().value(SecretAccess.grant())).u16(m.tokenKeys().size());
      for (X25519PublicKey k : m.tokenKeys()) {
        w.fixed(k.toBytes());
      }
    } else if (body instanceof ReadingRequest m) {
      w.u64(m.epoch());
    } else if (body instanceof Delta m) {
      w.fixed(m.from().toBytes()).u64(m.epoch()).u64(m.delta().value(SecretAccess.grant()));
    } else if (body instanceof EncryptedReading m) {
      w.fixed(m.token().toBytes()).u64(m.epoch()).u64(m.ciphertext());
    } else if (body instanceof RoundAck m) {
      w.fixed(m.token().toBytes()).u64(m.epoch());
    } else if (body instanceof Leave m) {
      w.fixed(m.token().toBytes()).u64(m.epoch());
    } else if (body instanceof LcHandover m) {
      w.u64(m.epoch()).u16(m.members().size());
      for (CmtMessage.Member member : m.members()) {
        w.fixed(member.token().toBytes()).ascii8(member.meter().value());
      }
    } else {
      throw new IllegalStateException("unreachable: CmtMessage is sealed");
    }
  }

  @Override
  public CmtMessage decode(int type, CanonicalReader r) throws MalformedMessageException {
    return switch (type) {
      case 1 -> new LicenceRequest(meterId(r, "meter"));
      case 2 -> new LicenceGrant(SignedLicence.decode(r.bytes16("licence", MAX_LICENCE)));
      case 3 -> new LcDiscovery();
      case 4 -> new LcAnnouncement(token(r, "lc"), r.u64("epoch"));
      case 5 ->
          new TokenAssignment(
              meterId(r, "meter"), token(r, "token"), token(r, "lc"), r.u64("epoch"));
      // type 6 (formerly TokenRegistration) is unassigned (§4.1): CORE-E-03 like any unknown type
      case 7 -> new ReRegister(r.u64("epoch"), token(r, "lc"));
      case 8 -> new KeyShare(token(r, "token"), r.u64("epoch"), secret(r, "share"), tokenKey(r));
      case 9 -> successorAssignment(r);
      case 10 -> new RingSum(r.u64("epoch"), secret(r, "partial"));
      case 11 -> new GroupKey(r.u64("epoch"), secret(r, "groupKey"), tokenKeys(r));
      case 12 -> new ReadingRequest(r.u64("epoch"));
      case 13 -> new Delta(token(r, "from"), r.u64("epoch"), secret(r, "delta"));
      case 14 -> new EncryptedReading(token(r, "token"), r.u64("epoch"), r.u64("ciphertext"));
      case 15 -> new RoundAck(token(r, "token"), r.u64("epoch"));
      case 16 -> new Leave(token(r, "token"), r.u64("epoch"));
      case 17 -> new LcHandover(r.u64("epoch"), members(r));
      default -> throw new MalformedMessageException(CoreChecks.CORE_E_03, "type", "unknown CMT type");
    };
  }

  private static Map<Class<?>, Integer> types() {
    Map<Class<?>, Integer> m = new HashMap<>();
    m.put(LicenceRequest.class, 1);
    m.put(LicenceGrant.class, 2);
    m.put(LcDiscovery.class, 3);
    m.put(LcAnnouncement.class, 4);
    m.put(TokenAssignment.class, 5);
    m.put(ReRegister.class, 7);
    m.put(KeyShare.class, 8);
    m.put(SuccessorAssignment.class, 9);
    m.put(RingSum.class, 10);
    m.put(GroupKey.class, 11);
    m.put(ReadingRequest.class, 12);
    m.put(Delta.class, 13);
    m.put(EncryptedReading.class, 14);
    m.put(RoundAck.class, 15);
    m.put(Leave.class, 16);
    m.put(LcHandover.class, 17);
    return Map.copyOf(m);
  }

  private static SuccessorAssignment successorAssignment(CanonicalReader r)
      throws MalformedMessageException {
    long epoch = r.u64("epoch");
    Token pred = token(r, "predecessor");
    MeterId predId = meterId(r, "predecessorId");
    Token succ = token(r, "successor");
    int n = r.u16("n");
    if (n < 1) {
      throw new MalformedMessageException(CmtChecks.CMT_E_03, "n", "ring size must be >= 1");
    }
    int flag = r.u8("secureSum");
    if (flag > 1) {
      throw new MalformedMessageException(CmtChecks.CMT_E_03, "secureSum", "flag must be 0 or 1");
    }
    return new SuccessorAssignment(epoch, pred, predId, succ, n, flag == 1);
  }

  private static X25519PublicKey tokenKey(CanonicalReader r) throws MalformedMessageException {
    return X25519PublicKey.of(r.fixed("tokenKey", X25519PublicKey.LENGTH));
  }

  private static List<CmtMessage.Member> members(CanonicalReader r)
      throws MalformedMessageException {
    int count = r.u16("members.count");
    // §4.2 rule 2: compare the count with the bytes left before allocating anything.
    if ((long) count * MIN_MEMBER > r.remaining()) {
      throw new MalformedMessageException(
          CmtChecks.CMT_E_01, "members.count", "count exceeds the remaining bytes");
    }
    List<CmtMessage.Member> out = new ArrayList<>(count);
    Set<Token> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Token t = token(r, "members.token");
      if (!seen.add(t)) {
        throw new MalformedMessageException(CmtChecks.CMT_E_02, "members", "repeated token");
      }
      out.add(new CmtMessage.Member(t, meterId(r, "members.meter")));
    }
    return out;
  }

  private static MeterId meterId(CanonicalReader r, String field) throws MalformedMessageException {
    String s = r.ascii8(field, MeterId.MAX_LENGTH);
    if (!MeterId.isValid(s)) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, field, "not a meter id");
    }
    return new MeterId(s);
  }

  private static SecretLong secret(CanonicalReader r, String field)
      throws MalformedMessageException {
    return SecretLong.of(r.u64(field));
  }

  private static Token token(CanonicalReader r, String field) throws MalformedMessageException {
    return Token.fromBytes(r.fixed(field, Token.LENGTH));
  }

  private static List<X25519PublicKey> tokenKeys(CanonicalReader r)
      throws MalformedMessageException {
    int count = r.u16("tokenKeys.count");
    // §4.2 rule 2: compare the count with the bytes left before allocating anything.
    if ((long) count * X25519PublicKey.LENGTH > r.remaining()) {
      throw new MalformedMessageException(
          CmtChecks.CMT_E_01, "tokenKeys.count", "count exceeds the remaining bytes");
    }
    List<X25519PublicKey> out = new ArrayList<>(count);
    @Nullable Token last = null;
    for (int i = 0; i < count; i++) {
      X25519PublicKey k = X25519PublicKey.of(r.fixed("tokenKeys", X25519PublicKey.LENGTH));
      Token t = ReadingKey.tokenOf(k);
      // §4.2 rule 2: strictly ascending reading tokens, so no repeat and one encoding per set.
      if (last != null && last.compareTo(t) >= 0) {
        throw new MalformedMessageException(CmtChecks.CMT_E_02, "tokenKeys",
            last.equals(t) ? "repeated token key" : "token keys not in ascending order");
      }
      last = t;
      out.add(k);
    }
    return out;
  }
}
