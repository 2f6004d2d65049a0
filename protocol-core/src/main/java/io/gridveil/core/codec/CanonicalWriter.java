// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the canonical encoding of spec/encoding.md §3: fixed-width big-endian integers and
 * length-prefixed byte strings. Not thread-safe; one writer per message.
 */
public final class CanonicalWriter {
  private byte[] buf = new byte[64];
  private int size;

  /** Creates an empty writer. */
  public CanonicalWriter() {}

  /**
   * Writes an unsigned 8-bit integer.
   *
   * @param v a value in [0, 255]
   * @return this writer
   * @throws IllegalArgumentException if v is out of range
   */
  public CanonicalWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range");
    }
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  /**
   * Writes an unsigned 16-bit integer, big-endian.
   *
   * @param v a value in [0, 65535]
   * @return this writer
   * @throws IllegalArgumentException if v is out of range
   */
  public CanonicalWriter u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("u16 out of range");
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  /**
   * Writes an unsigned 32-bit integer, big-endian.
   *
   * @param v a value in [0, 2^31 - 1]
   * @return this writer
   * @throws IllegalArgumentException if v is negative
   */
  public CanonicalWriter u32(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("u32 out of range");
    }
    ensure(4);
    for (int i = 3; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /**
   * Writes a 64-bit integer, big-endian (two's complement for a signed field).
   *
   * @param v the value
   * @return this writer
   */
  public CanonicalWriter u64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /**
   * Writes bytes with no length prefix (a fixed-length field).
   *
   * @param b the bytes
   * @return this writer
   */
  public CanonicalWriter fixed(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /**
   * Writes a byte string with a u16 length prefix.
   *
   * @param b at most 65535 bytes
   * @return this writer
   */
  public CanonicalWriter bytes16(byte[] b) {
    u16(b.length);
    return fixed(b);
  }

  /**
   * Writes a byte string with a u32 length prefix.
   *
   * @param b the bytes
   * @return this writer
   */
  public CanonicalWriter bytes32(byte[] b) {
    u32(b.length);
    return fixed(b);
  }

  /**
   * Writes an ASCII string with a u8 length prefix.
   *
   * @param s at most 255 ASCII characters
   * @return this writer
   */
  public CanonicalWriter ascii8(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    u8(b.length);
    return fixed(b);
  }

  /**
   * Writes a non-negative integer as exactly {@code length} big-endian bytes (spec/encoding.md
   * §3.4), for elements of Z_N or Z_{N^2}.
   *
   * @param v a value in [0, 2^(8 * length))
   * @param length the field's fixed length in bytes
   * @return this writer
   * @throws IllegalArgumentException if v is negative or too large
   */
  public CanonicalWriter unsignedFixed(BigInteger v, int length) {
    if (v.signum() < 0 || v.bitLength() > 8 * length) {
      throw new IllegalArgumentException("integer does not fit the fixed length");
    }
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return fixed(out);
  }

  /**
   * Returns the bytes written so far.
   *
   * @return a fresh array
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * Returns the number of bytes written so far.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
