// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts the inbound frames a group's parties refused by check ID, message type and receiving
 * role (spec/sim.md §4.7). The message type is read from the refused frame itself: the
 * authentication wrapper of spec/auth.md §3.1 is opened without verification and its frame decoded
 * with the scheme's codec, so that only the body's type name is kept, never a value.
 */
public final class RefusalCounter {
  /** Wrapper kinds of spec/auth.md §3.1. */
  private static final int SIGNED = 1;
  private static final int MACED = 2;
  private static final int LICENSED = 3;
  private static final int MAX_LICENCE = 512;

  private final EnvelopeCodec<?> codec;
  private final Map<Refusal, Long> counts = new TreeMap<>();

  /**
   * Creates a counter for one group.
   *
   * @param codec the scheme's envelope codec, to name refused messages
   */
  public RefusalCounter(EnvelopeCodec<?> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * Counts one refused frame.
   *
   * @param e why the party refused it
   * @param frame the authenticated frame as it arrived
   * @param role the receiving party's role
   */
  public void refused(ProtocolViolationException e, byte[] frame, Role role) {
    counts.merge(new Refusal(e.checkId().value(), messageType(frame), role), 1L, Long::sum);
  }

  /**
   * Counts one frame refused by a simulator-played party, under a check of spec/sim.md.
   *
   * @param checkId the simulator's check ID, such as {@code SIM-R-01}
   * @param frame the authenticated frame as it arrived
   * @param role the receiving party's role
   */
  public void refused(String checkId, byte[] frame, Role role) {
    counts.merge(new Refusal(checkId, messageType(frame), role), 1L, Long::sum);
  }

  /**
   * Returns the counts so far.
   *
   * @return the number of refusals of each kind
   */
  public Map<Refusal, Long> counts() {
    return Map.copyOf(counts);
  }

  /**
   * Names the type of the message an authenticated frame carries, without verifying it.
   *
   * @param wrapped the frame with its authentication wrapper (spec/auth.md §3.1)
   * @return the body's simple type name, or {@link Refusal#MALFORMED} if it does not decode
   */
  String messageType(byte[] wrapped) {
    try {
      CanonicalReader r = CanonicalReader.of(wrapped);
      int kind = r.u8("auth.kind");
      if (kind == SIGNED) {
        r.u64("auth.keyId");
      } else if (kind == MACED) {
        r.fixed("auth.token", Token.LENGTH);
      } else if (kind == LICENSED) {
        r.bytes16("auth.licence", MAX_LICENCE);
      } else {
        return Refusal.MALFORMED;
      }
      r.u64("auth.sequence");
      Envelope<?> e = codec.decode(r.bytes32("auth.frame", EnvelopeCodec.MAX_FRAME));
      return Envelope.typeName(e.body());
    } catch (MalformedMessageException e) {
      return Refusal.MALFORMED;
    }
  }
}
