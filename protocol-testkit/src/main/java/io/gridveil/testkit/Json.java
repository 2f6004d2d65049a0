// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A strict JSON reader (RFC 8259) for the spec's test vectors and the simulator's report: objects
 * become ordered maps, arrays lists, numbers {@link BigInteger} (no fraction or exponent) or
 * {@link BigDecimal}, and {@code null} the {@link #NULL} marker. Duplicate keys and trailing input
 * are errors, and so are the number forms RFC 8259 does not allow ({@code NaN}, {@code Infinity},
 * a leading {@code +}, leading zeros, {@code .5}, {@code 1.}).
 *
 * <p>Parsing is jackson-jr's over jackson-core's strict parser (no comments, single quotes,
 * unquoted names or control characters in strings; duplicate detection on); this class only turns
 * its result into the forms above and refuses anything after the first value.
 */
public final class Json {
  /** The value of a JSON {@code null}. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JSON READER =
      JSON.builder(FACTORY)
          .enable(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS,
              JSON.Feature.PRESERVE_FIELD_ORDERING)
          .build();

  private Json() {}

  /**
   * Parses a JSON text.
   *
   * @param text the text
   * @return a Map, List, String, BigInteger, BigDecimal, Boolean or {@link #NULL}
   * @throws IllegalArgumentException if the text is not JSON, naming the offset
   */
  public static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("JSON: unexpected end at offset 0");
      }
      Object v = READER.anyFrom(p);
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new IllegalArgumentException(
            "JSON: trailing input at offset " + p.currentTokenLocation().getCharOffset());
      }
      return convert(v);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "JSON: " + e.getOriginalMessage() + " at offset " + offset(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("JSON: " + e.getMessage(), e);
    }
  }

  private static long offset(JsonProcessingException e) {
    return e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
  }

  private static Object convert(@Nullable Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), convert(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(convert(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return new BigDecimal(v.toString());
    }
    return v;
  }
}
