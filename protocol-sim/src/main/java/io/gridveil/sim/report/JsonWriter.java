// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for report.json (spec/sim.md §5.4): objects, arrays, strings
 * escaped per RFC 8259, integers, and finite doubles (a non-finite double is written as null).
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final Deque<Boolean> first = new ArrayDeque<>();
  private boolean afterName;

  JsonWriter beginObject() {
    value();
    out.append('{');
    first.push(true);
    return this;
  }

  JsonWriter endObject() {
    first.pop();
    out.append('}');
    return this;
  }

  JsonWriter beginArray() {
    value();
    out.append('[');
    first.push(true);
    return this;
  }

  JsonWriter endArray() {
    first.pop();
    out.append(']');
    return this;
  }

  JsonWriter name(String name) {
    separator();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  JsonWriter value(String s) {
    value();
    string(s);
    return this;
  }

  JsonWriter value(long v) {
    value();
    out.append(v);
    return this;
  }

  JsonWriter value(double v) {
    value();
    if (Double.isFinite(v)) {
      out.append(v);
    } else {
      out.append("null");
    }
    return this;
  }

  JsonWriter value(boolean v) {
    value();
    out.append(v);
    return this;
  }

  JsonWriter field(String name, String v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, long v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, double v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, boolean v) {
    return name(name).value(v);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void value() {
    if (afterName) {
      afterName = false;
      return;
    }
    separator();
  }

  private void separator() {
    if (first.isEmpty()) {
      return;
    }
    Boolean atFirst = first.peek();
    if (atFirst != null && atFirst) {
      first.pop();
      first.push(false);
    } else {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
