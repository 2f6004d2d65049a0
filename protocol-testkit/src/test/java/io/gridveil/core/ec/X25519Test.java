// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X25519 of core's elliptic-curve API (spec/runtime.md §9.1, spec/ddh.md §2.2, spec/auth.md §2.2). */
class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  private static X25519PrivateKey key(String hex) {
    return X25519PrivateKey.fromScalar(SecretBytes.copyOf(HEX.parseHex(hex)));
  }

  private static String shared(X25519PrivateKey k, String u) throws Exception {
    return HEX.formatHex(k.agree(X25519PublicKey.of(HEX.parseHex(u))).toByteArray(SecretAccess.grant()));
  }

  @Test
  void rfc7748Section52_scalarMultiplication() throws Exception {
    assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        shared(key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
    // The second input u has its top bit set: of() admits it and X25519 masks it (RFC 7748 §5).
    assertEquals("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
        shared(key("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
  }

  @Test
  void rfc7748Section61_diffieHellman() throws Exception {
    X25519PrivateKey alice = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    X25519PrivateKey bob = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        HEX.formatHex(alice.publicKey().toBytes()));
    assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        HEX.formatHex(bob.publicKey().toBytes()));
    String k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(k, HEX.formatHex(alice.agree(bob.publicKey()).toByteArray(SecretAccess.grant())));
    assertEquals(k, HEX.formatHex(bob.agree(alice.publicKey()).toByteArray(SecretAccess.grant())));
    X25519KeyPair pair = X25519KeyPair.of(alice);
    assertEquals(k, HEX.formatHex(pair.agree(bob.publicKey()).toByteArray(SecretAccess.grant())));
    assertEquals(alice.publicKey(), X25519KeyPair.fromPrivate(SecretBytes.copyOf(HEX.parseHex(
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))).publicKey());
  }

  @Test
  void agreementWithSmallOrderPoint_isRefusedWithAuthV14() {
    X25519PrivateKey x = X25519PrivateKey.generate(DeterministicRandomSource.fromSeed(5));
    assertViolation("AUTH-V-14", () -> x.agree(X25519PublicKey.of(new byte[32])));
    byte[] one = new byte[32];
    one[0] = 1;
    assertViolation("AUTH-V-14", () -> x.agree(X25519PublicKey.of(one)));
    assertViolation("AUTH-V-14", () -> x.agree(X25519PublicKey.of(HEX.parseHex(
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))));
  }

  @Test
  void fromBytes_classifiesAsTheValidationVectors() throws Exception {
    // spec/ddh.md §2.2: DDH-E-01 is the canonical-encoding step, DDH-V-01 the twist, DDH-V-02 small order.
    Map<String, InvalidEncodingException.Reason> reasons = Map.of(
        "DDH-E-01", InvalidEncodingException.Reason.NOT_CANONICAL,
        "DDH-V-01", InvalidEncodingException.Reason.NOT_ON_CURVE,
        "DDH-V-02", InvalidEncodingException.Reason.SMALL_ORDER);
    int refused = 0;
    for (Vector v : Vectors.load("ddh/x25519-validation.json")) {
      byte[] u = v.hex("u");
      if (v.string("check").isEmpty()) {
        assertArrayEquals(u, X25519PublicKey.fromBytes(u).toBytes());
      } else {
        InvalidEncodingException e =
            assertThrows(InvalidEncodingException.class, () -> X25519PublicKey.fromBytes(u));
        assertEquals(reasons.get(v.string("check")), e.reason(), v.string("u"));
        refused++;
      }
    }
    assertTrue(refused >= 3, "refused vectors: " + refused);
    InvalidEncodingException shortKey =
        assertThrows(InvalidEncodingException.class, () -> X25519PublicKey.fromBytes(new byte[31]));
    assertEquals(InvalidEncodingException.Reason.MALFORMED, shortKey.reason());
    assertThrows(IllegalArgumentException.class, () -> X25519PublicKey.of(new byte[33]));
    assertThrows(IllegalArgumentException.class,
        () -> X25519PrivateKey.fromScalar(SecretBytes.copyOf(new byte[31])));
  }

  @Test
  void generatedKeys_agreeAndNeverPrintTheScalar() throws Exception {
    X25519PrivateKey a = X25519PrivateKey.generate(DeterministicRandomSource.fromSeed(1));
    X25519KeyPair b = X25519KeyPair.generate(DeterministicRandomSource.fromSeed(2));
    assertArrayEquals(a.agree(b.publicKey()).toByteArray(SecretAccess.grant()),
        b.agree(a.publicKey()).toByteArray(SecretAccess.grant()));
    byte[] scalar = new byte[32];
    DeterministicRandomSource.fromSeed(1).nextBytes(scalar);
    String hex = HEX.formatHex(scalar);
    assertFalse(a.toString().contains(hex.substring(0, 8)));
    assertTrue(b.toString().contains("redacted"));
    // The generated key is the one fromScalar builds from the same random bytes.
    assertEquals(X25519PrivateKey.fromScalar(SecretBytes.copyOf(scalar)).publicKey(), a.publicKey());
  }
}
