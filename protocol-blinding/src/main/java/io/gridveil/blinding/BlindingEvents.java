// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.RuntimeChecks;

/**
 * The event codec of the blinding TTP's handle (spec/runtime.md §3.3): a {@link MeterExcluded}
 * is {@code u8 1 || ascii8 group || ascii8 meter || ascii8 check}.
 */
final class BlindingEvents implements EventCodec {
  static final BlindingEvents INSTANCE = new BlindingEvents();

  private BlindingEvents() {}

  @Override
  public void encode(ProtocolEvent event, CanonicalWriter out) {
    if (!(event instanceof MeterExcluded e)) {
      throw new IllegalArgumentException("not a blinding event: " + event.getClass().getSimpleName());
    }
    out.u8(1).ascii8(e.group().value()).ascii8(e.meter().value()).ascii8(e.check().value());
  }

  @Override
  public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
    int kind = in.u8("event.kind");
    if (kind != 1) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event.kind", "unknown event");
    }
    String group = in.ascii8("event.group", 255);
    String meter = in.ascii8("event.meter", 255);
    String check = in.ascii8("event.check", 255);
    try {
      return new MeterExcluded(new GroupId(group), new MeterId(meter), CheckId.of(check));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event", "invalid identifier");
    }
  }
}
