// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.party.ProtocolEvent;

/**
 * The canonical encoding of a role's own events (those that are not a core {@code RoundOutcome}),
 * so that a store can keep an outbox and {@code recover()} return it (spec/runtime.md §3.3,
 * §6.1 item 5). Supplied by each scheme's handle.
 */
public interface EventCodec {
  /** The codec of a role that reports no events beyond round outcomes. */
  EventCodec NONE =
      new EventCodec() {
        @Override
        public void encode(ProtocolEvent event, CanonicalWriter out) {
          throw new IllegalArgumentException(
              "this role reports no events: " + event.getClass().getSimpleName());
        }

        @Override
        public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
          throw new MalformedMessageException(
              RuntimeChecks.RT_S_05, "outbox.event", "this role reports no events");
        }
      };

  /**
   * Encodes one event.
   *
   * @param event the event, of a type this codec knows
   * @param out the writer
   * @throws IllegalArgumentException if the event is of a type this codec does not know
   */
  void encode(ProtocolEvent event, CanonicalWriter out);

  /**
   * Decodes one event, strictly.
   *
   * @param in the reader, positioned at the event
   * @return the event
   * @throws MalformedMessageException if the bytes are not an event of this codec
   */
  ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException;
}
