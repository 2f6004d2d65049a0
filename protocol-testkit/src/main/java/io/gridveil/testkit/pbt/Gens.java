// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators that shrink well and reach the edges explicitly.
 *
 * <p>Every generator here draws a fixed number of values, whatever it produces: a list or an
 * array draws its maximum number of elements and is cut to a separately drawn length, and a
 * choice draws every alternative's index and value. The engine shrinks by editing the recorded
 * draws in place, so a draw count that varied with the value would block the shrinking of
 * everything drawn after it.
 *
 * <p>Numeric ranges put about one value in eight on their bounds (and on 0 where it lies
 * inside), lengths one in eight on the minimum and the maximum (the empty and the full value),
 * because the engine itself forces only one all-minimum and one all-maximum sample.
 */
public final class Gens {
  /** Out of {@value} draws of the edge selector, all but two fall inside the range. */
  private static final int EDGE_SELECTOR = 16;

  private Gens() {}

  /** A function of three values, for {@link #zip(Gen, Gen, Gen, Fn3)}. */
  @FunctionalInterface
  public interface Fn3<A, B, C, R> {
    /**
     * Applies the function.
     *
     * @param a the first value
     * @param b the second value
     * @param c the third value
     * @return the result
     */
    R apply(A a, B b, C c);
  }

  /** A function of four values, for {@link #zip(Gen, Gen, Gen, Gen, Fn4)}. */
  @FunctionalInterface
  public interface Fn4<A, B, C, D, R> {
    /**
     * Applies the function.
     *
     * @param a the first value
     * @param b the second value
     * @param c the third value
     * @param d the fourth value
     * @return the result
     */
    R apply(A a, B b, C c, D d);
  }

  /** A function of five values, for {@link #zip(Gen, Gen, Gen, Gen, Gen, Fn5)}. */
  @FunctionalInterface
  public interface Fn5<A, B, C, D, E, R> {
    /**
     * Applies the function.
     *
     * @param a the first value
     * @param b the second value
     * @param c the third value
     * @param d the fourth value
     * @param e the fifth value
     * @return the result
     */
    R apply(A a, B b, C c, D d, E e);
  }

  /** A weighted alternative of {@link #frequency}. */
  public record Weighted<T>(int weight, Gen<T> gen) {
    /**
     * Validates the weight.
     *
     * @param weight the relative weight, at least 1
     * @param gen the alternative
     */
    public Weighted {
      if (weight < 1) {
        throw new IllegalArgumentException("weight " + weight);
      }
    }
  }

  /** One raw draw in [min, max] that shrinks towards the value in range closest to 0. */
  private static long draw(RandomnessSource in, long min, long max) {
    return in.next(Constraint.between(min, max));
  }

  /** A value in [min, max] or, one draw in eight, min, max or 0 (when 0 lies inside). */
  private static long edged(RandomnessSource in, long min, long max) {
    long selector = draw(in, 0, EDGE_SELECTOR - 1);
    long value = draw(in, min, max);
    if (selector == EDGE_SELECTOR - 1) {
      return max;
    }
    if (selector == EDGE_SELECTOR - 2) {
      return min;
    }
    if (selector == EDGE_SELECTOR - 3 && min <= 0 && 0 <= max) {
      return 0;
    }
    return value;
  }

  /**
   * Integers in [min, max], shrinking towards the one closest to 0, with the bounds as edges.
   *
   * @param min the least value
   * @param max the greatest value
   * @return the generator
   */
  public static Gen<Integer> integers(int min, int max) {
    checkRange(min, max);
    return new Gen<>(in -> (int) edged(in, min, max));
  }

  /**
   * Longs in [min, max], shrinking towards the one closest to 0, with the bounds as edges.
   *
   * @param min the least value
   * @param max the greatest value
   * @return the generator
   */
  public static Gen<Long> longs(long min, long max) {
    checkRange(min, max);
    return new Gen<>(in -> edged(in, min, max));
  }

