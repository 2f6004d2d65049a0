// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One test vector: a JSON object from spec/vectors/, with typed accessors that fail loudly on a
 * missing or mistyped field.
 *
 * @param fields the object's fields in file order
 */
public record Vector(Map<String, Object> fields) {
  /**
   * Copies the fields.
   *
   * @param fields the object's fields in file order
   */
  public Vector {
    fields = Map.copyOf(fields);
  }

  /**
   * Returns a field.
   *
   * @param name the field
   * @return its value
   * @throws IllegalArgumentException if absent
   */
  public Object get(String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw new IllegalArgumentException("vector has no field " + name);
    }
    return v;
  }

  /**
   * Tells whether a field is present.
   *
   * @param name the field
   * @return true if present
   */
  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /**
   * Returns a string field.
   *
   * @param name the field
   * @return the string
   */
  public String string(String name) {
    return (String) get(name);
  }

  /**
   * Returns a hex-string field as bytes.
   *
   * @param name the field
   * @return the bytes
   */
  public byte[] hex(String name) {
    return HexFormat.of().parseHex(string(name));
  }

  /**
   * Returns an integer field (a JSON number or a decimal or 0x-hex string).
   *
   * @param name the field
   * @return the integer
   */
  public BigInteger integer(String name) {
    return toInteger(get(name));
  }

  /**
   * Returns an integer field that fits a long (unsigned 64-bit values may be given as strings).
   *
   * @param name the field
   * @return the value, two's complement for values of 2^63 and above
   */
  public long longValue(String name) {
    return integer(name).longValue();
  }

  /**
   * Returns a list field.
   *
   * @param name the field
   * @return the list
   */
  public List<?> list(String name) {
    return (List<?>) get(name);
  }

  /**
   * Returns a nested object field as a vector.
   *
   * @param name the field
   * @return the nested vector
   */
  @SuppressWarnings("unchecked") // JSON objects are parsed as Map<String, Object>
  public Vector object(String name) {
    return new Vector((Map<String, Object>) get(name));
  }

  /**
   * Converts a JSON number or a decimal or 0x-hex string into an integer.
   *
   * @param v the parsed value
   * @return the integer
   */
  public static BigInteger toInteger(Object v) {
    Objects.requireNonNull(v, "v");
    if (v instanceof BigInteger b) {
      return b;
    }
    String s = (String) v;
    if (s.startsWith("0x")) {
      return new BigInteger(s.substring(2), 16);
    }
    return new BigInteger(s);
  }
}
