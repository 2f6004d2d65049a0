// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void meterId_acceptsSpecAlphabet_rejectsOthers() {
    assertEquals("SM-01.a:b_c", new MeterId("SM-01.a:b_c").value());
    assertThrows(IllegalArgumentException.class, () -> new MeterId(""));
    assertThrows(IllegalArgumentException.class, () -> new MeterId("a b"));
    assertThrows(IllegalArgumentException.class, () -> new MeterId("x".repeat(65)));
    assertEquals(64, new MeterId("x".repeat(64)).value().length());
    assertThrows(IllegalArgumentException.class, () -> new GroupId("é"));
    assertTrue(GroupId.isValid("north-7"));
  }

  @Test
  void token_roundTripsThroughBytes_andDrawsDistinctValues() {
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(1);
    Set<Token> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Token t = Token.random(r);
      assertEquals(t, Token.fromBytes(t.toBytes()));
      assertTrue(seen.add(t), "128-bit tokens do not collide in 1000 draws");
    }
    byte[] b = new byte[16];
    b[0] = (byte) 0x80;
    b[15] = 1;
    Token t = Token.fromBytes(b);
    assertEquals(0x8000000000000000L, t.high());
    assertEquals(1L, t.low());
    assertArrayEquals(b, t.toBytes());
    assertTrue(t.compareTo(new Token(1, 0)) > 0, "tokens order as unsigned 128-bit integers");
  }

  @Test
  void round_refusesNegativeAndLast_andAdvances() {
    assertThrows(IllegalArgumentException.class, () -> new Round(-1));
    assertThrows(IllegalArgumentException.class, () -> new Round(Long.MAX_VALUE));
    assertEquals(new Round(1), Round.FIRST.next());
    assertTrue(Round.FIRST.isBefore(new Round(1)));
    assertFalse(new Round(1).isBefore(new Round(1)));
  }

  @Test
  void reading_toStringIsRedacted() {
    Reading r = Reading.ofWattHours(123456789L);
    assertFalse(r.toString().contains("123456789"));
    assertTrue(r.toString().contains("redacted"));
  }

  @Test
  void checkId_requiresFormat() {
    assertEquals("CORE-E-04", CheckId.of("CORE-E-04").toString());
    assertThrows(IllegalArgumentException.class, () -> CheckId.of("core-e-04"));
    assertThrows(IllegalArgumentException.class, () -> CheckId.of("CORE-E-4"));
  }
}