  /**
   * Every long, shrinking towards 0, with {@code Long.MIN_VALUE}, {@code Long.MAX_VALUE} and 0
   * as edges.
   *
   * @return the generator
   */
  public static Gen<Long> longs() {
    return longs(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Doubles in [min, max] (both finite), shrinking towards min, with the bounds as edges.
   *
   * @param min the least value
   * @param max the greatest value
   * @return the generator
   */
  public static Gen<Double> doubles(double min, double max) {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException("[" + min + ", " + max + "]");
    }
    long steps = 1L << 53;
    return new Gen<>(
        in -> {
          long selector = draw(in, 0, EDGE_SELECTOR - 1);
          long fraction = draw(in, 0, steps);
          if (selector == EDGE_SELECTOR - 1) {
            return max;
          }
          if (selector == EDGE_SELECTOR - 2) {
            return min;
          }
          return Math.min(max, min + (max - min) * ((double) fraction / steps));
        });
  }

  /**
   * Booleans, shrinking towards false.
   *
   * @return the generator
   */
  public static Gen<Boolean> booleans() {
    return new Gen<>(in -> draw(in, 0, 1) == 1);
  }

  /**
   * Single bytes over their whole range, shrinking towards 0.
   *
   * @return the generator
   */
  public static Gen<Byte> singleBytes() {
    return new Gen<>(in -> (byte) edged(in, Byte.MIN_VALUE, Byte.MAX_VALUE));
  }

  /**
   * Byte arrays of minLength to maxLength bytes: maxLength bytes are drawn and cut to a length
   * drawn separately, so both the length and the contents shrink; the empty and the full array
   * are edges.
   *
   * @param minLength the least length
   * @param maxLength the greatest length
   * @return the generator
   */
  public static Gen<byte[]> bytes(int minLength, int maxLength) {
    checkLengths(minLength, maxLength);
    return new Gen<byte[]>(
            in -> {
              int length = (int) edged(in, minLength, maxLength);
              byte[] all = new byte[maxLength];
              for (int i = 0; i < maxLength; i++) {
                all[i] = (byte) draw(in, Byte.MIN_VALUE, Byte.MAX_VALUE);
              }
              return Arrays.copyOf(all, length);
            })
        .describedAs(Arrays::toString);
  }

  /**
   * Lists of minSize to maxSize elements: maxSize elements are drawn and cut to a size drawn
   * separately; the smallest and the largest size are edges.
   *
   * @param <T> the element type
   * @param element the elements
   * @param minSize the least size
   * @param maxSize the greatest size
   * @return the generator of unmodifiable lists
   */
  public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
    checkLengths(minSize, maxSize);
    return new Gen<>(
        in -> {
          int size = (int) edged(in, minSize, maxSize);
          List<T> all = new ArrayList<>(maxSize);
          for (int i = 0; i < maxSize; i++) {
            all.add(element.generate(in));
          }
          return Collections.unmodifiableList(new ArrayList<>(all.subList(0, size)));
        });
  }

  /**
   * Strings of minLength to maxLength characters taken from {@code chars}, shrinking towards its
   * first character; the shortest and the longest string are edges.
   *
   * @param chars the alphabet, not empty
   * @param minLength the least length
   * @param maxLength the greatest length
   * @return the generator
   */
  public static Gen<String> strings(String chars, int minLength, int maxLength) {
    if (chars.isEmpty()) {
      throw new IllegalArgumentException("empty alphabet");
    }
    Gen<Character> c = new Gen<>(in -> chars.charAt((int) draw(in, 0, chars.length() - 1)));
    return lists(c, minLength, maxLength)
        .map(
            cs -> {
              StringBuilder b = new StringBuilder(cs.size());
              cs.forEach(b::append);
              return b.toString();
            });
  }

  /**
   * Action sequences of up to maxSteps steps, for model-based tests: maxSteps steps are drawn,
   * the sequence is cut to a separately drawn length, and each step may be skipped (one in
   * eight), so a failing sequence shrinks by skipping the steps it does not need.
   *
   * @param <T> the step type
   * @param step the steps; each should draw a fixed number of values
   * @param maxSteps the greatest number of steps
   * @return the generator of unmodifiable step lists
   */
  public static <T> Gen<List<T>> sequences(Gen<T> step, int maxSteps) {
    checkLengths(0, maxSteps);
    return new Gen<>(
        in -> {
          int length = (int) edged(in, 0, maxSteps);
          List<T> out = new ArrayList<>(maxSteps);
          for (int i = 0; i < maxSteps; i++) {
            // 0, the shrink target, is "skipped"
            boolean taken = draw(in, 0, 7) != 0;
            T s = step.generate(in);
            if (taken && i < length) {
              out.add(s);
            }
          }
          return Collections.unmodifiableList(out);
        });
  }

  /**
   * Always {@code value}.
   *
   * @param <T> the type
   * @param value the value
   * @return the generator
   */
  public static <T> Gen<T> constant(T value) {
    return new Gen<>(in -> value);
  }

  /**
   * One of the given values, shrinking towards the first.
   *
   * @param <T> the type
   * @param values the values, not empty
   * @return the generator
   */
  @SafeVarargs
  public static <T> Gen<T> of(T... values) {
    List<T> list = new ArrayList<>(values.length);
    for (T v : values) {
      list.add(v);
    }
    return pick(list);
  }

