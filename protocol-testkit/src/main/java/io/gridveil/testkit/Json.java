// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for the spec's test vectors: objects become ordered maps, arrays
 * lists, numbers {@link BigInteger} (no fraction or exponent) or {@link BigDecimal}, and
 * {@code null} the {@link #NULL} marker. Duplicate keys and trailing input are errors.
 *
 * <p>Written here instead of adding a JSON library: the vectors need only this, and the test kit
 * stays free of dependencies beyond JUnit and QuickTheories.
 */
public final class Json {
  /** The value of a JSON {@code null}. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private final String s;
  private int pos;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses a JSON text.
   *
   * @param text the text
   * @return a Map, List, String, BigInteger, BigDecimal, Boolean or {@link #NULL}
   * @throws IllegalArgumentException if the text is not JSON, naming the offset
   */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.pos != text.length()) {
      throw p.error("trailing input");
    }
    return v;
  }

  private Object value() {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", true);
      case 'f' -> literal("false", false);
      case 'n' -> literal("null", NULL);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    ws();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(m);
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw error("expected key");
      }
      String k = string();
      ws();
      expect(':');
      ws();
      if (m.put(k, value()) != null) {
        throw error("duplicate key " + k);
      }
      ws();
      char c = next();
      if (c == '}') {
        return Collections.unmodifiableMap(m);
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    pos++;
    ws();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(l);
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      char c = next();
      if (c == ']') {
        return Collections.unmodifiableList(l);
      }
      if (c != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case '/' -> b.append('/');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw error("short unicode escape");
          }
          b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    boolean integral = true;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c >= '0' && c <= '9') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String t = s.substring(start, pos);
    try {
      return integral ? new BigInteger(t) : new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) {
      throw error("bad literal");
    }
    pos += word.length();
    return v;
  }

  private void ws() {
    while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
  }
}
