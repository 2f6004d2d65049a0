// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.RuntimeChecks;

/**
 * The encoding of CMT events in a stored outbox (spec/runtime.md §3.3): u8 tag, ascii8 group,
 * then the event's fields (tag 1 LcElected: 16-byte token, u64 epoch; 2 LcSteppedDown: 16-byte
 * token; 3 GroupKeyAccepted, 4 GroupKeyed, 5 GroupBelowMinimum: u64 epoch, u32 count;
 * 6 RingBroken: u64 round, u32 missing; 7 Rejoining: u64 epoch; 8 RevocationIssued: bytes32
 * signed list). Decoding is strict; a failure is RT-S-05.
 */
final class CmtEventCodec implements EventCodec {
  static final CmtEventCodec INSTANCE = new CmtEventCodec();

  private CmtEventCodec() {}

  @Override
  public void encode(ProtocolEvent event, CanonicalWriter out) {
    if (!(event instanceof CmtEvent e)) {
      throw new IllegalArgumentException("not a CMT event: " + event.getClass().getSimpleName());
    }
    if (e instanceof CmtEvent.LcElected x) {
      out.u8(1).ascii8(x.group().value()).fixed(x.lc().toBytes()).u64(x.epoch());
    } else if (e instanceof CmtEvent.LcSteppedDown x) {
      out.u8(2).ascii8(x.group().value()).fixed(x.successor().toBytes());
    } else if (e instanceof CmtEvent.GroupKeyAccepted x) {
      out.u8(3).ascii8(x.group().value()).u64(x.epoch()).u32(x.n());
    } else if (e instanceof CmtEvent.GroupKeyed x) {
      out.u8(4).ascii8(x.group().value()).u64(x.epoch()).u32(x.n());
    } else if (e instanceof CmtEvent.GroupBelowMinimum x) {
      out.u8(5).ascii8(x.group().value()).u64(x.epoch()).u32(x.registered());
    } else if (e instanceof CmtEvent.RingBroken x) {
      out.u8(6).ascii8(x.group().value()).u64(x.round().index()).u32(x.missing());
    } else if (e instanceof CmtEvent.Rejoining x) {
      out.u8(7).ascii8(x.group().value()).u64(x.epoch());
    } else if (e instanceof CmtEvent.RevocationIssued x) {
      out.u8(8).ascii8(x.group().value()).bytes32(x.list().encode());
    } else {
      throw new IllegalArgumentException("unknown CMT event");
    }
  }

  @Override
  public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
    int tag = in.u8("event.tag");
    String g = in.ascii8("event.group", GroupId.MAX_LENGTH);
    if (!GroupId.isValid(g)) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event.group", "invalid group");
    }
    GroupId group = new GroupId(g);
    return switch (tag) {
      case 1 -> new CmtEvent.LcElected(group, token(in), in.u64("event.epoch"));
      case 2 -> new CmtEvent.LcSteppedDown(group, token(in));
      case 3 -> new CmtEvent.GroupKeyAccepted(group, in.u64("event.epoch"), in.u32("event.n"));
      case 4 -> new CmtEvent.GroupKeyed(group, in.u64("event.epoch"), in.u32("event.n"));
      case 5 -> new CmtEvent.GroupBelowMinimum(group, in.u64("event.epoch"), in.u32("event.n"));
      case 6 -> new CmtEvent.RingBroken(group, new Round(in.u64("event.round")),
          in.u32("event.missing"));
      case 7 -> new CmtEvent.Rejoining(group, in.u64("event.epoch"));
      case 8 -> new CmtEvent.RevocationIssued(group,
          SignedRevocationList.decode(in.bytes32("event.list", 1 << 24)));
      default -> throw new MalformedMessageException(
          RuntimeChecks.RT_S_05, "event.tag", "unknown CMT event");
    };
  }

  private static Token token(CanonicalReader in) throws MalformedMessageException {
    return Token.fromBytes(in.fixed("event.token", Token.LENGTH));
  }
}
