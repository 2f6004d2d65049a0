// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers of spec/vectors/ddh/psa.json (spec/ddh.md §7, §9). */
class PsaKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final PsaParameters PARAMS = new PsaParameters(
      new AggregationParameters(4, 1000, Modulus.powerOfTwo(64), false, ReadingUnit.WATT_HOUR));

  @Test
  void parameters_areTheDeclaredOnes() {
    Vector p = Vectors.load("ddh/psa.json").get(0).object("parameters");
    assertEquals(4, p.integer("nMax").intValueExact());
    assertEquals(1000, p.longValue("tMax"));
    assertEquals(false, p.get("signed"));
    assertEquals(4 * 1000 + 1, p.longValue("width"));
    assertEquals(0, p.longValue("offset"));
  }

  @Test
  void hashToCurve_matchesVectors() {
    Vector v = Vectors.load("ddh/psa.json").get(0);
    for (Object o : v.list("hashToCurve")) {
      Vector h = new Vector(asMap(o));
      assertArrayEquals(h.hex("h"), PsaHash.h(
          new GroupId(h.string("group")), new Round(h.integer("round").longValue())).toCompressed());
    }
  }

  @Test
  void powersOfG_matchVectors() {
    Vector v = Vectors.load("ddh/psa.json").get(0);
    for (Object o : v.list("powers")) {
      Vector p = new Vector(asMap(o));
      assertArrayEquals(p.hex("point"), PsaDiscreteLog.power(p.longValue("s")).toBytes());
    }
  }

  @Test
  void dealEncryptDecrypt_matchVectors() throws Exception {
    Vector v = Vectors.load("ddh/psa.json").get(0);
    List<BigInteger> sks = new ArrayList<>();
    for (Object s : v.list("meterScalars")) {
      sks.add(new BigInteger((String) s, 16));
    }
    PsaKeys keys = PsaKeys.fromScalars(sks);
    assertEquals(new BigInteger(v.string("aggregatorScalar"), 16), keys.aggregatorKey().value().toBigInteger());
    GroupId g = new GroupId(v.string("group"));
    List<MeterId> ids = new ArrayList<>();
    for (int i = 0; i < sks.size(); i++) {
      ids.add(new MeterId("p-" + i));
    }
    PsaAggregator agg = PsaAggregator.create(PARAMS, g, PsaTest.licences(ids, g), PsaTest.admission(g), keys.aggregatorKey(),
        PsaDiscreteLog.forParameters(PARAMS));
    for (Object r : v.list("rounds")) {
      Vector round = new Vector(asMap(r));
      Round j = new Round(round.longValue("round"));
      assertArrayEquals(round.hex("h"), PsaHash.h(g, j).toCompressed());
      List<PsaCiphertext> cs = new ArrayList<>();
      for (int i = 0; i < sks.size(); i++) {
        long e = ((Number) round.list("readings").get(i)).longValue();
        PsaCiphertext c = PsaMeter.create(PARAMS, g, ids.get(i), keys.meterKeys().get(i))
            .encrypt(j, Reading.ofWattHours(e));
        assertArrayEquals(HEX.parseHex((String) round.list("ciphertexts").get(i)), c.toBytes());
        cs.add(PsaCiphertext.fromBytes(c.toBytes()));
      }
      RoundOutcome o = agg.decryptSum(j, cs);
      assertEquals(round.longValue("sum"), assertInstanceOf(RoundOutcome.Exact.class, o).sum());
    }
  }

  @Test
  void invalidPoints_areRefusedWithVectorCheck() {
    Vector v = Vectors.load("ddh/psa.json").get(0);
    for (Object o : v.list("invalidPoints")) {
      Vector p = new Vector(asMap(o));
      assertViolation(p.string("check"), () -> PsaCiphertext.fromBytes(p.hex("bytes")));
    }
  }

  @Test
  void scalarFromBytes_roundTripsThroughKeys() {
    byte[] b = HEX.parseHex("00000000000000000000000000000000000000000000000000000000000000ff");
    assertEquals(BigInteger.valueOf(255), PsaSecretKey.fromScalar(SecretBytes.copyOf(b)).value().toBigInteger());
  }

  @SuppressWarnings("unchecked") // JSON objects parse as Map<String, Object>
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
