// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.secret.SecretBytes;

/** A derivation secret held in software (spec/runtime.md §5.2 item 2). Redacted toString. */
final class SoftwareSecretKey implements SecretKeyHandle {
  private final SecretBytes secret;

  SoftwareSecretKey(SecretBytes secret) {
    this.secret = secret;
  }

  @Override
  public SecretBytes derive(Label label, byte[] context, int length) {
    return Hkdf.derive(secret, label, context, length);
  }

  @Override
  public String toString() {
    return "SoftwareSecretKey[redacted]";
  }
}
