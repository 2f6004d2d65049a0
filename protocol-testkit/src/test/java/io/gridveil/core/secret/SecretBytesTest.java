// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** spec/core.md §4. */
class SecretBytesTest {
  @Test
  void copiesInAndOut_soCallersCannotAlias() {
    byte[] raw = {1, 2, 3};
    SecretBytes s = SecretBytes.copyOf(raw);
    raw[0] = 9;
    byte[] out = s.toByteArray(SecretAccess.grant());
    assertArrayEquals(new byte[] {1, 2, 3}, out);
    out[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, s.toByteArray(SecretAccess.grant()));
  }

  @Test
  void toString_neverShowsTheBytes() {
    SecretBytes s = SecretBytes.copyOf(HexFormat.of().parseHex("deadbeefcafe"));
    assertFalse(s.toString().toLowerCase(java.util.Locale.ROOT).contains("dead"));
    assertTrue(s.toString().contains("redacted"));
  }

  @Test
  void equality_isConstantTimeMethodOnly_notEquals() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2});
    SecretBytes b = SecretBytes.copyOf(new byte[] {1, 2});
    assertTrue(a.equalsConstantTime(b));
    assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 3})));
    assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 0})));
    assertNotEquals(a, b, "no equals over secret bytes");
  }

  @Test
  void random_drawsFromTheInjectedSource() {
    SecretBytes a = SecretBytes.random(16, DeterministicRandomSource.fromSeed(1));
    SecretBytes b = SecretBytes.random(16, DeterministicRandomSource.fromSeed(1));
    assertTrue(a.equalsConstantTime(b));
    assertEquals(16, a.length());
  }

  @Test
  void wipe_zeroesTemporaries() {
    byte[] t = {5, 6};
    Wipe.bytes(t);
    assertArrayEquals(new byte[2], t);
    long[] l = {5, 6};
    Wipe.longs(l);
    assertArrayEquals(new long[2], l);
  }
}
