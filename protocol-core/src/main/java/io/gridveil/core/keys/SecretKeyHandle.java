// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.keys;

import io.gridveil.core.kdf.Label;
import io.gridveil.core.secret.SecretBytes;

/**
 * The use of a secret such as ms_i or a ring seed (spec/runtime.md §5.2 item 2): labelled
 * derivation (spec/core.md §5.1) without handing out the secret itself.
 */
public interface SecretKeyHandle {
  /**
   * Derives key material: Derive(secret, label, context, length) of spec/core.md §5.1.
   *
   * @param label the label, from the table of spec/core.md §5.2
   * @param context the canonical encoding of what the key is bound to
   * @param length the number of bytes, 1 to 8160
   * @return the derived key
   */
  SecretBytes derive(Label label, byte[] context, int length);
}
