// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.nio.charset.StandardCharsets;

/**
 * A licence with the supplier's signature over "gridveil-v1 auth licence" || licence
 * (spec/auth.md §5.1). Encoding: bytes16(licence) || u64(keyId) || signature[64].
 */
public final class SignedLicence {
  static final byte[] LABEL = "gridveil-v1 auth licence".getBytes(StandardCharsets.US_ASCII);

  private final Licence licence;
  private final KeyId signer;
  private final byte[] signature;

  private SignedLicence(Licence licence, KeyId signer, byte[] signature) {
    this.licence = licence;
    this.signer = signer;
    this.signature = signature;
  }

  /**
   * Issues a licence: the supplier signs it (spec/auth.md §5.1).
   *
   * @param licence the licence
   * @param supplierKey the supplier's signing key
   * @return the signed licence
   */
  public static SignedLicence issue(Licence licence, Ed25519SigningKey supplierKey) {
    return new SignedLicence(
        licence, supplierKey.publicKey().keyId(), supplierKey.sign(input(licence.encode())));
  }

  /**
   * Decodes a signed licence received from outside (not yet verified).
   *
   * @param bytes the encoding
   * @return the signed licence
   * @throws MalformedMessageException if the bytes are not a canonical encoding
   */
  public static SignedLicence decode(byte[] bytes) throws MalformedMessageException {
    CanonicalReader r = CanonicalReader.of(bytes);
    CanonicalReader body = CanonicalReader.of(r.bytes16("licence", 256));
    Licence l = Licence.decode(body);
    body.requireEnd("licence");
    KeyId signer = new KeyId(r.u64("licence.signer"));
    byte[] sig = r.fixed("licence.signature", AuthCodec.SIGNATURE_LENGTH);
    r.requireEnd("signedLicence");
    return new SignedLicence(l, signer, sig);
  }

  /**
   * Encodes the signed licence.
   *
   * @return the canonical bytes
   */
  public byte[] encode() {
    return new CanonicalWriter()
        .bytes16(licence.encode())
        .u64(signer.value())
        .fixed(signature)
        .toByteArray();
  }

  /**
   * Returns the licence; trust it only after {@link Licences#verify}.
   *
   * @return the licence
   */
  public Licence licence() {
    return licence;
  }

  KeyId signer() {
    return signer;
  }

  boolean verifiedBy(Ed25519PublicKey key) {
    return key.verify(input(licence.encode()), signature);
  }

  private static byte[] input(byte[] encoded) {
    return new CanonicalWriter().bytes16(LABEL).fixed(encoded).toByteArray();
  }
}
