// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void parse_document_givesOrderedMapsListsAndExactNumbers() {
    Object v = Json.parse(" {\"b\": [1, -2, 18446744073709551616, 1.5, 2e3], \"a\": \"x\\u00e9\\n\","
        + " \"t\": true, \"n\": null} ");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertEquals(List.of("b", "a", "t", "n"), List.copyOf(m.keySet()));
    assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(-2), BigInteger.TWO.pow(64),
        new BigDecimal("1.5"), new BigDecimal("2e3")), m.get("b"));
    assertEquals("x\u00e9\n", m.get("a"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertSame(Json.NULL, m.get("n"));
  }

  @Test
  void parse_result_isUnmodifiable() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Json.parse("{\"a\": [1]}");
    assertThrows(UnsupportedOperationException.class, () -> m.put("b", 1));
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) m.get("a");
    assertThrows(UnsupportedOperationException.class, () -> l.add(2));
  }

  @Test
  void parse_duplicateKey_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}"));
    assertTrue(e.getMessage().contains("Duplicate field 'c'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} {}", "[1] x", "1 2", "\"a\" ,", "null null"})
  void parse_trailingInput_isRefused(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
    assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", "01", "-01", ".5", "1.", "1e", "1.5e+",
      "--1", "0x10", "[1,]", "{\"a\":1,}", "{'a': 1}", "{a: 1}", "// c\n1", "\"tab\there\"",
      "\"\\u12\"", "\"\\x\"", "tru", ""})
  void parse_formOutsideRfc8259_isRefused(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
    assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
  }
}
