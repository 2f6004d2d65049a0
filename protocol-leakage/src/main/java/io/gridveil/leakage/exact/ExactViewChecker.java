// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exact view checker (spec/leakage.md §2): runs a protocol on every tape and counts exactly
 * how often each coalition view occurs.
 *
 * <p>Enumeration (spec/leakage.md §2.3) is a depth-first odometer over dynamically discovered
 * draws: run with a prefix of fixed choices, let every draw past the prefix take 0 and record its
 * bound, then increment the last position that has room, drop the positions after it and run
 * again, until no position has room. Every execution stands for the fraction 1/w of the
 * randomness, w being the product of its draws' bounds; the resulting distribution is exact.
 *
 * <p>Cost: one execution per tape, the product of all bounds when the draws are fixed; keep it
 * within about 10^7 (spec/leakage.md §2.5). A caller may fix, instead of drawing, randomness that
 * is independent of the inputs and of everything the coalition sees, or may use the structure of
 * the protocol (for example: a ring's deltas for one round fixed as a function of the others when
 * only their sum matters); the spec chapter of the scheme must argue why such a reduction keeps
 * the view distribution.
 */
public final class ExactViewChecker {
  /** The default cap on executions per distribution: 10^7. */
  public static final long DEFAULT_MAX_EXECUTIONS = 10_000_000L;

  private ExactViewChecker() {}

  /**
   * Returns the exact view distribution of {@code f} on {@code input}, with the default cap of
   * 10^7 executions.
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param input the input
   * @return the distribution
   * @throws EnumerationException LEAK-P-01, LEAK-P-02 or LEAK-S-01 (see
   *     {@link #distribution(ViewFunction, Object, long)})
   * @throws IllegalStateException if {@code f} throws a checked exception (as its cause)
   */
  public static <I> ViewDistribution distribution(ViewFunction<I> f, I input) {
    return distribution(f, input, DEFAULT_MAX_EXECUTIONS);
  }

  /**
   * Returns the exact view distribution of {@code f} on {@code input} (spec/leakage.md §2.3).
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param input the input
   * @param maxExecutions the cap on executions, at least 1
   * @return the distribution
   * @throws IllegalParameterException LEAK-P-04 if maxExecutions &lt; 1
   * @throws EnumerationException LEAK-P-01 if a draw's bound exceeds 2^16; LEAK-P-02 if more
   *     than maxExecutions executions would be needed; LEAK-S-01 if {@code f} is not deterministic
   *     given its tape
   * @throws IllegalStateException if {@code f} throws a checked exception (as its cause)
   */
  public static <I> ViewDistribution distribution(ViewFunction<I> f, I input, long maxExecutions) {
    if (maxExecutions < 1) {
      throw new IllegalParameterException(
          LeakageChecks.LEAK_P_04, "the execution cap must be at least 1");
    }
    TapeRandomSource tape = new TapeRandomSource();
    Map<Long, Map<View, Long>> byWeight = new LinkedHashMap<>();
    long lastWeight = -1;
    Map<View, Long> last = new HashMap<>();
    long executions = 0;
    do {
      if (executions == maxExecutions) {
        throw new EnumerationException(
            LeakageChecks.LEAK_P_02,
            "more than " + maxExecutions + " executions needed: shrink the tape");
      }
      tape.begin();
      View view = runOnce(f, input, tape);
      long weight = tape.end();
      executions++;
      if (weight != lastWeight) {
        last = byWeight.computeIfAbsent(weight, w -> new LinkedHashMap<>());
        lastWeight = weight;
      }
      last.merge(view, 1L, Long::sum);
    } while (tape.advance());
    return new ViewDistribution(normalise(byWeight), executions);
  }

  private static <I> View runOnce(ViewFunction<I> f, I input, TapeRandomSource tape) {
    View view;
    try {
      view = f.run(input, tape);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the view function failed", e);
    }
    if (view == null) {
      throw new NullPointerException("the view function returned null");
    }
    return view;
  }

