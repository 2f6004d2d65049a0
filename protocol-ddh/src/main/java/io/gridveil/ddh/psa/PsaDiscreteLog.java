// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.ddh.internal.LongIntTable;
import io.gridveil.core.ec.P256;
import io.gridveil.core.ec.P256Point;
import io.gridveil.core.ec.P256Scalar;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Bounded discrete logarithm base g on P-256 by baby-step giant-step (spec/ddh.md §7.4): a table
 * of the low 64 bits of x(k * g) for k in [1, m), built once, then at most ceil(W / m) giant steps
 * per query, each candidate verified in full.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class PsaDiscreteLog {
  /** Baby steps per square root of the width (§7.4 step 1: trades table size for query time). */
  static final int BABY_FACTOR = 4;

  private static final int BATCH = 256;

  private final long width;
  private final int m;
  private final LongIntTable table;
  private final P256Point giant;

  private PsaDiscreteLog(long width, int m, LongIntTable table) {
    this.width = width;
    this.m = m;
    this.table = table;
    this.giant = P256.fixedBase(P256Scalar.of(m)).negate();
  }

  /**
   * Builds the table for the search range [0, W).
   *
   * @param width W, from 1 to 2^40
   * @return the solver
   * @throws IllegalParameterException PSA-P-01 if W is outside [1, 2^40]
   */
  public static PsaDiscreteLog build(long width) {
    if (width < 1 || width > PsaParameters.MAX_WIDTH) {
      throw new IllegalParameterException(PsaChecks.PSA_P_01, "width must be in [1, 2^40]");
    }
    long root = (long) Math.ceil(Math.sqrt((double) width));
    int m = (int) Math.max(1, Math.min(width, root * BABY_FACTOR));
    LongIntTable t = new LongIntTable(m);
    P256Point g = P256Point.generator();
    P256Point p = P256Point.identity();
    int k = 1;
    while (k < m) {
      int n = Math.min(BATCH, m - k);
      List<P256Point> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        p = p.add(g);
        batch.add(p);
      }
      batch = P256.normalize(batch);
      for (int i = 0; i < n; i++) {
        t.put(low64(batch.get(i)), k + i);
      }
      p = batch.get(n - 1);
      k += n;
    }
    return new PsaDiscreteLog(width, m, t);
  }

  /**
   * Returns the solver for a group's parameters (W of spec/ddh.md §7.4).
   *
   * @param params the group's parameters
   * @return the solver
   */
  public static PsaDiscreteLog forParameters(PsaParameters params) {
    return build(params.width());
  }

  /**
   * Finds S in [0, W) with S * g = V.
   *
   * @param v V, given as a point encoding (the identity allowed: S = 0)
   * @return S, or empty if no S in range
   */
  public OptionalLong log(PsaCiphertext v) {
    return log(v.point());
  }

  OptionalLong log(P256Point v) {
    long giants = (width + m - 1) / m;
    P256Point p = v;
    long i = 0;
    while (i < giants) {
      int n = (int) Math.min(BATCH, giants - i);
      List<P256Point> batch = new ArrayList<>(n);
      for (int g = 0; g < n; g++) {
        batch.add(p);
        p = p.add(giant);
      }
      batch = P256.normalize(batch);
      for (int g = 0; g < n; g++) {
        long base = (i + g) * m;
        P256Point q = batch.get(g);
        if (q.isIdentity()) {
          return base < width ? OptionalLong.of(base) : OptionalLong.empty();
        }
        long key = low64(q);
        for (int s = table.slot(key); table.valueAt(s) != 0; s = table.next(s)) {
          if (table.keyAt(s) == key) {
            long cand = base + table.valueAt(s);
            if (cand < width && P256.fixedBase(P256Scalar.of(table.valueAt(s))).equals(q)) {
              return OptionalLong.of(cand);
            }
          }
        }
      }
      i += n;
    }
    return OptionalLong.empty();
  }

  /**
   * Returns the point S * g, to feed {@link #log} in benchmarks and tests.
   *
   * @param s the exponent S, at least 0
   * @return S * g as a ciphertext-shaped point (the identity for S = 0)
   */
  public static PsaCiphertext power(long s) {
    return PsaCiphertext.of(P256.fixedBase(P256Scalar.of(s)));
  }

  /** The low 64 bits of x(P): the last 8 of its 32 big-endian bytes. */
  private static long low64(P256Point p) {
    return ByteBuffer.wrap(p.xCoordinate()).getLong(24);
  }

  /**
   * Returns W.
   *
   * @return the search width
   */
  public long width() {
    return width;
  }

  /**
   * Returns the number of baby steps m stored in the table.
   *
   * @return m - 1 entries (k = 0 is the identity, handled apart)
   */
  public int tableEntries() {
    return table.size();
  }

  /**
   * Returns the table's memory.
   *
   * @return bytes of the two primitive arrays
   */
  public long tableBytes() {
    return table.memoryBytes();
  }

  @Override
  public String toString() {
    return "PsaDiscreteLog[W=" + width + ", m=" + m + "]";
  }
}
