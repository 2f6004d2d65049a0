// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.codec;

import io.gridveil.core.CoreChecks;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads the canonical encoding of spec/encoding.md §3 from untrusted bytes.
 *
 * <p>Every read names its field. A length prefix is compared with its bound and with the bytes
 * that remain before anything is allocated, so no allocation exceeds what the input's length
 * justifies. Any defect is a {@link MalformedMessageException}; no other exception escapes.
 */
public final class CanonicalReader {
  private final byte[] in;
  private final int end;
  private int pos;

  private CanonicalReader(byte[] in, int from, int end) {
    this.in = in;
    this.pos = from;
    this.end = end;
  }

  /**
   * Reads the whole array; the array must not change while the reader is in use.
   *
   * @param in the untrusted bytes
   * @return a reader at offset 0
   */
  public static CanonicalReader of(byte[] in) {
    return new CanonicalReader(in, 0, in.length);
  }

  /**
   * Reads an unsigned 8-bit integer.
   *
   * @param field the field name
   * @return a value in [0, 255]
   * @throws MalformedMessageException CORE-E-04 if the input ends
   */
  public int u8(String field) throws MalformedMessageException {
    need(field, 1);
    return in[pos++] & 0xff;
  }

  /**
   * Reads an unsigned 16-bit big-endian integer.
   *
   * @param field the field name
   * @return a value in [0, 65535]
   * @throws MalformedMessageException CORE-E-04 if the input ends
   */
  public int u16(String field) throws MalformedMessageException {
    need(field, 2);
    int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /**
   * Reads an unsigned 32-bit big-endian integer that must be below 2^31.
   *
   * @param field the field name
   * @return a value in [0, 2^31 - 1]
   * @throws MalformedMessageException CORE-E-04 if the input ends, CORE-E-07 if the top bit is set
   */
  public int u32(String field) throws MalformedMessageException {
    need(field, 4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    if (v > Integer.MAX_VALUE) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, field, "u32 above 2^31 - 1");
    }
    pos += 4;
    return (int) v;
  }

  /**
   * Reads a 64-bit big-endian integer.
   *
   * @param field the field name
   * @return the value as a long (two's complement)
   * @throws MalformedMessageException CORE-E-04 if the input ends
   */
  public long u64(String field) throws MalformedMessageException {
    need(field, 8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /**
   * Reads a fixed number of bytes.
   *
   * @param field the field name
   * @param length the field's fixed length
   * @return a fresh array of that length
   * @throws MalformedMessageException CORE-E-04 if the input ends
   */
  public byte[] fixed(String field, int length) throws MalformedMessageException {
    need(field, length);
    byte[] out = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return out;
  }

  /**
   * Reads a byte string with a u16 length prefix.
   *
   * @param field the field name
   * @param maxLength the field's bound
   * @return the bytes
   * @throws MalformedMessageException CORE-E-05 above the bound, CORE-E-04 past the end
   */
  public byte[] bytes16(String field, int maxLength) throws MalformedMessageException {
    int len = u16(field);
    return bounded(field, len, maxLength);
  }

  /**
   * Reads a byte string with a u32 length prefix.
   *
   * @param field the field name
   * @param maxLength the field's bound
   * @return the bytes
   * @throws MalformedMessageException CORE-E-05 above the bound, CORE-E-04 past the end,
   *     CORE-E-07 for a length of 2^31 or more
   */
  public byte[] bytes32(String field, int maxLength) throws MalformedMessageException {
    int len = u32(field);
    return bounded(field, len, maxLength);
  }

  /**
   * Reads a printable ASCII string with a u8 length prefix.
   *
   * @param field the field name
   * @param maxLength the field's bound
   * @return the string
   * @throws MalformedMessageException CORE-E-05 above the bound, CORE-E-04 past the end,
   *     CORE-E-07 for a byte outside printable ASCII
   */
  public String ascii8(String field, int maxLength) throws MalformedMessageException {
    int len = u8(field);
    byte[] b = bounded(field, len, maxLength);
    char[] chars = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      if (b[i] < 0x21 || b[i] > 0x7e) {
        throw new MalformedMessageException(CoreChecks.CORE_E_07, field, "not printable ASCII");
      }
      chars[i] = (char) b[i];
    }
    return new String(chars);
  }

  /**
   * Reads exactly {@code length} bytes as a non-negative big-endian integer below {@code bound}
   * (spec/encoding.md §3.4).
   *
   * @param field the field name
   * @param length the field's fixed length
   * @param bound the exclusive upper bound of the value
   * @return the value
   * @throws MalformedMessageException CORE-E-04 past the end, CORE-E-07 if the value is not below
   *     the bound
   */
  public BigInteger unsignedFixed(String field, int length, BigInteger bound)
      throws MalformedMessageException {
    BigInteger v = new BigInteger(1, fixed(field, length));
    if (v.compareTo(bound) >= 0) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, field, "value not below its bound");
    }
    return v;
  }

  /**
   * Reads a u32 length and returns a reader over exactly that many following bytes, which this
   * reader then skips (a nested, length-delimited structure).
   *
   * @param field the field name
   * @param maxLength the field's bound
   * @return a reader confined to the nested bytes
   * @throws MalformedMessageException CORE-E-05 above the bound, CORE-E-04 past the end
   */
  public CanonicalReader nested32(String field, int maxLength) throws MalformedMessageException {
    int len = u32(field);
    checkBound(field, len, maxLength);
    need(field, len);
    CanonicalReader sub = new CanonicalReader(in, pos, pos + len);
    pos += len;
    return sub;
  }

  /**
   * Returns the number of bytes not yet read.
   *
   * @return the remaining length
   */
  public int remaining() {
    return end - pos;
  }

  /**
   * Requires that every byte has been read.
   *
   * @param field the name of the structure that should have ended
   * @throws MalformedMessageException CORE-E-06 if bytes remain
   */
  public void requireEnd(String field) throws MalformedMessageException {
    if (pos != end) {
      throw new MalformedMessageException(CoreChecks.CORE_E_06, field, "trailing bytes");
    }
  }

  private byte[] bounded(String field, int len, int maxLength) throws MalformedMessageException {
    checkBound(field, len, maxLength);
    return fixed(field, len);
  }

  private static void checkBound(String field, int len, int maxLength)
      throws MalformedMessageException {
    if (len > maxLength) {
      throw new MalformedMessageException(CoreChecks.CORE_E_05, field, "length above its bound");
    }
  }

  private void need(String field, int n) throws MalformedMessageException {
    if (n < 0 || end - pos < n) {
      throw new MalformedMessageException(CoreChecks.CORE_E_04, field, "input ends inside field");
    }
  }
}
