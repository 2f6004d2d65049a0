// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical body codec of EDAT (spec/ddh.md §4), for {@code EnvelopeCodec.of(DdhCodec.INSTANCE)}.
 */
public final class DdhCodec implements MessageCodec<DdhMessage> {
  /** The codec. */
  public static final DdhCodec INSTANCE = new DdhCodec();

  private DdhCodec() {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.DDH;
  }

  @Override
  public int typeOf(DdhMessage body) {
    if (body instanceof DdhMessage.RosterAnnouncement) {
      return 1;
    } else if (body instanceof DdhMessage.Contribution) {
      return 2;
    } else if (body instanceof DdhMessage.AggregateSum) {
      return 3;
    } else if (body instanceof DdhMessage.RevealRequest) {
      return 4;
    } else if (body instanceof DdhMessage.PadReveal) {
      return 5;
    }
    throw new IllegalStateException("unreachable: DdhMessage is sealed");
  }

  @Override
  public void encode(DdhMessage body, CanonicalWriter out) {
    if (body instanceof DdhMessage.RosterAnnouncement m) {
      m.roster().encodeTo(out);
    } else if (body instanceof DdhMessage.Contribution m) {
      out.u64(m.version()).u64(m.ciphertext());
    } else if (body instanceof DdhMessage.AggregateSum m) {
      out.u64(m.version()).u64(m.sum());
      positions(out, m.contributors());
    } else if (body instanceof DdhMessage.RevealRequest m) {
      out.u64(m.version());
      positions(out, m.missing());
    } else if (body instanceof DdhMessage.PadReveal m) {
      out.u64(m.version()).u16(m.missing()).u64(m.pad().value(SecretAccess.grant()));
    } else {
      throw new IllegalStateException("unreachable: DdhMessage is sealed");
    }
  }

  @Override
  public DdhMessage decode(int type, CanonicalReader in) throws MalformedMessageException {
    return switch (type) {
      case 1 -> new DdhMessage.RosterAnnouncement(SignedRoster.decode(in));
      case 2 -> new DdhMessage.Contribution(in.u64("version"), in.u64("ciphertext"));
      case 3 -> new DdhMessage.AggregateSum(
          in.u64("version"), in.u64("sum"), readPositions(in, "contributors"));
      case 4 -> new DdhMessage.RevealRequest(in.u64("version"), readPositions(in, "missing"));
      case 5 -> new DdhMessage.PadReveal(
          in.u64("version"), in.u16("missing"), SecretLong.of(in.u64("pad")));
      default -> throw new MalformedMessageException(CoreChecks.CORE_E_03, "type", "unknown DDH type");
    };
  }

  private static void positions(CanonicalWriter out, List<Integer> list) {
    out.u16(list.size());
    for (int p : list) {
      out.u16(p);
    }
  }

  private static List<Integer> readPositions(CanonicalReader in, String field)
      throws MalformedMessageException {
    int count = in.u16(field);
    List<Integer> out = new ArrayList<>(Math.min(count, 1024));
    int last = -1;
    for (int i = 0; i < count; i++) {
      int p = in.u16(field);
      if (p <= last) {
        throw new MalformedMessageException(DdhChecks.DDH_E_02, field, "positions not strictly increasing");
      }
      out.add(p);
      last = p;
    }
    return out;
  }
}
