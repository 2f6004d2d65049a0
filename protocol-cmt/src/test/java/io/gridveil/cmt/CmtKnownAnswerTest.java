// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.CheckAssertions;
import io.gridveil.testkit.TestPki;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import io.gridveil.core.secret.SecretLong;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Known-answer tests from spec/vectors/cmt/*.json, made by spec/vectors/tools/gen_cmt.py. */
class CmtKnownAnswerTest {
  private static final MeterId LC = new MeterId("lc");

  private static long lv(Object o) {
    return Vector.toInteger(o).longValue();
  }

  private static long[] longs(Vector v, String name) {
    List<?> l = v.list(name);
    long[] out = new long[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = lv(l.get(i));
    }
    return out;
  }

  private static MeterSecret secret(Object hex) {
    return MeterSecret.of(SecretBytes.copyOf(java.util.HexFormat.of().parseHex((String) hex)));
  }

  private static AggregationParameters params(Vector v) {
    return new AggregationParameters((int) v.longValue("nMax"), v.longValue("tMax"),
        Modulus.powerOfTwo((int) v.longValue("bits")), v.get("signed").equals(Boolean.TRUE),
        ReadingUnit.WATT_HOUR);
  }

  @Test
  void keyDerivation_matchesVectors() {
    List<Vector> vs = Vectors.load("cmt/keys.json");
    assertEquals(5, vs.size());
    for (Vector v : vs) {
      int b = (int) v.longValue("bits");
      GroupId g = new GroupId(v.string("group"));
      long epoch = v.longValue("epoch");
      long j = v.longValue("round");
      MeterSecret ms = secret(v.string("masterSecret"));
      assertEquals(v.longValue("keyShare"), CmtScheme.keyShare(ms, g, epoch, b), "k_i1");
      EpochKeys derived = EpochKeys.derive(ms, g, epoch, b);
      assertEquals(v.longValue("keyShare"), derived.keyShare().value(SecretAccess.grant()),
          "k_i1 of the epoch keys");
      assertEquals(v.longValue("delta"), derived.delta(j), "delta via HKDF");
      EpochKeys explicit =
          EpochKeys.of(v.longValue("keyShare"), SecretBytes.copyOf(v.hex("deltaKey")), b);
      assertEquals(v.longValue("delta"), explicit.delta(j), "delta from the explicit key");
    }
  }

  @Test
  void fullRounds_everyIntermediateMatches() {
    for (Vector v : Vectors.load("cmt/rounds.json")) {
      AggregationParameters p = params(v);
      int b = p.modulus().bits();
      long mask = p.modulus().mask();
      GroupId g = new GroupId(v.string("group"));
      long epoch = v.longValue("epoch");
      long j = v.longValue("round");
      List<?> secrets = v.list("masterSecrets");
      int n = secrets.size();
      long[] k1 = longs(v, "keyShares");
      long[] deltas = longs(v, "deltas");
      long[] kij = longs(v, "roundKeys");
      long[] cij = longs(v, "ciphertexts");
      long[] e = longs(v, "readings");
      EpochKeys[] keyers = new EpochKeys[n];
      Prf[] prfs = new Prf[n];
      for (int i = 0; i < n; i++) {
        keyers[i] = EpochKeys.derive(secret(secrets.get(i)), g, epoch, b);
        prfs[i] = keyers[i].deltaPrf();
        assertEquals(k1[i], keyers[i].keyShare().value(SecretAccess.grant()),
            v.string("name") + " k_i1");
        assertEquals(deltas[i], keyers[i].delta(j), v.string("name") + " delta");
        long pred = deltas[(i + n - 1) % n];
        assertEquals(kij[i], CmtScheme.roundKey(k1[i], deltas[i], pred, mask), "k_ij");
        assertEquals(kij[i], keyers[i].roundKey(deltas[i], pred), "k_ij via keyer");
        assertEquals(cij[i], CmtScheme.encrypt(e[i], kij[i], mask), "c_ij");
        assertEquals(cij[i], keyers[i].encrypt(j, e[i], pred), "c_ij via keyer");
      }
      long[] batch = new long[n];
      CmtScheme.roundKeys(k1, deltas, mask, batch);
      assertEquals(java.util.Arrays.toString(kij), java.util.Arrays.toString(batch));
      long groupKey = v.longValue("groupKey");
      assertEquals(groupKey, CmtScheme.groupKey(k1, mask), "K");
      assertEquals(groupKey, CmtScheme.aggregate(kij, 0, n, mask), "sum k_ij = K");
      long agg = CmtScheme.aggregate(cij, 0, n, mask);
      assertEquals(v.longValue("aggregate"), agg, "C_j");
      assertEquals(v.longValue("sumResidue"), CmtScheme.sumResidue(agg, groupKey, mask));
      assertEquals("EXACT", v.string("outcome"));
      assertEquals(OptionalLong.of(v.longValue("sum")), CmtScheme.decryptSum(p, agg, groupKey, n));
      OptionalLong full = CmtScheme.fullRound(p, k1, prfs, j, e, groupKey, new long[n]);
      assertEquals(OptionalLong.of(v.longValue("sum")), full, "fullRound");
    }
  }

