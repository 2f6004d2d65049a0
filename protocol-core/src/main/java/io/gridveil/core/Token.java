// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import io.gridveil.core.random.RandomSource;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 128-bit pseudonym T_i of a meter, drawn uniformly from the random source and unrelated to the
 * meter's {@link MeterId} (spec/core.md §2.2).
 *
 * <p>Security: a token is public; it carries no information about the identity because it is
 * sampled independently of it. Who can link a token to an identity is stated per scheme.
 *
 * @param high the most significant 64 bits
 * @param low the least significant 64 bits
 */
public record Token(long high, long low) implements Comparable<Token> {
  /** The encoded length of a token in bytes. */
  public static final int LENGTH = 16;

  /**
   * Draws a fresh token (spec/core.md §2.2).
   *
   * @param random the injected random source
   * @return a uniformly random token
   */
  public static Token random(RandomSource random) {
    Objects.requireNonNull(random, "random");
    return new Token(random.nextLong(), random.nextLong());
  }

  /**
   * Decodes a token from 16 big-endian bytes.
   *
   * @param bytes exactly 16 bytes
   * @return the token
   * @throws IllegalArgumentException if the length is not 16
   */
  public static Token fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("token must be 16 bytes");
    }
    long h = 0;
    long l = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (bytes[i] & 0xff);
      l = (l << 8) | (bytes[8 + i] & 0xff);
    }
    return new Token(h, l);
  }

  /**
   * Encodes the token as 16 big-endian bytes.
   *
   * @return a fresh array
   */
  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (high >>> (56 - 8 * i));
      out[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return out;
  }

  @Override
  public int compareTo(Token other) {
    int c = Long.compareUnsigned(high, other.high);
    return c != 0 ? c : Long.compareUnsigned(low, other.low);
  }

  @Override
  public String toString() {
    return "Token[" + HexFormat.of().formatHex(toBytes()) + "]";
  }
}
