// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.TestPki;

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

  /**
   * Enrols a meter with its test key and lets it obtain its licence from the supplier (§3.1), so
   * it may key the supplier as the LC.
   */
  static Supplier licensed(TestPki pki, Supplier s, GroupId g, MeterId id, RandomSource rng)
      throws ProtocolViolationException {
    Supplier e = s.enrol(id, pki.meterKey(id).publicKey());
    return e.step(new CmtInput.Inbound(pki.verified(new Envelope<>(Address.identified(id),
        Address.SUPPLIER, g, Round.FIRST, new CmtMessage.LicenceRequest(id)),
        CmtGroupDriver.CODEC, e)), rng).next();
  }

  /**
   * Seals a message from {@code id} under LOCAL_CONCENTRATOR as a licensed frame with the
   * supplier's current licence of {@code id} (§11.1), and verifies it for the supplier.
   */
  static CmtInput fromLc(TestPki pki, Supplier s, GroupId g, MeterId id, Round j, CmtMessage m,
      long sequence) throws ProtocolViolationException {
    byte[] frame = CmtGroupDriver.CODEC.encode(
        new Envelope<>(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, g, j, m));
    byte[] sealed = AuthCodec.signLicensed(frame, sequence,
        s.currentLicence(id).orElseThrow(), pki.meterKey(id));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, g, pki.anchors())
        .verify(sealed, j, s));
  }
}
