// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.kdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A (test cases 1 to 3) and spec/core.md §5.1 labelled derivation. */
class HkdfKnownAnswerTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static void rfc(String ikm, String salt, String info, int l, String prk, String okm) {
    SecretBytes p = Hkdf.extract(hex(salt), SecretBytes.copyOf(hex(ikm)));
    assertArrayEquals(hex(prk), p.toByteArray(SecretAccess.grant()));
    assertArrayEquals(hex(okm), Hkdf.expand(p, hex(info), l).toByteArray(SecretAccess.grant()));
  }

  @Test
  void rfc5869_case1() {
    rfc(
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "000102030405060708090a0b0c",
        "f0f1f2f3f4f5f6f7f8f9",
        42,
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void rfc5869_case2() {
    StringBuilder ikm = new StringBuilder();
    StringBuilder salt = new StringBuilder();
    StringBuilder info = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      ikm.append(String.format("%02x", i));
      salt.append(String.format("%02x", 0x60 + i));
      info.append(String.format("%02x", 0xb0 + i));
    }
    rfc(
        ikm.toString(),
        salt.toString(),
        info.toString(),
        82,
        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void rfc5869_case3_emptySaltAndInfo() {
    rfc(
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "",
        "",
        42,
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void labelledDerivation_matchesSpecVectors() {
    for (Vector v : Vectors.load("core/hkdf.json")) {
      SecretBytes okm =
          Hkdf.derive(
              SecretBytes.copyOf(v.hex("ikm")),
              Label.of(v.string("label")),
              v.hex("context"),
              v.integer("length").intValueExact());
      assertArrayEquals(v.hex("okm"), okm.toByteArray(SecretAccess.grant()));
    }
  }

  @Test
  void bounds_areEnforced() {
    SecretBytes prk = SecretBytes.copyOf(new byte[32]);
    assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, new byte[0], 0));
    assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, new byte[0], 8161));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hkdf.expand(SecretBytes.copyOf(new byte[31]), new byte[0], 8));
    assertThrows(IllegalArgumentException.class, () -> Label.of("cmt k_i1"));
    assertThrows(IllegalArgumentException.class, () -> Label.of("gridveil-v1 UPPER"));
  }
}
