// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;

/**
 * The canonical body codec of PSA (spec/ddh.md §7.5).
 */
public final class PsaCodec implements MessageCodec<PsaMessage> {
  /** The codec. */
  public static final PsaCodec INSTANCE = new PsaCodec();

  private PsaCodec() {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.PSA;
  }

  @Override
  public int typeOf(PsaMessage body) {
    if (body instanceof PsaMessage.Contribution) {
      return 1;
    }
    throw new IllegalStateException("unreachable: PsaMessage is sealed");
  }

  @Override
  public void encode(PsaMessage body, CanonicalWriter out) {
    if (body instanceof PsaMessage.Contribution c) {
      out.fixed(c.ciphertext().toBytes());
    } else {
      throw new IllegalStateException("unreachable: PsaMessage is sealed");
    }
  }

  @Override
  public PsaMessage decode(int type, CanonicalReader in) throws MalformedMessageException {
    if (type != 1) {
      throw new MalformedMessageException(CoreChecks.CORE_E_03, "type", "unknown PSA type");
    }
    byte[] b = in.fixed("ciphertext", PsaCiphertext.LENGTH);
    try {
      return new PsaMessage.Contribution(PsaCiphertext.fromBytes(b));
    } catch (PsaViolationException e) {
      throw new MalformedMessageException(e.checkId(), "ciphertext", "not a valid P-256 point");
    }
  }
}