  /** Scales each weight class to the common denominator D = lcm of the weights (§2.3). */
  private static Map<View, Long> normalise(Map<Long, Map<View, Long>> byWeight) {
    if (byWeight.size() == 1) {
      return byWeight.values().iterator().next();
    }
    BigInteger lcm = BigInteger.ONE;
    for (long w : byWeight.keySet()) {
      BigInteger bw = BigInteger.valueOf(w);
      lcm = lcm.divide(lcm.gcd(bw)).multiply(bw);
    }
    long d = lcm.longValueExact();
    Map<View, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Long, Map<View, Long>> e : byWeight.entrySet()) {
      long scale = d / e.getKey();
      for (Map.Entry<View, Long> c : e.getValue().entrySet()) {
        out.merge(c.getKey(), Math.multiplyExact(c.getValue(), scale), Math::addExact);
      }
    }
    return out;
  }

  /**
   * Asserts that the coalition's view has the same distribution on both inputs (spec/leakage.md
   * §2.6), with the default cap.
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param inputA the first input
   * @param inputB the second input, with the same permitted output as the first
   * @return the number of executions enumerated for both inputs together
   * @throws AssertionError if the distributions differ; the message gives both execution counts
   *     and one view whose probability differs
   */
  public static <I> long assertIndistinguishable(ViewFunction<I> f, I inputA, I inputB) {
    return assertIndistinguishable(f, inputA, inputB, DEFAULT_MAX_EXECUTIONS);
  }

  /**
   * Asserts that the coalition's view has the same distribution on both inputs (spec/leakage.md
   * §2.6), with a cap on the executions of each distribution.
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param inputA the first input
   * @param inputB the second input, with the same permitted output as the first
   * @param maxExecutions the cap per input, at least 1
   * @return the number of executions enumerated for both inputs together
   * @throws AssertionError if the distributions differ; the message gives both execution counts
   *     and one view whose probability differs
   */
  public static <I> long assertIndistinguishable(
      ViewFunction<I> f, I inputA, I inputB, long maxExecutions) {
    ViewDistribution a = distribution(f, inputA, maxExecutions);
    ViewDistribution b = distribution(f, inputB, maxExecutions);
    Optional<View> diff = a.firstDifference(b);
    if (diff.isPresent()) {
      throw new AssertionError(
          "view distributions differ (executions A=" + a.executions() + ", B=" + b.executions()
              + "): " + describe(diff.get(), a, b));
    }
    return a.executions() + b.executions();
  }

  /**
   * Asserts that the coalition's view has different distributions on the two inputs
   * (spec/leakage.md §2.6), with the default cap.
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param inputA the first input
   * @param inputB the second input, with the same permitted output as the first
   * @return the number of executions enumerated for both inputs together
   * @throws AssertionError if the distributions are identical; the message gives both execution
   *     counts
   */
  public static <I> long assertDistinguishable(ViewFunction<I> f, I inputA, I inputB) {
    return assertDistinguishable(f, inputA, inputB, DEFAULT_MAX_EXECUTIONS);
  }

  /**
   * Asserts that the coalition's view has different distributions on the two inputs
   * (spec/leakage.md §2.6), with a cap on the executions of each distribution.
   *
   * @param <I> the input type
   * @param f the protocol run returning the coalition's view
   * @param inputA the first input
   * @param inputB the second input, with the same permitted output as the first
   * @param maxExecutions the cap per input, at least 1
   * @return the number of executions enumerated for both inputs together
   * @throws AssertionError if the distributions are identical; the message gives both execution
   *     counts
   */
  public static <I> long assertDistinguishable(
      ViewFunction<I> f, I inputA, I inputB, long maxExecutions) {
    ViewDistribution a = distribution(f, inputA, maxExecutions);
    ViewDistribution b = distribution(f, inputB, maxExecutions);
    if (a.sameDistributionAs(b)) {
      throw new AssertionError(
          "view distributions are identical (executions A=" + a.executions() + ", B="
              + b.executions() + ", " + a.supportSize() + " distinct views)");
    }
    return a.executions() + b.executions();
  }

  private static String describe(View v, ViewDistribution a, ViewDistribution b) {
    return "view " + v.elements() + " has count " + a.count(v) + "/" + a.total() + " under A and "
        + b.count(v) + "/" + b.total() + " under B";
  }
}