  /**
   * One of the given values, shrinking towards the first.
   *
   * @param <T> the type
   * @param values the values, not empty
   * @return the generator
   */
  public static <T> Gen<T> pick(List<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    List<T> copy = List.copyOf(values);
    return new Gen<>(in -> copy.get((int) draw(in, 0, copy.size() - 1)));
  }

  /**
   * A value of one of the generators, chosen uniformly, shrinking towards the first; every
   * alternative is drawn, so the draw count does not depend on the choice.
   *
   * @param <T> the type
   * @param alternatives the generators, not empty
   * @return the generator
   */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... alternatives) {
    List<Weighted<T>> ws = new ArrayList<>();
    for (Gen<? extends T> g : alternatives) {
      ws.add(new Weighted<T>(1, g.map(x -> x)));
    }
    return frequency(ws);
  }

  /**
   * A weighted alternative.
   *
   * @param <T> the type
   * @param weight the relative weight, at least 1
   * @param gen the alternative
   * @return the alternative
   */
  public static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
    return new Weighted<>(weight, gen);
  }

  /**
   * A value of one of the generators, chosen in proportion to the weights, shrinking towards
   * the first (put the simplest first); every alternative is drawn, so the draw count does not
   * depend on the choice.
   *
   * @param <T> the type
   * @param alternatives the weighted generators, not empty
   * @return the generator
   */
  @SafeVarargs
  public static <T> Gen<T> frequency(Weighted<T>... alternatives) {
    List<Weighted<T>> list = new ArrayList<>(alternatives.length);
    for (Weighted<T> w : alternatives) {
      list.add(w);
    }
    return frequency(list);
  }

  private static <T> Gen<T> frequency(List<Weighted<T>> alternatives) {
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("no alternatives");
    }
    List<Weighted<T>> ws = List.copyOf(alternatives);
    long total = 0;
    for (Weighted<T> w : ws) {
      total += w.weight();
    }
    long last = total - 1;
    return new Gen<>(
        in -> {
          long ticket = draw(in, 0, last);
          List<T> drawn = new ArrayList<>(ws.size());
          for (Weighted<T> w : ws) {
            drawn.add(w.gen().generate(in));
          }
          long bound = 0;
          for (int i = 0; i < ws.size(); i++) {
            bound += ws.get(i).weight();
            if (ticket < bound) {
              return drawn.get(i);
            }
          }
          throw new AssertionError("ticket " + ticket + " beyond " + last);
        });
  }

  /**
   * The generator's values and, one draw in four, one of the given edges; shrinks towards the
   * generator's own values.
   *
   * @param <T> the type
   * @param gen the generator
   * @param edges the edge values, not empty
   * @return the generator
   */
  @SafeVarargs
  public static <T> Gen<T> withEdges(Gen<T> gen, T... edges) {
    List<T> list = new ArrayList<>(edges.length);
    for (T e : edges) {
      list.add(e);
    }
    return frequency(List.of(weighted(3, gen), weighted(1, pick(list))));
  }

  /**
   * Combines three generators.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <R> the combined type
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param f combines the values
   * @return the combined generator
   */
  public static <A, B, C, R> Gen<R> zip(
      Gen<A> a, Gen<B> b, Gen<C> c, Fn3<? super A, ? super B, ? super C, ? extends R> f) {
    return new Gen<>(in -> f.apply(a.generate(in), b.generate(in), c.generate(in)));
  }

  /**
   * Combines four generators.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <D> the fourth type
   * @param <R> the combined type
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param d the fourth generator
   * @param f combines the values
   * @return the combined generator
   */
  public static <A, B, C, D, R> Gen<R> zip(
      Gen<A> a,
      Gen<B> b,
      Gen<C> c,
      Gen<D> d,
      Fn4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    return new Gen<>(
        in -> f.apply(a.generate(in), b.generate(in), c.generate(in), d.generate(in)));
  }

  /**
   * Combines five generators.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <D> the fourth type
   * @param <E> the fifth type
   * @param <R> the combined type
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param d the fourth generator
   * @param e the fifth generator
   * @param f combines the values
   * @return the combined generator
   */
  public static <A, B, C, D, E, R> Gen<R> zip(
      Gen<A> a,
      Gen<B> b,
      Gen<C> c,
      Gen<D> d,
      Gen<E> e,
      Fn5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> f) {
    return new Gen<>(
        in ->
            f.apply(
                a.generate(in), b.generate(in), c.generate(in), d.generate(in), e.generate(in)));
  }

  private static void checkRange(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("[" + min + ", " + max + "]");
    }
  }

  private static void checkLengths(int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("lengths [" + min + ", " + max + "]");
    }
  }
}
