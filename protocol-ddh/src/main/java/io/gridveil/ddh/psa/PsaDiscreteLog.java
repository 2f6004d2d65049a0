// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.ddh.internal.LongIntTable;
import io.gridveil.ddh.internal.P256;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECPoint;

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
  private final ECPoint giant;

  private PsaDiscreteLog(long width, int m, LongIntTable table) {
    this.width = width;
    this.m = m;
    this.table = table;
    this.giant = P256.multiplyG(BigInteger.valueOf(m)).negate().normalize();
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
    ECPoint[] batch = new ECPoint[BATCH];
    ECPoint p = P256.CURVE.getInfinity();
    int k = 1;
    while (k < m) {
      int n = Math.min(BATCH, m - k);
      if (n != batch.length) {
        batch = new ECPoint[n];
      }
      for (int i = 0; i < n; i++) {
        p = p.add(P256.G);
        batch[i] = p;
      }
      P256.CURVE.normalizeAll(batch);
      for (int i = 0; i < n; i++) {
        t.put(batch[i].getAffineXCoord().toBigInteger().longValue(), k + i);
        p = batch[i];
      }
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

  OptionalLong log(ECPoint v) {
    long giants = (width + m - 1) / m;
    ECPoint[] batch = new ECPoint[BATCH];
    ECPoint p = v;
    long i = 0;
    while (i < giants) {
      int n = (int) Math.min(BATCH, giants - i);
      if (n != batch.length) {
        batch = new ECPoint[n];
      }
      for (int g = 0; g < n; g++) {
        batch[g] = p;
        p = p.add(giant);
      }
      P256.CURVE.normalizeAll(batch);
      for (int g = 0; g < n; g++) {
        long base = (i + g) * m;
        ECPoint q = batch[g];
        if (q.isInfinity()) {
          return base < width ? OptionalLong.of(base) : OptionalLong.empty();
        }
        long key = q.getAffineXCoord().toBigInteger().longValue();
        for (int s = table.slot(key); table.valueAt(s) != 0; s = table.next(s)) {
          if (table.keyAt(s) == key) {
            long cand = base + table.valueAt(s);
            if (cand < width && P256.multiplyG(BigInteger.valueOf(table.valueAt(s))).equals(q)) {
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
    return PsaCiphertext.of(P256.multiplyG(BigInteger.valueOf(s)));
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
