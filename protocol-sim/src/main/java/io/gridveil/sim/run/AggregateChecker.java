// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import io.gridveil.core.party.RoundOutcome;
import io.gridveil.sim.driver.RoundResult;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Compares every exact aggregate with the plaintext sum of its contributors (spec/sim.md §4.5).
 *
 * <p>The program always uses {@link #strict()}. The constructor that takes a hook exists so that a
 * test can alter a reported sum before the comparison and prove that a wrong aggregate fails the
 * run with exit code 3; the schemes themselves are never altered.
 */
public final class AggregateChecker {
  private final LongUnaryOperator reportedSumHook;

  /**
   * Creates a checker that passes each reported sum through a hook before comparing.
   *
   * @param reportedSumHook applied to each reported sum; tests only, to inject a wrong aggregate
   */
  public AggregateChecker(LongUnaryOperator reportedSumHook) {
    this.reportedSumHook = Objects.requireNonNull(reportedSumHook, "reportedSumHook");
  }

  /**
   * Returns the checker the program uses.
   *
   * @return a checker that compares the reported sums as they are
   */
  public static AggregateChecker strict() {
    return new AggregateChecker(LongUnaryOperator.identity());
  }

  /**
   * Checks one round's outcome.
   *
   * @param scheme the scheme's name, for the message
   * @param round the simulation's round index, for the message
   * @param result the outcome and the meters whose contributions it includes
   * @param readings the group's true readings of the round
   * @return the checked aggregate, or 0 for a void round
   * @throws WrongAggregateException if an exact sum or its contributor count is wrong
   */
  public long check(String scheme, long round, RoundResult.Aggregated result, long[] readings)
      throws WrongAggregateException {
    RoundOutcome outcome = result.outcome();
    if (!(outcome instanceof RoundOutcome.Exact exact)) {
      return 0;
    }
    long reported = reportedSumHook.applyAsLong(exact.sum());
    BitSet delivered = result.delivered();
    long truth = 0;
    for (int i = delivered.nextSetBit(0); i >= 0; i = delivered.nextSetBit(i + 1)) {
      truth += readings[i];
    }
    String where =
        "scheme " + scheme + ", group " + exact.group().value() + ", round " + round;
    if (exact.contributors() != delivered.cardinality()) {
      throw new WrongAggregateException(
          "WRONG AGGREGATE ("
              + where
              + "): the supplier counts "
              + exact.contributors()
              + " contributors but "
              + delivered.cardinality()
              + " contributions reached it");
    }
    if (reported != truth) {
      throw new WrongAggregateException(
          "WRONG AGGREGATE ("
              + where
              + "): the decrypted sum differs from the plaintext sum of its "
              + exact.contributors()
              + " contributors");
    }
    return reported;
  }

  /**
   * Checks one meter's bill against the sum of its true readings times the tariff.
   *
   * @param scheme the scheme's name, for the message
   * @param group the group, for the message
   * @param meter the meter's position, for the message
   * @param reported the bill the meter reported
   * @param expected sum_j e_ij P[j], computed by the simulator from the true readings
   * @throws WrongAggregateException if they differ
   */
  public void checkBill(String scheme, String group, int meter, long reported, long expected)
      throws WrongAggregateException {
    if (reportedSumHook.applyAsLong(reported) != expected) {
      throw new WrongAggregateException(
          "WRONG BILL (scheme "
              + scheme
              + ", group "
              + group
              + ", meter "
              + meter
              + "): the on-meter bill differs from the sum of its true readings times the tariff");
    }
  }
}
