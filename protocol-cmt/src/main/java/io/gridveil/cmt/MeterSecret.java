// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.util.Objects;

/**
 * A meter's 32-byte master secret ms_i, from which every key share and delta key is derived
 * (spec/cmt.md §2.4, §2.5). Persistent; it never leaves the meter.
 */
public final class MeterSecret {
  /** The length of ms_i in bytes. */
  public static final int LENGTH = 32;

  private final SecretBytes bytes;

  private MeterSecret(SecretBytes bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps existing key material.
   *
   * @param bytes ms_i, exactly 32 bytes
   * @return the secret
   * @throws IllegalParameterException CMT-P-05 if the length is not 32
   */
  public static MeterSecret of(SecretBytes bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length() != LENGTH) {
      throw new IllegalParameterException(CmtChecks.CMT_P_05, "master secret must be 32 bytes");
    }
    return new MeterSecret(bytes);
  }

  /**
   * Draws a fresh master secret.
   *
   * @param random the injected random source
   * @return the secret
   */
  public static MeterSecret random(RandomSource random) {
    return new MeterSecret(SecretBytes.random(LENGTH, random));
  }

  SecretBytes bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "MeterSecret[redacted]";
  }
}
