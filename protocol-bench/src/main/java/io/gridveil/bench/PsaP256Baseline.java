// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An independent baseline of Shi et al.'s PSA encryption on P-256, written directly on Bouncy
 * Castle's optimised curve: c = g^e * H(j)^sk, with a fixed-point comb for g^e and a variable-base
 * multiplication for H(j)^sk (shared/reference/peers.md). H(j) is hashed once per round and shared
 * by all meters, so hashing is left out of the meter's cost; the point is re-created every call so
 * that its multiplication precomputation is redone, as it must be for a new round's H(j). The
 * scheme's own PSA (protocol-ddh) is measured beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PsaP256Baseline {
  private final ECCurve curve;
  private final ECPoint g;
  private final BigInteger order;
  private final FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
  private final BigInteger hx;
  private final BigInteger hy;
  private final BigInteger sk;
  private final BigInteger reading = BigInteger.valueOf(1_234_567L);

  /** Sets up P-256, H(j) for one round and a meter key. */
  public PsaP256Baseline() {
    X9ECParameters x9 = CustomNamedCurves.getByName("P-256");
    curve = x9.getCurve();
    g = x9.getG();
    order = x9.getN();
    ECPoint h = hashToCurve(curve, 7L);
    hx = h.getAffineXCoord().toBigInteger();
    hy = h.getAffineYCoord().toBigInteger();
    sk = scalar(new SplittableRandom(256), order);
  }

  /**
   * One meter's PSA encryption of one reading on P-256.
   *
   * @return the ciphertext point, normalised (affine)
   */
  @Benchmark
  public ECPoint encrypt() {
    return encrypt(reading, sk, curve.createPoint(hx, hy));
  }

  private ECPoint encrypt(BigInteger e, BigInteger key, ECPoint h) {
    return comb.multiply(g, e).add(h.multiply(key)).normalize();
  }

  /** Checks that three meters' ciphertexts and the dealer's share aggregate to g^sum. */
  @Setup
  public void check() {
    SplittableRandom r = new SplittableRandom(257);
    ECPoint h = curve.createPoint(hx, hy);
    BigInteger sumKeys = BigInteger.ZERO;
    ECPoint product = curve.getInfinity();
    long sum = 0;
    for (int i = 0; i < 3; i++) {
      BigInteger ski = scalar(r, order);
      long e = 1000L + i;
      sum += e;
      sumKeys = sumKeys.add(ski);
      product = product.add(encrypt(BigInteger.valueOf(e), ski, h));
    }
    BigInteger sk0 = sumKeys.negate().mod(order);
    product = product.add(h.multiply(sk0)).normalize();
    if (!product.equals(g.multiply(BigInteger.valueOf(sum)).normalize())) {
      throw new IllegalStateException("PSA baseline does not aggregate to g^sum");
    }
  }

  private static BigInteger scalar(SplittableRandom r, BigInteger order) {
    byte[] b = new byte[40];
    r.nextBytes(b);
    return new BigInteger(1, b).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  private static ECPoint hashToCurve(ECCurve curve, long round) {
    // Try-and-increment on SHA-256(label || j || counter) as the x coordinate.
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int ctr = 0; ; ctr++) {
        sha.update("psa-baseline H".getBytes(StandardCharsets.US_ASCII));
        sha.update(BigInteger.valueOf(round).toByteArray());
        sha.update((byte) ctr);
        byte[] x = sha.digest();
        byte[] enc = new byte[33];
        enc[0] = 0x02;
        System.arraycopy(x, 0, enc, 1, 32);
        try {
          return curve.decodePoint(enc).normalize();
        } catch (IllegalArgumentException notOnCurve) {
          // x is not the abscissa of a point: try the next counter.
        }
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
