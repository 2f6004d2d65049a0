// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** spec/core.md §4.3. */
class SecretLongTest {
  private static final long VALUE = 0x5EC2E7A11CE0F00DL;

  @Test
  void value_throughTheAccessDoor_returnsTheWrappedBits() {
    assertEquals(VALUE, SecretLong.of(VALUE).value(SecretAccess.grant()));
    assertEquals(-1L, SecretLong.of(-1L).value(SecretAccess.grant()));
    assertThrows(NullPointerException.class, () -> SecretLong.of(1).value(null));
  }

  @Test
  void toString_showsNeitherDecimalNorHex() {
    String s = SecretLong.of(VALUE).toString();
    assertFalse(s.contains(Long.toString(VALUE)));
    assertFalse(s.contains(Long.toUnsignedString(VALUE)));
    assertFalse(s.toLowerCase(Locale.ROOT).contains(Long.toHexString(VALUE)));
    assertTrue(s.contains("redacted"));
  }

  @Test
  void equalsConstantTime_comparesAllSixtyFourBits() {
    SecretLong a = SecretLong.of(VALUE);
    assertTrue(a.equalsConstantTime(SecretLong.of(VALUE)));
    assertTrue(SecretLong.of(0).equalsConstantTime(SecretLong.of(0)));
    assertTrue(SecretLong.of(Long.MIN_VALUE).equalsConstantTime(SecretLong.of(Long.MIN_VALUE)));
    assertFalse(a.equalsConstantTime(SecretLong.of(VALUE ^ 1)));
    assertFalse(a.equalsConstantTime(SecretLong.of(VALUE ^ Long.MIN_VALUE)));
    assertFalse(SecretLong.of(0).equalsConstantTime(SecretLong.of(Long.MIN_VALUE)));
    assertFalse(SecretLong.of(-1).equalsConstantTime(SecretLong.of(Long.MAX_VALUE)));
  }

  @Test
  void equals_isIdentity_notValue() {
    SecretLong a = SecretLong.of(VALUE);
    SecretLong b = SecretLong.of(VALUE);
    assertNotEquals(a, b, "no equals over the secret value");
    assertEquals(a, a);
  }
}
