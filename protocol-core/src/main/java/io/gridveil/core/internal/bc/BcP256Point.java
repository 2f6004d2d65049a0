// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.bc;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An immutable P-256 point behind core's {@code P256Point} (spec/runtime.md §9.1), possibly in
 * projective form; encodings normalise.
 */
public final class BcP256Point {
  final ECPoint point;

  BcP256Point(ECPoint point) {
    this.point = point;
  }

  /**
   * Returns this + other.
   *
   * @param other the other point
   * @return the sum
   */
  public BcP256Point add(BcP256Point other) {
    return new BcP256Point(point.add(other.point));
  }

  /**
   * Returns -this.
   *
   * @return the negation
   */
  public BcP256Point negate() {
    return new BcP256Point(point.negate());
  }

  /**
   * Returns k * this (variable base).
   *
   * @param k the scalar, in [0, q)
   * @return the product
   */
  public BcP256Point multiply(BigInteger k) {
    return new BcP256Point(point.multiply(k));
  }

  /**
   * Tells whether this is the identity.
   *
   * @return true for the point at infinity
   */
  public boolean isInfinity() {
    return point.isInfinity();
  }

  /**
   * Returns the affine x-coordinate as 32 big-endian bytes.
   *
   * @return x (normalising first if needed)
   * @throws IllegalStateException for the identity
   */
  public byte[] affineX() {
    if (point.isInfinity()) {
      throw new IllegalStateException("the identity has no x-coordinate");
    }
    return point.normalize().getAffineXCoord().getEncoded();
  }

  /**
   * Returns the SEC1 encoding of a non-identity point.
   *
   * @param compressed 33 bytes if true, 65 if false
   * @return the encoding
   * @throws IllegalStateException for the identity
   */
  public byte[] encode(boolean compressed) {
    if (point.isInfinity()) {
      throw new IllegalStateException("the identity has no SEC1 encoding of fixed length");
    }
    return point.normalize().getEncoded(compressed);
  }
}
