// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.ec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** P-256 of core's elliptic-curve API (spec/runtime.md §9.1, spec/ddh.md §7). */
class P256Test {
  private static final HexFormat HEX = HexFormat.of();
  // SEC 2 / FIPS 186-4 constants of secp256r1, written out independently of the code.
  private static final BigInteger Q = new BigInteger(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
  private static final BigInteger P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final String G_UNCOMPRESSED = "04"
      + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
      + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
  // 2g, from the NIST P-256 point-multiplication test values.
  private static final String TWO_G_UNCOMPRESSED = "04"
      + "7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978"
      + "07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1";

  private static P256Scalar scalar(BigInteger v) throws InvalidEncodingException {
    byte[] b = new byte[32];
    byte[] m = v.toByteArray();
    int n = Math.min(m.length, 32);
    System.arraycopy(m, m.length - n, b, 32 - n, n);
    return P256Scalar.fromBytes(b);
  }

  @Test
  void constants_areTheCurves() {
    assertEquals(Q, P256.ORDER);
    assertEquals(P, P256.FIELD_PRIME);
  }

  @Test
  void generatorAndDouble_matchKnownEncodings() throws Exception {
    P256Point g = P256Point.generator();
    assertEquals(G_UNCOMPRESSED, HEX.formatHex(g.toUncompressed()));
    assertEquals("03" + G_UNCOMPRESSED.substring(2, 66), HEX.formatHex(g.toCompressed()));
    assertEquals(TWO_G_UNCOMPRESSED, HEX.formatHex(g.add(g).toUncompressed()));
    assertEquals(TWO_G_UNCOMPRESSED, HEX.formatHex(P256.fixedBase(P256Scalar.of(2)).toUncompressed()));
    assertEquals(g, P256Point.decode(HEX.parseHex(G_UNCOMPRESSED)));
    assertEquals(g.add(g), P256Point.decode(g.add(g).toCompressed()));
    assertArrayEquals(HEX.parseHex(G_UNCOMPRESSED.substring(2, 66)), g.xCoordinate());
    // (q - 1) * g = -g, and q * g wraps to the identity through reduction.
    assertEquals(g.negate(), P256.fixedBase(P256Scalar.of(-1)));
    assertEquals(g.negate(), P256.multiply(g, scalar(Q.subtract(BigInteger.ONE))));
    assertTrue(P256.fixedBase(P256Scalar.reduce(Q)).isIdentity());
  }

  @Test
  void powersOfG_matchPsaVectors() throws Exception {
    Vector v = Vectors.load("ddh/psa.json").get(0);
    int n = 0;
    for (Object o : v.list("powers")) {
      Vector pw = new Vector(asMap(o));
      P256Scalar s = P256Scalar.reduce(pw.integer("s"));
      assertArrayEquals(pw.hex("point"), P256.fixedBase(s).toCompressed());
      assertArrayEquals(pw.hex("point"), P256.multiply(P256Point.generator(), s).toCompressed());
      n++;
    }
    assertTrue(n >= 3, "powers: " + n);
  }

  @Test
  void hashToCurve_matchesPsaVectors() {
    byte[] domain = "gridveil-v1 psa hash-to-curve".getBytes(StandardCharsets.US_ASCII);
    Vector v = Vectors.load("ddh/psa.json").get(0);
    int n = 0;
    for (Object o : v.list("hashToCurve")) {
      Vector h = new Vector(asMap(o));
      // spec/ddh.md §7.2: the message is ascii8(group) || u64(j).
      byte[] group = h.string("group").getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream m = new ByteArrayOutputStream();
      m.write(group.length);
      m.writeBytes(group);
      long j = h.longValue("round");
      for (int k = 7; k >= 0; k--) {
        m.write((int) (j >>> (8 * k)) & 0xff);
      }
      P256Point point = P256.hashToCurve(domain, m.toByteArray());
      assertArrayEquals(h.hex("h"), point.toCompressed());
      assertFalse(point.isIdentity());
      n++;
    }
    assertTrue(n >= 2, "hash vectors: " + n);
    assertThrows(IllegalArgumentException.class, () -> P256.hashToCurve(new byte[65536], new byte[0]));
  }

  @Test
  void decode_refusesAsThePsaVectors() {
    // spec/ddh.md §7.5: PSA-V-02 the identity, PSA-E-01 length or prefix, PSA-V-01 x >= p or off the curve.
    Map<String, List<InvalidEncodingException.Reason>> reasons = Map.of(
        "PSA-V-02", List.of(InvalidEncodingException.Reason.IDENTITY),
        "PSA-E-01", List.of(InvalidEncodingException.Reason.MALFORMED),
        "PSA-V-01", List.of(InvalidEncodingException.Reason.NOT_CANONICAL,
            InvalidEncodingException.Reason.NOT_ON_CURVE));
    Vector v = Vectors.load("ddh/psa.json").get(0);
    int n = 0;
    for (Object o : v.list("invalidPoints")) {
      Vector bad = new Vector(asMap(o));
      InvalidEncodingException e =
          assertThrows(InvalidEncodingException.class, () -> P256Point.decode(bad.hex("bytes")));
      assertTrue(reasons.get(bad.string("check")).contains(e.reason()), bad.string("bytes"));
      n++;
    }
    assertTrue(n >= 3, "invalid points: " + n);
  }

  @Test
  void decode_uncompressedChecksCoordinatesAndCurve() {
    byte[] g = HEX.parseHex(G_UNCOMPRESSED);
    byte[] offCurve = g.clone();
    offCurve[64] ^= 1;
    assertEquals(InvalidEncodingException.Reason.NOT_ON_CURVE,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(offCurve)).reason());
    byte[] bigY = g.clone();
    System.arraycopy(HEX.parseHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"), 0, bigY, 33, 32);
    assertEquals(InvalidEncodingException.Reason.NOT_CANONICAL,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(bigY)).reason());
    byte[] badPrefix = g.clone();
    badPrefix[0] = 2;
    assertEquals(InvalidEncodingException.Reason.MALFORMED,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(badPrefix)).reason());
    assertEquals(InvalidEncodingException.Reason.MALFORMED,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(new byte[32])).reason());
  }

  @Test
  void identity_isWrittenAsZeroBytesAndActsAsZero() {
    P256Point o = P256Point.identity();
    P256Point g = P256Point.generator();
    assertTrue(o.isIdentity());
    assertArrayEquals(new byte[33], o.toCompressed());
    assertArrayEquals(new byte[65], o.toUncompressed());
    assertEquals(g, o.add(g));
    assertEquals(g, g.add(o));
    assertEquals(o, o.negate());
    assertTrue(g.add(g.negate()).isIdentity());
    assertTrue(g.subtract(g).isIdentity());
    assertTrue(P256.fixedBase(P256Scalar.ZERO).isIdentity());
    assertTrue(P256.multiply(g, P256Scalar.ZERO).isIdentity());
    assertThrows(IllegalStateException.class, o::xCoordinate);
    assertEquals(InvalidEncodingException.Reason.IDENTITY,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(new byte[33])).reason());
    assertEquals(InvalidEncodingException.Reason.IDENTITY,
        assertThrows(InvalidEncodingException.class, () -> P256Point.decode(new byte[65])).reason());
    assertNotEquals(o, g);
  }

  @Test
  void scalars_refuseValuesNotBelowQ() throws Exception {
    byte[] q = HEX.parseHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    assertEquals(InvalidEncodingException.Reason.NOT_CANONICAL,
        assertThrows(InvalidEncodingException.class, () -> P256Scalar.fromBytes(q)).reason());
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertEquals(InvalidEncodingException.Reason.NOT_CANONICAL,
        assertThrows(InvalidEncodingException.class, () -> P256Scalar.fromBytes(ones)).reason());
    assertEquals(InvalidEncodingException.Reason.MALFORMED,
        assertThrows(InvalidEncodingException.class, () -> P256Scalar.fromBytes(new byte[31])).reason());
    byte[] qMinus1 = q.clone();
    qMinus1[31]--;
    assertArrayEquals(qMinus1, P256Scalar.fromBytes(qMinus1).toBytes());
    assertEquals(Q.subtract(BigInteger.ONE), P256Scalar.fromBytes(qMinus1).toBigInteger());
    assertFalse(P256Scalar.fromBytes(qMinus1).toString().contains("ff"));
  }

  @Test
  void scalarArithmetic_isModQ() throws Exception {
    P256Scalar a = scalar(new BigInteger("1234567890abcdef1234567890abcdef1234567890abcdef", 16));
    P256Scalar b = scalar(Q.subtract(BigInteger.TWO));
    assertEquals(a.toBigInteger().add(b.toBigInteger()).mod(Q), a.add(b).toBigInteger());
    assertEquals(a.toBigInteger().multiply(b.toBigInteger()).mod(Q), a.multiply(b).toBigInteger());
    assertEquals(P256Scalar.ONE, a.multiply(a.invert()));
    assertTrue(a.add(a.negate()).isZero());
    assertEquals(P256Scalar.of(-2), b);
    assertThrows(ArithmeticException.class, P256Scalar.ZERO::invert);
    // (a * b) * g = a * (b * g)
    assertEquals(P256.fixedBase(a.multiply(b)), P256.multiply(P256.fixedBase(b), a));
  }

  @Test
  void multiScalarMultiply_equalsTheNaiveSum() {
    byte[] domain = "gridveil-v1 test msm".getBytes(StandardCharsets.US_ASCII);
    Pbt.property(25)
        .forAll(Gens.lists(Gens.bytes(32, 32), 0, 5), Gens.lists(Gens.bytes(0, 8), 0, 5))
        .check((ks, seeds) -> {
          int n = Math.min(ks.size(), seeds.size());
          List<P256Scalar> scalars = new ArrayList<>();
          List<P256Point> points = new ArrayList<>();
          P256Point naive = P256Point.identity();
          for (int i = 0; i < n; i++) {
            P256Scalar k = P256Scalar.reduce(new BigInteger(1, ks.get(i)));
            // Alternate hashed points and the generator, so a repeated base is covered too.
            P256Point p = i % 2 == 0 ? P256.hashToCurve(domain, seeds.get(i)) : P256Point.generator();
            scalars.add(k);
            points.add(p);
            naive = naive.add(P256.multiply(p, k));
          }
          P256Point msm = P256.multiScalarMultiply(scalars, points);
          assertEquals(naive, msm);
          assertEquals(naive.hashCode(), msm.hashCode());
        });
    assertThrows(IllegalArgumentException.class,
        () -> P256.multiScalarMultiply(List.of(P256Scalar.ONE), List.of()));
  }

  @Test
  void normalize_keepsThePoints() {
    P256Point g = P256Point.generator();
    List<P256Point> ps = List.of(g, g.add(g), P256Point.identity(), g.add(g).add(g));
    List<P256Point> affine = P256.normalize(ps);
    assertEquals(ps, affine);
    assertArrayEquals(HEX.parseHex(TWO_G_UNCOMPRESSED.substring(2, 66)), affine.get(1).xCoordinate());
  }

  @SuppressWarnings("unchecked") // JSON objects parse as Map<String, Object>
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