  @Test
  void negativeVectors_supplierVoidsWithTheVectorsReason() throws Exception {
    List<Vector> vs = Vectors.load("cmt/negative.json");
    assertEquals(2, vs.size());
    for (Vector v : vs) {
      AggregationParameters p = params(v);
      long mask = p.modulus().mask();
      long[] received = longs(v, "received");
      // A round with a missing ciphertext is never summed (spec/cmt.md §3.7): no aggregate.
      assertEquals(!v.has("missing"), v.has("aggregate"), v.string("name"));
      if (v.has("aggregate")) {
        assertEquals(
            v.longValue("aggregate"), CmtScheme.aggregate(received, 0, received.length, mask));
      }
      assertEquals("VOID", v.string("outcome"));
      CmtParameters cp = new CmtParameters(p, 3, 1, false, 4);
      GroupId g = new GroupId(v.string("group"));
      int n = v.list("ciphertexts").size();
      RandomSource rng = DeterministicRandomSource.fromSeed(1);
      TestPki pki = new TestPki(rng);
      X25519KeyPair readingKeys = X25519KeyPair.generate(rng);
      Supplier s = Frames.licensed(pki, Supplier.create(cp, g, pki.key(Address.SUPPLIER),
          readingKeys), g, LC, rng);
      long epoch = v.longValue("epoch");
      List<X25519KeyPair> pairs = new java.util.ArrayList<>();
      List<Token> tokens = new java.util.ArrayList<>();
      List<X25519PublicKey> keys = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        X25519KeyPair pair = X25519KeyPair.generate(rng);
        pairs.add(pair);
        tokens.add(ReadingKey.tokenOf(pair.publicKey()));
        keys.add(pair.publicKey());
      }
      s = s.step(in(pki, s, g, Round.FIRST, CmtMessage.GroupKey.sorted(epoch,
          SecretLong.of(v.longValue("groupKey")), keys)), rng).next();
      Round j = new Round(v.longValue("round"));
      s = s.step(new CmtInput.RequestRound(j), rng).next();
      List<ProtocolEvent> events = new java.util.ArrayList<>();
      int missing = v.has("missing") ? (int) v.longValue("missing") : -1;
      int r = 0;
      for (int i = 0; i < n; i++) {
        if (i == missing) {
          continue;
        }
        Step<Supplier> st = s.step(Frames.maced(s, new Envelope<>(Address.meter(tokens.get(i)),
            Address.SUPPLIER, g, j, new CmtMessage.EncryptedReading(tokens.get(i), epoch,
                received[r++])),
            ReadingKey.derive(pairs.get(i), readingKeys.publicKey(), g, epoch), i), rng);
        events.addAll(st.events());
        s = st.next();
      }
      Step<Supplier> st = s.step(new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j), rng);
      events.addAll(st.events());
      assertEquals(List.of(new RoundOutcome.Voided(g, j, VoidReason.valueOf(v.string("reason")))),
          events, v.string("name"));
    }
  }

  private static CmtMessage message(Vector v) {
    byte[] a = v.has("predecessor") ? v.hex("predecessor") : new byte[0];
    return switch (v.string("name")) {
      case "licence-grant" -> {
        Ed25519SigningKey supplier =
            Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("supplierSeed")));
        Ed25519SigningKey device =
            Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("deviceSeed")));
        yield new CmtMessage.LicenceGrant(SignedLicence.issue(new Licence(v.longValue("serial"),
            new MeterId(v.string("meter")), device.publicKey(), new GroupId(v.string("group")),
            new Round(v.longValue("validFrom")), new Round(v.longValue("validUntil"))), supplier));
      }
      case "lc-discovery" -> new CmtMessage.LcDiscovery();
      case "group-key" -> {
        List<X25519PublicKey> keys = new java.util.ArrayList<>();
        for (Object o : v.list("tokenKeys")) {
          keys.add(X25519PublicKey.of(java.util.HexFormat.of().parseHex((String) o)));
        }
        yield new CmtMessage.GroupKey(v.longValue("epoch"),
            SecretLong.of(lv(v.get("groupKey"))), keys);
      }
      case "re-register" -> new CmtMessage.ReRegister(v.longValue("epoch"),
          Token.fromBytes(v.hex("lc")));
      case "key-share" -> new CmtMessage.KeyShare(Token.fromBytes(v.hex("token")),
          v.longValue("epoch"), SecretLong.of(lv(v.get("share"))), X25519PublicKey.of(v.hex("tokenKey")));
      case "successor-assignment" -> new CmtMessage.SuccessorAssignment(v.longValue("epoch"),
          Token.fromBytes(a), new MeterId(v.string("predecessorId")),
          Token.fromBytes(v.hex("successor")), (int) v.longValue("n"),
          v.get("secureSum").equals(Boolean.TRUE));
      case "lc-handover" -> {
        List<CmtMessage.Member> members = new java.util.ArrayList<>();
        for (Object o : v.list("members")) {
          @SuppressWarnings("unchecked") // the vector loader yields JSON objects as maps
          java.util.Map<String, Object> m = (java.util.Map<String, Object>) o;
          members.add(new CmtMessage.Member(
              Token.fromBytes(java.util.HexFormat.of().parseHex((String) m.get("token"))),
              new MeterId((String) m.get("meter"))));
        }
        yield new CmtMessage.LcHandover(v.longValue("epoch"), members);
      }
      default -> throw new AssertionError("unknown vector " + v.string("name"));
    };
  }

  @Test
  void messageBodies_matchVectors_malformedOnesFailTheirCheck() throws Exception {
    List<Vector> vs = Vectors.load("cmt/messages.json");
    assertEquals(14, vs.size());
    for (Vector v : vs) {
      int type = (int) v.longValue("type");
      byte[] body = v.hex("body");
      if (v.has("check")) {
        CheckAssertions.assertViolation(v.string("check"),
            () -> CmtCodec.INSTANCE.decode(type, CanonicalReader.of(body)));
        continue;
      }
      CmtMessage m = message(v);
      CanonicalWriter w = new CanonicalWriter();
      CmtCodec.INSTANCE.encode(m, w);
      assertEquals(v.string("body"), java.util.HexFormat.of().formatHex(w.toByteArray()),
          v.string("name"));
      assertEquals(type, CmtCodec.INSTANCE.typeOf(m));
      CanonicalReader r = CanonicalReader.of(body);
      CmtMessage back = CmtCodec.INSTANCE.decode(type, r);
      r.requireEnd("body");
      CanonicalWriter again = new CanonicalWriter();
      CmtCodec.INSTANCE.encode(back, again);
      assertEquals(v.string("body"), java.util.HexFormat.of().formatHex(again.toByteArray()));
      if (back instanceof CmtMessage.LicenceGrant g) {
        // the independently computed supplier signature verifies
        Ed25519SigningKey supplier =
            Ed25519SigningKey.fromSeed(SecretBytes.copyOf(v.hex("supplierSeed")));
        assertEquals(new MeterId(v.string("meter")), Licences.verify(g.licence(),
            TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplier.publicKey())),
            RevocationList.NONE, new GroupId(v.string("group")), new Round(3)).meter());
      }
      if (back instanceof CmtMessage.GroupKey gk) {
        // the independently computed token keys and reading tokens, in ascending order
        List<?> privates = v.list("tokenPrivates");
        List<?> reading = v.list("readingTokens");
        assertEquals(privates.size(), gk.tokenKeys().size());
        for (int i = 0; i < privates.size(); i++) {
          assertEquals(gk.tokenKeys().get(i), X25519KeyPair.fromPrivate(SecretBytes.copyOf(
              java.util.HexFormat.of().parseHex((String) privates.get(i)))).publicKey());
          assertEquals(Token.fromBytes(java.util.HexFormat.of().parseHex(
              (String) reading.get(i))), gk.readingTokens().get(i));
        }
      }
    }
  }

  /** A message from the group's LC, licensed by the supplier (spec/cmt.md §11.1). */
  static CmtInput in(TestPki pki, Supplier s, GroupId g, Round j, CmtMessage m)
      throws Exception {
    return Frames.fromLc(pki, s, g, LC, j, m, 0);
  }
}
