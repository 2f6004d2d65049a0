// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Envelope;

/** Seals test frames as a meter's endpoint would and verifies them for a supplier (§11.4). */
final class Frames {
  private Frames() {}

  /**
   * MACs an envelope under a reading key (kind 2) and verifies it against the supplier's current
   * keyring, as the supplier's endpoint does.
   */
  static CmtInput maced(Supplier s, Envelope<CmtMessage> e, ReadingKey key, long sequence)
      throws ProtocolViolationException {
    byte[] bytes = AuthCodec.mac(CmtGroupDriver.CODEC.encode(e), sequence, key);
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, e.group(),
            TrustAnchors.empty())
        .withKeyring(s.readingKeyring().orElseThrow())
        .verify(bytes, e.round(), s));
  }
}
