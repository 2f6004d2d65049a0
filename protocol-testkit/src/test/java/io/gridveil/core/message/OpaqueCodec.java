// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.util.HexFormat;

/**
 * A body codec for frame tests under protocol CORE: the body is opaque bytes, the type any byte
 * except 0xEE, which this codec treats as unassigned (to exercise CORE-E-03).
 */
final class OpaqueCodec implements MessageCodec<OpaqueCodec.Opaque> {
  static final int UNASSIGNED = 0xEE;

  record Opaque(int type, String hex) {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.CORE;
  }

  @Override
  public int typeOf(Opaque body) {
    return body.type();
  }

  @Override
  public void encode(Opaque body, CanonicalWriter out) {
    out.fixed(HexFormat.of().parseHex(body.hex()));
  }

  @Override
  public Opaque decode(int type, CanonicalReader in) throws MalformedMessageException {
    if (type == UNASSIGNED) {
      throw new MalformedMessageException(CoreChecks.CORE_E_03, "type", "unassigned type");
    }
    return new Opaque(type, HexFormat.of().formatHex(in.fixed("body", in.remaining())));
  }
}
