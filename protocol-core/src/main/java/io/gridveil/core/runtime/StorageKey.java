// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.util.Objects;

/**
 * The 32-byte AES-256 key under which a file store seals its state and vault (spec/runtime.md
 * §6.4, §6.5). The product obtains it from its platform; {@link #generate()} exists for tests and
 * first boot. A secret type: redacted toString, no equals over the bytes.
 */
public final class StorageKey {
  /** The key length in bytes. */
  public static final int LENGTH = 32;

  private final SecretBytes key;

  private StorageKey(SecretBytes key) {
    this.key = key;
  }

  /**
   * Draws a fresh key from a new production DRBG seeded from the platform (spec/core.md §3.1).
   *
   * @return the key
   */
  public static StorageKey generate() {
    return generate(DrbgRandomSource.create());
  }

  /**
   * Draws a fresh key from a random source.
   *
   * @param random the random source
   * @return the key
   */
  public static StorageKey generate(RandomSource random) {
    return new StorageKey(SecretBytes.random(LENGTH, random));
  }

  /**
   * Wraps 32 key bytes the product loaded from its platform.
   *
   * @param bytes the key, copied
   * @param access the secret door, {@code SecretAccess.grant()}
   * @return the key
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static StorageKey fromBytes(byte[] bytes, SecretAccess access) {
    Objects.requireNonNull(access, "access");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a storage key is 32 bytes");
    }
    return new StorageKey(SecretBytes.copyOf(bytes));
  }

  /**
   * Returns the key bytes, for the product to keep on its platform.
   *
   * @param access the secret door, {@code SecretAccess.grant()}
   * @return a fresh copy
   */
  public byte[] toBytes(SecretAccess access) {
    return key.toByteArray(access);
  }

  /**
   * Returns the key as secret material for the store's derivation.
   *
   * @return the secret
   */
  public SecretBytes secret() {
    return key;
  }

  @Override
  public String toString() {
    return "StorageKey[redacted]";
  }
}
