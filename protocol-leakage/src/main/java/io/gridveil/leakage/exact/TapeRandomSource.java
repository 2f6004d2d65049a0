// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import io.gridveil.core.random.RandomSource;
import io.gridveil.leakage.LeakageChecks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An enumerable random tape for the exact view checker (spec/leakage.md §2.2).
 *
 * <p>Every call of {@link #uniformLong(long)}, {@link #uniformBits(int)} and
 * {@link #uniform(BigInteger)} is one <em>enumerated draw</em>: its value is the tape's choice at
 * the current position and its bound is recorded, so that {@link ExactViewChecker} can run the
 * protocol once for every sequence of choices (a draw of bound 1 has one value and is not
 * recorded). A bound above {@link #MAX_BOUND} is refused: the enumeration would not finish.
 *
 * <p>{@link #nextBytes(byte[])} and the operations derived from it ({@link #nextLong()},
 * {@link #nextUnitDouble()}, {@link #nextGaussian()}) are <em>not</em> enumerated: they are served
 * from one fixed stream, which starts afresh and is identical in every execution: block t (t = 0,
 * 1, ...) of the stream is SHA-256("gridveil-v1 leakage fixed-stream" || u64be(t))
 * (spec/leakage.md §2.4). This is sound only for draws whose values are
 * independent of the inputs and of the enumerated draws and whose distribution the coalition's
 * view does not depend on, such as tokens and nonces (spec/leakage.md §2.4); a protocol under
 * exact check must draw its secret randomness (keys, deltas, pads, blinding factors) with the
 * {@code uniform*} methods at toy size.
 *
 * <p>One tape serves one enumeration, one execution at a time; it is not thread-safe. Its
 * toString does not show the choices.
 */
public final class TapeRandomSource implements RandomSource {
  /** The largest bound of one enumerated draw: 2^16. */
  public static final long MAX_BOUND = 1L << 16;

  private static final int STREAM_CHUNK = 4096;
  private static final byte[] STREAM_LABEL =
      "gridveil-v1 leakage fixed-stream".getBytes(StandardCharsets.US_ASCII);

  /** Choice at each position. */
  private int[] values = new int[16];
  /** Bound of the draw at each position, recorded when first reached. */
  private int[] bounds = new int[16];
  /** Positions whose choice is fixed for the current execution. */
  private int prefix;
  /** Positions drawn so far in the current execution. */
  private int position;
  /** Positions drawn by the last completed execution. */
  private int length;

  /** The fixed non-enumerated stream, generated once and replayed in every execution. */
  private byte[] stream = new byte[0];
  private int streamOffset;

  /** Creates a tape whose first execution takes the value 0 at every draw. */
  public TapeRandomSource() {}

  /** Starts an execution: replays the fixed prefix, then 0 at every new draw. */
  void begin() {
    position = 0;
    streamOffset = 0;
  }

  /**
   * Ends an execution and returns its weight: the product of the bounds of its draws, so that the
   * execution stands for a fraction 1/weight of all randomness.
   *
   * @throws EnumerationException LEAK-S-01 if the execution made fewer draws than its prefix
   */
  long end() {
    if (position < prefix) {
      throw new EnumerationException(
          LeakageChecks.LEAK_S_01, "the view function made fewer draws on a replayed tape prefix");
    }
    length = position;
    long weight = 1;
    for (int i = 0; i < length; i++) {
      weight = Math.multiplyExact(weight, (long) bounds[i]);
    }
    return weight;
  }

  /**
   * Moves to the next tape in depth-first odometer order: increments the last position that has
   * room, drops the positions after it, and fixes the prefix up to it.
   *
   * @return false if every tape has been enumerated
   */
  boolean advance() {
    for (int i = length - 1; i >= 0; i--) {
      if (values[i] + 1 < bounds[i]) {
        values[i]++;
        prefix = i + 1;
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the number of enumerated draws of the last completed execution.
   *
   * @return the tape length
   */
  public int drawCount() {
    return length;
  }

  private long draw(long bound) {
    if (bound > MAX_BOUND) {
      throw new EnumerationException(
          LeakageChecks.LEAK_P_01, "a tape draw's bound exceeds 2^16: use toy parameters");
    }
    if (bound == 1) {
      return 0;
    }
    int p = position;
    if (p < prefix) {
      if (bounds[p] != bound) {
        throw new EnumerationException(
            LeakageChecks.LEAK_S_01,
            "draw " + p + " has bound " + bound + " on replay, " + bounds[p] + " before");
      }
    } else {
      if (p == values.length) {
        values = Arrays.copyOf(values, 2 * p);
        bounds = Arrays.copyOf(bounds, 2 * p);
      }
      values[p] = 0;
      bounds[p] = (int) bound;
    }
    position = p + 1;
    return values[p];
  }

  /**
   * Returns the tape's choice for this draw, a value in [0, bound), and records the bound.
   *
   * @param bound the exclusive upper bound, from 1 to 2^16
   * @return the choice
   * @throws IllegalArgumentException if bound &lt; 1
   * @throws EnumerationException LEAK-P-01 if bound &gt; 2^16; LEAK-S-01 if the bound differs
   *     from the one this position had when the same prefix was last run
   */
  @Override
  public long uniformLong(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be at least 1");
    }
    return draw(bound);
  }

  /**
   * Returns the tape's choice for this draw, a value in [0, 2^bits), and records the bound.
   *
   * @param bits from 1 to 16 (up to 64 is accepted by the interface, refused here)
   * @return the choice
   * @throws IllegalArgumentException if bits is not in [1, 64]
   * @throws EnumerationException LEAK-P-01 if bits &gt; 16
   */
  @Override
  public long uniformBits(int bits) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [1, 64]");
    }
    if (bits > 16) {
      throw new EnumerationException(
          LeakageChecks.LEAK_P_01, "a tape draw's bound exceeds 2^16: use toy parameters");
    }
    return draw(1L << bits);
  }

  /**
   * Returns the tape's choice for this draw, a value in [0, bound), and records the bound.
   *
   * @param bound the exclusive upper bound, from 1 to 2^16
   * @return the choice
   * @throws IllegalArgumentException if bound &lt; 1
   * @throws EnumerationException LEAK-P-01 if bound &gt; 2^16
   */
  @Override
  public BigInteger uniform(BigInteger bound) {
    if (bound.signum() <= 0) {
      throw new IllegalArgumentException("bound must be at least 1");
    }
    if (bound.bitLength() > 17) {
      throw new EnumerationException(
          LeakageChecks.LEAK_P_01, "a tape draw's bound exceeds 2^16: use toy parameters");
    }
    return BigInteger.valueOf(draw(bound.longValueExact()));
  }

  /**
   * Fills the array from the fixed, non-enumerated stream (see the class comment): the same bytes
   * in every execution.
   *
   * @param out the array to fill
   */
  @Override
  public void nextBytes(byte[] out) {
    int need = streamOffset + out.length;
    if (need > stream.length) {
      growStream(need);
    }
    System.arraycopy(stream, streamOffset, out, 0, out.length);
    streamOffset = need;
  }

  private void growStream(int need) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    int newLength = Math.max(need, stream.length + STREAM_CHUNK);
    newLength = (newLength + 31) / 32 * 32;
    byte[] grown = Arrays.copyOf(stream, newLength);
    byte[] counter = new byte[8];
    for (int off = stream.length; off < newLength; off += 32) {
      long t = off / 32;
      for (int k = 0; k < 8; k++) {
        counter[k] = (byte) (t >>> (56 - 8 * k));
      }
      sha.update(STREAM_LABEL);
      sha.update(counter);
      System.arraycopy(sha.digest(), 0, grown, off, 32);
    }
    stream = grown;
  }

  @Override
  public String toString() {
    return "TapeRandomSource[draws=" + length + "]";
  }
}
