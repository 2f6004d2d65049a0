// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.attack;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import io.gridveil.leakage.internal.Require;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The membership-differencing attack (spec/leakage.md §6.1): from group sums released before and
 * after joins and leaves, recover every individual reading that the sums determine.
 *
 * <p>The attack is exact linear algebra. Each observation is a linear equation over the unknown
 * readings; a reading is recoverable exactly when its unit vector lies in the row space of the
 * equations, which the reduced row echelon form over the rationals decides. Under
 * {@link ReadingModel#PER_ROUND} the unknowns are e_ij (meter i, round j), so only sums of the same
 * round combine; under {@link ReadingModel#CONSTANT} the attacker assumes each meter's reading is
 * the same in every observed round (a standby load, or readings that vary slowly compared with the
 * rounds observed), which is the classic "sum before minus sum after" attack.
 */
public final class MembershipDifferencing {
  /** What the attacker assumes about readings across rounds. */
  public enum ReadingModel {
    /** One unknown per meter and round: only same-round sums combine. */
    PER_ROUND,
    /** One unknown per meter: the meter's reading is the same in every observed round. */
    CONSTANT
  }

  /**
   * An unknown reading: meter {@code member} in round {@code round} ({@code -1} under
   * {@link ReadingModel#CONSTANT}).
   *
   * @param member the meter's label
   * @param round j, or -1 for a constant reading
   */
  public record Unknown(String member, long round) {}

  /**
   * The outcome of the attack.
   *
   * @param recovered every reading the observations determine, with its value
   * @param unknowns the number of unknowns
   * @param rank the rank of the observation system
   */
  public record Recovery(Map<Unknown, Long> recovered, int unknowns, int rank) {
    /**
     * Copies the map.
     *
     * @param recovered every reading the observations determine, with its value
     * @param unknowns the number of unknowns
     * @param rank the rank of the observation system
     */
    public Recovery {
      recovered = Collections.unmodifiableMap(new LinkedHashMap<>(recovered));
    }

    /**
     * Returns whether any reading of the member is recovered.
     *
     * @param member the meter's label
     * @return true if some reading of it is determined
     */
    public boolean reveals(String member) {
      return recovered.keySet().stream().anyMatch(u -> u.member().equals(member));
    }
  }

  private MembershipDifferencing() {}

  /**
   * Recovers every determined reading (spec/leakage.md §6.1.2).
   *
   * @param observations the released group sums
   * @param model the attacker's assumption about readings across rounds
   * @return the recovered readings, in order of first appearance
   * @throws IllegalParameterException LEAK-P-12 if the observations contradict each other or
   *     determine a non-integer reading
   */
  public static Recovery attack(List<GroupObservation> observations, ReadingModel model) {
    Map<Unknown, Integer> index = new LinkedHashMap<>();
    for (GroupObservation o : observations) {
      for (String m : o.members()) {
        index.putIfAbsent(unknown(m, o.round(), model), index.size());
      }
    }
    int n = index.size();
    List<BigInteger[]> rows = new ArrayList<>();
    for (GroupObservation o : observations) {
      BigInteger[] row = new BigInteger[n + 1];
      java.util.Arrays.fill(row, BigInteger.ZERO);
      for (String m : o.members()) {
        Integer col = index.get(unknown(m, o.round(), model));
        if (col != null) {
          row[col] = row[col].add(BigInteger.ONE);
        }
      }
      row[n] = BigInteger.valueOf(o.sum());
      rows.add(row);
    }
    int rank = reduce(rows, n);
    List<Unknown> byColumn = new ArrayList<>(index.keySet());
    Map<Unknown, Long> recovered = new LinkedHashMap<>();
    for (int r = 0; r < rank; r++) {
      BigInteger[] row = rows.get(r);
      int pivot = -1;
      int nonZero = 0;
      for (int c = 0; c < n; c++) {
        if (row[c].signum() != 0) {
          nonZero++;
          if (pivot < 0) {
            pivot = c;
          }
        }
      }
      if (nonZero == 1) {
        BigInteger[] qr = row[n].divideAndRemainder(row[pivot]);
        Require.that(
            qr[1].signum() == 0,
            LeakageChecks.LEAK_P_12,
            "the observations determine a non-integer reading");
        recovered.put(byColumn.get(pivot), qr[0].longValueExact());
      }
    }
    return new Recovery(recovered, n, rank);
  }

  /**
   * Reports what the supplier can recover when the group's membership changes follow a policy
   * (spec/leakage.md §6.1.3): the attack on the sums the policy releases.
   *
   * @param policy the membership-change policy
   * @param observations the sums the protocol would release without the policy, in time order
   * @param model the attacker's assumption about readings across rounds
   * @return the readings recoverable from the released sums
   * @throws IllegalParameterException LEAK-P-12 if the released observations are inconsistent
   */
  public static Recovery recoverableUnder(
      MembershipPolicy policy, List<GroupObservation> observations, ReadingModel model) {
    return attack(policy.released(observations), model);
  }

  private static Unknown unknown(String member, long round, ReadingModel model) {
    return new Unknown(member, model == ReadingModel.CONSTANT ? -1 : round);
  }

  /**
   * Fraction-free reduction to reduced row echelon form; returns the rank, with the pivot rows
   * first.
   */
  private static int reduce(List<BigInteger[]> rows, int n) {
    int r = 0;
    for (int c = 0; c < n && r < rows.size(); c++) {
      int p = -1;
      for (int i = r; i < rows.size(); i++) {
        if (rows.get(i)[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      Collections.swap(rows, r, p);
      BigInteger[] pivot = rows.get(r);
      for (int i = 0; i < rows.size(); i++) {
        BigInteger[] row = rows.get(i);
        if (i == r || row[c].signum() == 0) {
          continue;
        }
        BigInteger a = row[c];
        for (int k = 0; k <= n; k++) {
          row[k] = row[k].multiply(pivot[c]).subtract(pivot[k].multiply(a));
        }
        normalise(row);
      }
      r++;
    }
    for (int i = r; i < rows.size(); i++) {
      Require.that(
          rows.get(i)[n].signum() == 0,
          LeakageChecks.LEAK_P_12,
          "the observations contradict each other");
    }
    return r;
  }

  private static void normalise(BigInteger[] row) {
    BigInteger g = BigInteger.ZERO;
    for (BigInteger v : row) {
      g = g.gcd(v);
    }
    if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
      for (int k = 0; k < row.length; k++) {
        row[k] = row[k].divide(g);
      }
    }
  }
}
