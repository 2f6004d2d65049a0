// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CountingAesProviderTest {
  private static final byte[] KEY = new byte[16];
  // FIPS-197 Appendix C.1 uses key 000102..0f and plaintext 00112233..ff.
  private static final byte[] FIPS_KEY = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] FIPS_PLAIN = hex("00112233445566778899aabbccddeeff");
  private static final byte[] FIPS_CIPHER = hex("69c4e0d86a7b0430d8cdb78070b4c55a");

  @Test
  void installedProvider_servesAesEcbAndCountsBlocks() throws Exception {
    CountingAesProvider.install();
    CountingAesProvider.install();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    assertEquals("GridVeilCountingAes", c.getProvider().getName());
    CountingAesProvider.reset();
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(FIPS_KEY, "AES"));
    byte[] out = new byte[16];
    c.update(FIPS_PLAIN, 0, 16, out, 0);
    assertArrayEquals(FIPS_CIPHER, out);
    byte[] many = new byte[16 * 5];
    c.update(many, 0, many.length, new byte[many.length], 0);
    c.doFinal(new byte[32]);
    assertEquals(1 + 5 + 2, CountingAesProvider.blocks());
    assertEquals(1, CountingAesProvider.keyings());
    CountingAesProvider.reset();
    assertEquals(0, CountingAesProvider.blocks());
  }

  @Test
  void countingCipher_matchesSunJce() throws Exception {
    CountingAesProvider.install();
    Cipher counted = Cipher.getInstance("AES/ECB/NoPadding");
    Cipher sun = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
    counted.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
    sun.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
    byte[] in = new byte[64];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) (i * 7);
    }
    assertArrayEquals(sun.doFinal(in), counted.doFinal(in));
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
