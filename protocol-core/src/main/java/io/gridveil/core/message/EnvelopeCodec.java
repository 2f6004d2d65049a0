// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.CoreChecks;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.util.Objects;

/**
 * The canonical frame of spec/encoding.md §2: version, protocol, type, sender, recipient, group,
 * round, and the length-prefixed body; no trailing bytes.
 *
 * @param <M> the scheme's sealed message type
 */
public final class EnvelopeCodec<M> {
  /** The frame version this implementation writes and reads. */
  public static final int VERSION = 1;

  /** The largest frame, in bytes (spec/encoding.md §2.1). */
  public static final int MAX_FRAME = 1 << 20;

  /** The largest body, in bytes. */
  public static final int MAX_BODY = MAX_FRAME - 256;

  private final MessageCodec<M> bodies;

  private EnvelopeCodec(MessageCodec<M> bodies) {
    this.bodies = bodies;
  }

  /**
   * Returns the frame codec for a scheme's bodies.
   *
   * @param <M> the scheme's message type
   * @param bodies the scheme's body codec
   * @return the frame codec
   */
  public static <M> EnvelopeCodec<M> of(MessageCodec<M> bodies) {
    return new EnvelopeCodec<>(Objects.requireNonNull(bodies, "bodies"));
  }

  /**
   * Encodes an envelope canonically.
   *
   * @param envelope the envelope
   * @return the frame
   * @throws IllegalArgumentException if the body's encoding exceeds {@link #MAX_BODY}
   */
  public byte[] encode(Envelope<M> envelope) {
    CanonicalWriter body = new CanonicalWriter();
    bodies.encode(envelope.body(), body);
    if (body.size() > MAX_BODY) {
      throw new IllegalArgumentException("body exceeds the maximum frame size");
    }
    CanonicalWriter w = new CanonicalWriter();
    w.u8(VERSION).u8(bodies.protocol().code()).u8(bodies.typeOf(envelope.body()));
    writeAddress(w, envelope.sender());
    writeAddress(w, envelope.recipient());
    w.ascii8(envelope.group().value());
    w.u64(envelope.round().index());
    w.bytes32(body.toByteArray());
    return w.toByteArray();
  }

  /**
   * Decodes untrusted bytes into an envelope, or fails naming the field (spec/encoding.md §5).
   *
   * @param frame the bytes received
   * @return the envelope
   * @throws MalformedMessageException with the check ID and field of the first defect
   */
  public Envelope<M> decode(byte[] frame) throws MalformedMessageException {
    if (frame.length > MAX_FRAME) {
      throw new MalformedMessageException(CoreChecks.CORE_E_08, "frame", "frame above 1 MiB");
    }
    CanonicalReader r = CanonicalReader.of(frame);
    int version = r.u8("version");
    if (version != VERSION) {
      throw new MalformedMessageException(CoreChecks.CORE_E_01, "version", "unsupported version");
    }
    int protocol = r.u8("protocol");
    if (protocol != bodies.protocol().code()) {
      throw new MalformedMessageException(
          CoreChecks.CORE_E_02, "protocol", "protocol is not " + bodies.protocol());
    }
    int type = r.u8("type");
    Address sender = readAddress(r, "sender");
    Address recipient = readAddress(r, "recipient");
    String group = r.ascii8("group", GroupId.MAX_LENGTH);
    if (!GroupId.isValid(group)) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "group", "not a group id");
    }
    long round = r.u64("round");
    if (round < 0 || round == Long.MAX_VALUE) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "round", "round out of range");
    }
    CanonicalReader body = r.nested32("body", MAX_BODY);
    r.requireEnd("frame");
    M message = bodies.decode(type, body);
    body.requireEnd("body");
    return new Envelope<>(sender, recipient, new GroupId(group), new Round(round), message);
  }

  /**
   * The header of a frame: who sent it, to whom, in which group and round.
   *
   * @param sender the sender address
   * @param recipient the recipient address
   * @param group the group
   * @param round the round
   */
  public record Header(Address sender, Address recipient, GroupId group, Round round) {}

  /**
   * Decodes only the header of a frame of any protocol, strictly up to the round field
   * (spec/encoding.md §2), for a handle that ignores frames not addressed to it
   * (spec/runtime.md §3.5 item 1). The body is not read.
   *
   * @param frame the canonical frame
   * @return the header
   * @throws MalformedMessageException with the check ID and field of the first defect
   */
  public static Header header(byte[] frame) throws MalformedMessageException {
    if (frame.length > MAX_FRAME) {
      throw new MalformedMessageException(CoreChecks.CORE_E_08, "frame", "frame above 1 MiB");
    }
    CanonicalReader r = CanonicalReader.of(frame);
    if (r.u8("version") != VERSION) {
      throw new MalformedMessageException(CoreChecks.CORE_E_01, "version", "unsupported version");
    }
    r.u8("protocol");
    r.u8("type");
    Address sender = readAddress(r, "sender");
    Address recipient = readAddress(r, "recipient");
    String group = r.ascii8("group", GroupId.MAX_LENGTH);
    if (!GroupId.isValid(group)) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "group", "not a group id");
    }
    long round = r.u64("round");
    if (round < 0 || round == Long.MAX_VALUE) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "round", "round out of range");
    }
    return new Header(sender, recipient, new GroupId(group), new Round(round));
  }

  /**
   * Writes an address in its frame encoding (spec/encoding.md §2.3), for stored state that
   * records addresses (an endpoint's replay windows, spec/runtime.md §6.2).
   *
   * @param w the writer
   * @param a the address
   */
  public static void writeAddress(CanonicalWriter w, Address a) {
    if (a instanceof Address.Meter m) {
      w.u8(1).fixed(m.token().toBytes());
    } else if (a instanceof Address.Identified i) {
      w.u8(2).ascii8(i.id().value());
    } else if (a instanceof Address.LocalConcentrator) {
      w.u8(3);
    } else if (a instanceof Address.Aggregator) {
      w.u8(4);
    } else if (a instanceof Address.Supplier) {
      w.u8(5);
    } else if (a instanceof Address.TrustedThirdParty) {
      w.u8(6);
    } else if (a instanceof Address.GroupBroadcast) {
      w.u8(7);
    } else {
      throw new ProtocolBugException("unreachable: Address is sealed");
    }
  }

  /**
   * Reads an address in its frame encoding (spec/encoding.md §2.3).
   *
   * @param r the reader
   * @param field the field name for errors
   * @return the address
   * @throws MalformedMessageException CORE-E-07 for an unknown kind or a bad identity
   */
  public static Address readAddress(CanonicalReader r, String field)
      throws MalformedMessageException {
    int kind = r.u8(field);
    return switch (kind) {
      case 1 -> Address.meter(Token.fromBytes(r.fixed(field, Token.LENGTH)));
      case 2 -> {
        String id = r.ascii8(field, MeterId.MAX_LENGTH);
        if (!MeterId.isValid(id)) {
          throw new MalformedMessageException(CoreChecks.CORE_E_07, field, "not a meter id");
        }
        yield Address.identified(new MeterId(id));
      }
      case 3 -> Address.LOCAL_CONCENTRATOR;
      case 4 -> Address.AGGREGATOR;
      case 5 -> Address.SUPPLIER;
      case 6 -> Address.TRUSTED_THIRD_PARTY;
      case 7 -> Address.GROUP_BROADCAST;
      default -> throw new MalformedMessageException(
          CoreChecks.CORE_E_07, field, "unknown address kind");
    };
  }
}
