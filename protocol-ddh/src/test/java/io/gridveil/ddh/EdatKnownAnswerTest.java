// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.SecretLong;
import io.gridveil.testkit.TestPki;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of spec/vectors/ddh/edat.json and x25519-validation.json (spec/ddh.md §9). */
class EdatKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final TestPki PKI = new TestPki(DeterministicRandomSource.fromSeed(41));

  private static DdhParameters params(Vector v) {
    // The parameters the vector declares (spec/ddh.md §1.3).
    Vector p = v.object("parameters");
    assertEquals(false, p.get("signed"));
    assertEquals("Wh", p.string("unit"));
    int bits = p.integer("modulusBits").intValueExact();
    assertEquals(v.longValue("bits"), bits);
    return new DdhParameters(
        new AggregationParameters(p.integer("nMax").intValueExact(), p.longValue("tMax"),
            Modulus.powerOfTwo(bits), false, ReadingUnit.WATT_HOUR),
        p.integer("kMin").intValueExact());
  }

  private static X25519PrivateKey key(String hex) {
    return X25519PrivateKey.fromScalar(SecretBytes.copyOf(HEX.parseHex(hex)));
  }

  private static List<DdhEnrolment> enrolments(Vector v) {
    List<DdhEnrolment> out = new ArrayList<>();
    List<?> ids = v.list("ids");
    List<?> scalars = v.list("meterScalars");
    GroupId g = new GroupId(v.string("group"));
    for (int i = 0; i < ids.size(); i++) {
      out.add(new DdhEnrolment(PKI.licence(new MeterId((String) ids.get(i)), g), key((String) scalars.get(i)).publicKey()));
    }
    return out;
  }

  private static DdhSupplier supplier(Vector v) throws ProtocolViolationException {
    // The licences do not enter the roster: only the identities they certify do.
    return DdhSupplier.create(params(v), new GroupId(v.string("group")), v.longValue("version"), enrolments(v),
        new Admission(PKI.anchors(), RevocationList.NONE, Round.FIRST),
        key(v.string("supplierScalar")), Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("signingSeed"))));
  }

  @Test
  void keysRosterAndSignature_matchVectors() throws Exception {
    for (Vector v : Vectors.load("ddh/edat.json")) {
      List<?> pubs = v.list("meterPublicKeys");
      List<?> scalars = v.list("meterScalars");
      for (int i = 0; i < pubs.size(); i++) {
        assertArrayEquals(HEX.parseHex((String) pubs.get(i)), key((String) scalars.get(i)).publicKey().toBytes());
      }
      assertArrayEquals(v.hex("supplierPublicKey"), key(v.string("supplierScalar")).publicKey().toBytes());
      Ed25519SigningKey sk = Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("signingSeed")));
      assertArrayEquals(v.hex("verificationKey"), sk.publicKey().toBytes());
      DdhSupplier s = supplier(v);
      assertArrayEquals(v.hex("rosterBytes"), s.signedRoster().unverifiedRoster().encode());
      assertArrayEquals(v.hex("signature"), s.signedRoster().signature());
    }
  }

  @Test
  void sharedSecretsAndPads_matchVectors() throws Exception {
    for (Vector v : Vectors.load("ddh/edat.json")) {
      Roster roster = supplier(v).signedRoster().unverifiedRoster();
      List<?> scalars = v.list("meterScalars");
      int n = roster.size();
      int b = (int) v.longValue("bits");
      for (Object o : v.list("ringKeys")) {
        Vector rk = new Vector(asMap(o));
        int a = ((Number) rk.list("edge").get(0)).intValue();
        int c = ((Number) rk.list("edge").get(1)).intValue();
        X25519PrivateKey xa = key((String) scalars.get(a));
        SecretBytes z = xa.agree(roster.member(c).key());
        assertArrayEquals(rk.hex("shared"), z.toByteArray(SecretAccess.grant()));
        var prf = PairwiseKeys.ring(xa, roster.member(a), roster.member(c), roster);
        var expected = io.gridveil.core.kdf.Prf.of(SecretBytes.copyOf(rk.hex("key")));
        for (long j : new long[] {0, 1, 7, 1000}) {
          assertEquals(expected.evaluateBits(j, b), prf.evaluateBits(j, b));
        }
      }
      for (Object r : v.list("rounds")) {
        Vector round = new Vector(asMap(r));
        List<?> meters = round.list("meters");
        for (int i = 0; i < n; i++) {
          Vector m = new Vector(asMap(meters.get(i)));
          var succ = PairwiseKeys.ring(key((String) scalars.get(i)), roster.member(i), roster.member((i + 1) % n), roster);
          var sup = PairwiseKeys.supplier(key((String) scalars.get(i)), roster.supplierKey(), roster.member(i), roster);
          assertEquals(m.integer("succPad").longValue(), succ.evaluateBits(round.longValue("round"), b));
          assertEquals(m.integer("supplierPad").longValue(), sup.evaluateBits(round.longValue("round"), b));
        }
      }
    }
  }

  @Test
  void encryptAndDecrypt_matchVectors() throws Exception {
    for (Vector v : Vectors.load("ddh/edat.json")) {
      DdhSupplier s = supplier(v);
      List<?> ids = v.list("ids");
      List<?> scalars = v.list("meterScalars");
      List<DdhMeter> meters = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        meters.add(DdhMeter.create(params(v), new MeterId((String) ids.get(i)), key((String) scalars.get(i)),
            Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("signingSeed"))).publicKey(), s.signedRoster()));
      }
      for (Object r : v.list("rounds")) {
        Vector round = new Vector(asMap(r));
        Round j = new Round(round.longValue("round"));
        List<?> ms = round.list("meters");
        for (int i = 0; i < meters.size(); i++) {
          Vector m = new Vector(asMap(ms.get(i)));
          assertEquals(m.integer("ciphertext").longValue(),
              meters.get(i).encrypt(j, Reading.ofWattHours(m.longValue("reading"))));
        }
        RoundOutcome o = s.decryptSum(j, round.integer("sum").longValue());
        assertEquals(round.longValue("decrypted"), assertInstanceOf(RoundOutcome.Exact.class, o).sum());
      }
    }
  }

  @Test
  void recoveries_matchVectors() throws Exception {
    for (Vector v : Vectors.load("ddh/edat.json")) {
      DdhSupplier s0 = supplier(v);
      GroupId g = new GroupId(v.string("group"));
      List<?> ids = v.list("ids");
      int n = ids.size();
      for (Object r : v.list("rounds")) {
        Vector round = new Vector(asMap(r));
        Round j = new Round(round.longValue("round"));
        for (Object rc : round.list("recoveries")) {
          Vector rec = new Vector(asMap(rc));
          List<Integer> missing = new ArrayList<>();
          for (Object x : rec.list("missing")) {
            missing.add(((Number) x).intValue());
          }
          List<Integer> present = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if (!missing.contains(i)) {
              present.add(i);
            }
          }
          Step<DdhSupplier> st = s0.step(new DdhInput.Inbound(PKI.verified(new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g, j,
              new DdhMessage.AggregateSum(v.longValue("version"), rec.integer("sum").longValue(), present)), EdatGroup.CODEC, s0)),
              DeterministicRandomSource.fromSeed(1));
          DdhSupplier s = st.next();
          List<ProtocolEvent> events = new ArrayList<>();
          for (Object rv : rec.list("reveals")) {
            Vector reveal = new Vector(asMap(rv));
            int who = (int) reveal.longValue("revealer");
            Step<DdhSupplier> st2 = s.step(new DdhInput.Inbound(PKI.verified(new Envelope<>(
                Address.identified(new MeterId((String) ids.get(who))), Address.SUPPLIER, g, j,
                new DdhMessage.PadReveal(v.longValue("version"), (int) reveal.longValue("missing"),
                    SecretLong.of(reveal.integer("pad").longValue()))), EdatGroup.CODEC, s)), DeterministicRandomSource.fromSeed(1));
            s = st2.next();
            events.addAll(st2.events());
          }
          assertFalse(st.outbound().isEmpty());
          assertEquals(1, events.size());
          RoundOutcome.Exact ex = assertInstanceOf(RoundOutcome.Exact.class, events.get(0));
          assertEquals(rec.longValue("decrypted"), ex.sum());
          assertEquals(missing.size(), ex.recovered());
          assertEquals(present.size(), ex.contributors());
        }
      }
    }
  }

  @Test
  void publicKeyValidation_matchesVectors() throws Exception {
    for (Vector v : Vectors.load("ddh/x25519-validation.json")) {
      byte[] u = v.hex("u");
      if (v.string("check").isEmpty()) {
        assertArrayEquals(u, Roster.validatedKey(u).toBytes());
      } else {
        assertViolation(v.string("check"), () -> Roster.validatedKey(u));
      }
    }
  }

  @Test
  void agreementWithSmallOrderPoint_isRefused() {
    // spec/ddh.md §2.1: the contributory check behind the roster validation, AUTH-V-14 since
    // spec/runtime.md §9.3 merged DDH-V-12 into it; X25519PublicKey.of admits unvalidated keys.
    X25519PrivateKey x = key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    assertViolation("AUTH-V-14", () -> x.agree(X25519PublicKey.of(new byte[32])));
    assertViolation("AUTH-V-14", () -> x.agree(X25519PublicKey.of(
        HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))));
    // The pairwise key derivation keeps the ID when it rethrows as a DdhViolationException.
    Roster small = new Roster(new GroupId("g-small"), 1, X25519PublicKey.of(new byte[32]), List.of(
        new RosterEntry(new MeterId("m-1"), x.publicKey())));
    assertViolation("AUTH-V-14",
        () -> PairwiseKeys.supplier(x, small.supplierKey(), small.member(0), small));
  }

  @SuppressWarnings("unchecked") // JSON objects parse as Map<String, Object>
  private static java.util.Map<String, Object> asMap(Object o) {
    return (java.util.Map<String, Object>) o;
  }
}
