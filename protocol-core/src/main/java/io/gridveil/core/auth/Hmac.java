// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.checkerframework.checker.nullness.qual.Nullable;

/** HMAC-SHA256 through the JDK with one reusable Mac per thread (spec/auth.md §6.3). */
final class Hmac {
  private static final ThreadLocal<@Nullable Mac> MAC = new ThreadLocal<>();

  private Hmac() {}

  /**
   * HMAC-SHA256 over the concatenation of the parts, fed to the MAC one by one so that no joined
   * copy of a frame is made on the hot path.
   */
  static byte[] tag(SecretBytes key, byte[]... parts) {
    byte[] raw = key.toByteArray(SecretAccess.grant());
    try {
      Mac mac = MAC.get();
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        MAC.set(mac);
      }
      mac.init(new SecretKeySpec(raw, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new ProtocolBugException("HmacSHA256 is required of every Java platform", e);
    } finally {
      Wipe.bytes(raw);
    }
  }
}
