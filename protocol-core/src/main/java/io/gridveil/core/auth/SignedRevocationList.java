// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.nio.charset.StandardCharsets;

/**
 * A revocation list with the supplier's signature over "gridveil-v1 auth revocation" || list
 * (spec/auth.md §5.3). Encoding: bytes32(list) || u64(keyId) || signature[64].
 */
public final class SignedRevocationList {
  static final byte[] LABEL = "gridveil-v1 auth revocation".getBytes(StandardCharsets.US_ASCII);

  private final RevocationList list;
  private final KeyId signer;
  private final byte[] signature;

  private SignedRevocationList(RevocationList list, KeyId signer, byte[] signature) {
    this.list = list;
    this.signer = signer;
    this.signature = signature;
  }

  /**
   * Signs a revocation list.
   *
   * @param list the list
   * @param supplierKey the supplier's signing key
   * @return the signed list
   */
  public static SignedRevocationList issue(RevocationList list, Ed25519SigningKey supplierKey) {
    return new SignedRevocationList(
        list, supplierKey.publicKey().keyId(), supplierKey.sign(input(list.encode())));
  }

  /**
   * Decodes a signed list received from outside (not yet verified).
   *
   * @param bytes the encoding
   * @return the signed list
   * @throws MalformedMessageException if the bytes are not a canonical encoding
   */
  public static SignedRevocationList decode(byte[] bytes) throws MalformedMessageException {
    CanonicalReader r = CanonicalReader.of(bytes);
    CanonicalReader body =
        CanonicalReader.of(r.bytes32("revocation", 12 + 8 * RevocationList.MAX_SERIALS));
    RevocationList l = RevocationList.decode(body);
    body.requireEnd("revocation");
    KeyId signer = new KeyId(r.u64("revocation.signer"));
    byte[] sig = r.fixed("revocation.signature", AuthCodec.SIGNATURE_LENGTH);
    r.requireEnd("signedRevocation");
    return new SignedRevocationList(l, signer, sig);
  }

  /**
   * Encodes the signed list.
   *
   * @return the canonical bytes
   */
  public byte[] encode() {
    return new CanonicalWriter()
        .bytes32(list.encode())
        .u64(signer.value())
        .fixed(signature)
        .toByteArray();
  }

  /**
   * Returns the list; trust it only after {@link Licences#update}.
   *
   * @return the list
   */
  public RevocationList list() {
    return list;
  }

  KeyId signer() {
    return signer;
  }

  boolean verifiedBy(Ed25519PublicKey key) {
    return key.verify(input(list.encode()), signature);
  }

  private static byte[] input(byte[] encoded) {
    return new CanonicalWriter().bytes16(LABEL).fixed(encoded).toByteArray();
  }
}
