// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.OpaqueCodecAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;

/** Keys and codecs from spec/vectors/auth/keys.json. */
final class AuthFixtures {
  private AuthFixtures() {}

  static Vector key(String name) {
    for (Vector v : Vectors.load("auth/keys.json")) {
      if (v.string("name").equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException(name);
  }

  static Ed25519SigningKey signing(String name) {
    return Ed25519SigningKey.fromSeed(SecretBytes.copyOf(key(name).hex("seed")));
  }

  static X25519KeyPair x25519(String name) {
    return X25519KeyPair.fromPrivate(SecretBytes.copyOf(key(name).hex("private")));
  }

  static TrustAnchors supplierAnchors() {
    return TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, signing("supplier").publicKey()));
  }

  static EnvelopeCodec<?> codec() {
    return OpaqueCodecAccess.codec();
  }
}
