// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.bc;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * P-256 (secp256r1) through Bouncy Castle's custom curve (spec/runtime.md §9.1, spec/ddh.md §7.1).
 * The curve and generator are immutable; multipliers are created per call (§9.2).
 */
public final class BcP256 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
  private static final ECCurve CURVE = PARAMS.getCurve();
  private static final ECPoint G = PARAMS.getG().normalize();

  /** The prime group order q. */
  public static final BigInteger Q = PARAMS.getN();
  /** The field prime p. */
  public static final BigInteger P = CURVE.getField().getCharacteristic();
  /** The length of a field element or a scalar, in bytes. */
  public static final int FIELD_LENGTH = 32;

  private BcP256() {}

  /**
   * Returns the generator g.
   *
   * @return g
   */
  public static BcP256Point generator() {
    return new BcP256Point(G);
  }

  /**
   * Returns the identity (the point at infinity).
   *
   * @return the identity
   */
  public static BcP256Point identity() {
    return new BcP256Point(CURVE.getInfinity());
  }

  /**
   * Returns k * g by the fixed-base comb.
   *
   * @param k the scalar, in [0, q)
   * @return the point
   */
  public static BcP256Point fixedBase(BigInteger k) {
    return new BcP256Point(new FixedPointCombMultiplier().multiply(G, k).normalize());
  }

  /**
   * Returns sum k_i * P_i (Bouncy Castle's interleaved multi-exponentiation).
   *
   * @param ks the scalars, each in [0, q)
   * @param ps the points, as many as scalars
   * @return the sum
   */
  public static BcP256Point sumOfMultiplies(BigInteger[] ks, BcP256Point[] ps) {
    ECPoint[] raw = new ECPoint[ps.length];
    for (int i = 0; i < ps.length; i++) {
      raw[i] = ps[i].point;
    }
    return new BcP256Point(ECAlgorithms.sumOfMultiplies(raw, ks).normalize());
  }

  /**
   * Returns the points in affine form, with one shared field inversion.
   *
   * @param ps the points (the identity allowed)
   * @return a new array of the same points, normalised
   */
  public static BcP256Point[] normalizeAll(BcP256Point[] ps) {
    ECPoint[] raw = new ECPoint[ps.length];
    for (int i = 0; i < ps.length; i++) {
      raw[i] = ps[i].point;
    }
    CURVE.normalizeAll(raw);
    BcP256Point[] out = new BcP256Point[ps.length];
    for (int i = 0; i < ps.length; i++) {
      out[i] = new BcP256Point(raw[i]);
    }
    return out;
  }

  /**
   * Returns the point with x-coordinate x and y of the given parity, if x is on the curve.
   *
   * @param x an integer in [0, p)
   * @param odd whether y is odd
   * @return the point, or null if x^3 - 3x + b is not a square mod p
   */
  public static @Nullable BcP256Point lift(BigInteger x, boolean odd) {
    ECFieldElement fx = CURVE.fromBigInteger(x);
    ECFieldElement rhs = fx.square().add(CURVE.getA()).multiply(fx).add(CURVE.getB());
    ECFieldElement y = rhs.sqrt();
    if (y == null) {
      return null;
    }
    if (y.testBitZero() != odd) {
      y = y.negate();
    }
    return new BcP256Point(CURVE.createPoint(x, y.toBigInteger()));
  }

  /**
   * Returns the point (x, y) if it is on the curve.
   *
   * @param x an integer in [0, p)
   * @param y an integer in [0, p)
   * @return the point, or null if (x, y) is not on the curve
   */
  public static @Nullable BcP256Point affine(BigInteger x, BigInteger y) {
    ECPoint p = CURVE.createPoint(x, y);
    return p.isValid() ? new BcP256Point(p) : null;
  }
}
