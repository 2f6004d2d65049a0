// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** spec/auth.md against spec/vectors/auth/*.json (computed by spec/vectors/tools/gen_auth.py). */
class AuthKnownAnswerTest {
  private static Address self(String s) {
    return s.equals("broadcast") ? Address.GROUP_BROADCAST : Address.SUPPLIER;
  }

  @Test
  void keys_matchVectors() {
    for (Vector v : Vectors.load("auth/keys.json")) {
      if (v.string("kind").equals("ed25519")) {
        Ed25519SigningKey k = Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("seed")));
        assertArrayEquals(v.hex("public"), k.publicKey().toBytes());
        assertEquals(v.longValue("keyId"), k.publicKey().keyId().value());
      } else {
        X25519KeyPair k = X25519KeyPair.fromPrivate(SecretBytes.copyOf(v.hex("private")));
        assertArrayEquals(v.hex("public"), k.publicKey().toBytes());
        assertArrayEquals(v.hex("token"), ReadingKey.tokenOf(k.publicKey()).toBytes());
      }
    }
  }

  @Test
  void rfc8032_test1_signatureOfTheEmptyMessage() {
    HexFormat h = HexFormat.of();
    Ed25519SigningKey k =
        Ed25519SigningKey.fromSeed(
            SecretBytes.copyOf(
                h.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
    assertEquals(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        h.formatHex(k.publicKey().toBytes()));
    assertEquals(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        h.formatHex(k.sign(new byte[0])));
  }

  @Test
  void rfc7748_sharedSecret() throws Exception {
    HexFormat h = HexFormat.of();
    X25519KeyPair alice =
        X25519KeyPair.fromPrivate(
            SecretBytes.copyOf(
                h.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
    X25519PublicKey bob =
        X25519PublicKey.of(
            h.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    assertEquals(
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        h.formatHex(alice.agree(bob).toByteArray(SecretAccess.grant())));
    assertViolation("AUTH-V-14", () -> alice.agree(X25519PublicKey.of(new byte[32])));
  }

  @Test
  @SuppressWarnings("unchecked")
  void signedFrames_acceptOrFailWithTheirCheck() throws Exception {
    Set<String> outcomes = new TreeSet<>();
    for (Vector v : Vectors.load("auth/signed.json")) {
      EnvelopeVerifier<Object> verifier =
          EnvelopeVerifier.of(
              (EnvelopeCodec<Object>) AuthFixtures.codec(),
              self(v.string("self")),
              new GroupId(v.string("group")),
              AuthFixtures.supplierAnchors());
      Round now = new Round(v.longValue("now"));
      String outcome = v.string("outcome");
      outcomes.add(outcome);
      if (outcome.equals("accept")) {
        byte[] frame = v.hex("frame");
        assertArrayEquals(
            v.hex("wrapped"),
            AuthCodec.sign(frame, v.longValue("sequence"), AuthFixtures.signing("supplier")));
        VerifiedEnvelope<Object> e = verifier.verify(v.hex("wrapped"), now);
        assertEquals(Address.SUPPLIER, e.principal());
        assertEquals(42, e.sequence());
      } else {
        assertViolation(outcome, () -> verifier.verify(v.hex("wrapped"), now));
      }
    }
    assertEquals(
        Set.of("accept", "AUTH-V-01", "AUTH-V-02", "AUTH-V-06", "AUTH-V-07", "AUTH-V-13", "AUTH-E-01"),
        outcomes);
  }

  @Test
  @SuppressWarnings("unchecked")
  void macedFrames_acceptOrFailWithTheirCheck() throws Exception {
    Vector first = Vectors.load("auth/maced.json").get(0);
    X25519KeyPair token = X25519KeyPair.fromPrivate(SecretBytes.copyOf(first.hex("tokenPrivate")));
    X25519KeyPair supplier =
        X25519KeyPair.fromPrivate(SecretBytes.copyOf(first.hex("supplierPrivate")));
    GroupId group = new GroupId(first.string("group"));
    long epoch = first.longValue("epoch");
    ReadingKey meterKey = ReadingKey.derive(token, supplier.publicKey(), group, epoch);
    assertArrayEquals(
        first.hex("macKey"), meterKey.macKey().toByteArray(SecretAccess.grant()));
    assertArrayEquals(
        first.hex("wrapped"), AuthCodec.mac(first.hex("frame"), first.longValue("sequence"), meterKey));
    ReadingKeyring ring = ReadingKeyring.empty(supplier).register(token.publicKey(), group, epoch);
    EnvelopeVerifier<Object> verifier =
        EnvelopeVerifier.of(
                (EnvelopeCodec<Object>) AuthFixtures.codec(), Address.SUPPLIER, group,
                TrustAnchors.empty())
            .withKeyring(ring);
    Set<String> outcomes = new TreeSet<>();
    for (Vector v : Vectors.load("auth/maced.json")) {
      String outcome = v.string("outcome");
      outcomes.add(outcome);
      if (outcome.equals("accept")) {
        VerifiedEnvelope<Object> e = verifier.verify(v.hex("wrapped"), new Round(17));
        assertEquals(Address.meter(meterKey.token()), e.principal());
        assertEquals(7, e.sequence());
      } else {
        assertViolation(outcome, () -> verifier.verify(v.hex("wrapped"), new Round(17)));
      }
    }
    assertEquals(Set.of("accept", "AUTH-V-04", "AUTH-V-05", "AUTH-V-06"), outcomes);
  }

  @Test
  void licence_encodingAndSignatureMatchTheVector() throws Exception {
    Vector v = Vectors.load("auth/licence.json").get(0);
    Licence l =
        new Licence(
            v.longValue("serial"),
            new MeterId(v.string("meter")),
            Ed25519PublicKey.of(v.hex("meterKey")),
            new GroupId(v.string("group")),
            new Round(v.longValue("validFrom")),
            new Round(v.longValue("validUntil")));
    SignedLicence s = SignedLicence.issue(l, AuthFixtures.signing("supplier"));
    assertArrayEquals(v.hex("encoded"), s.encode());
    SignedLicence decoded = SignedLicence.decode(v.hex("encoded"));
    assertEquals(l, decoded.licence());
    assertEquals(
        l,
        Licences.verify(
            decoded, AuthFixtures.supplierAnchors(), RevocationList.NONE, l.group(), new Round(5)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void licensedFrames_acceptOrFailWithTheirCheck() throws Exception {
    Set<String> outcomes = new TreeSet<>();
    Vector first = Vectors.load("auth/licensed.json").get(0);
    SignedLicence licence = SignedLicence.decode(first.hex("licence"));
    for (Vector v : Vectors.load("auth/licensed.json")) {
      RevocationList revoked =
          v.string("revoked").isEmpty()
              ? RevocationList.NONE
              : new RevocationList(1, Set.of(Long.parseLong(v.string("revoked"))));
      EnvelopeVerifier<Object> verifier =
          EnvelopeVerifier.of(
                  (EnvelopeCodec<Object>) AuthFixtures.codec(),
                  Address.GROUP_BROADCAST,
                  new GroupId(v.string("group")),
                  AuthFixtures.supplierAnchors())
              .withRevocations(revoked);
      Round now = new Round(v.longValue("now"));
      String outcome = v.string("outcome");
      outcomes.add(outcome);
      if (outcome.equals("accept")) {
        assertArrayEquals(
            v.hex("wrapped"),
            AuthCodec.signLicensed(
                v.hex("frame"), v.longValue("sequence"), licence, AuthFixtures.signing("meter")));
        VerifiedEnvelope<Object> e = verifier.verify(v.hex("wrapped"), now);
        assertEquals(Address.identified(new MeterId("SM-01")), e.principal());
        assertEquals(licence.licence(), e.licence().orElseThrow());
        assertEquals(11, e.sequence());
      } else {
        assertViolation(outcome, () -> verifier.verify(v.hex("wrapped"), now));
      }
    }
    assertEquals(
        Set.of(
            "accept", "AUTH-V-01", "AUTH-V-02", "AUTH-V-06", "AUTH-V-07", "AUTH-V-10",
            "AUTH-V-11"),
        outcomes);
  }
}
