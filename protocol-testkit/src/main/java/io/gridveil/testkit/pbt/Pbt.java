// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.NoGuidance;
import org.quicktheories.core.Reporter;
import org.quicktheories.core.Strategy;

/**
 * The entry point of every property: runs a body over generated values, shrinks a failure and
 * reports it with the seed that replays it.
 *
 * <p>{@code Pbt.property(20).forAll(a, b).check((x, y) -> ...)} runs at most 20 tries; {@code
 * Pbt.property()} runs the default budget. System properties (surefire passes them through; an
 * empty value counts as unset):
 *
 * <ul>
 *   <li>{@code pbt.seed}: the seed of every property; a failure's message names its seed, and
 *       the same property run with {@code -Dpbt.seed=<seed>} draws the same values and reports the same
 *       counterexample. Unset, each property draws a fresh seed.
 *   <li>{@code pbt.tries}: the budget of properties that set none (default {@value
 *       #DEFAULT_TRIES}).
 *   <li>{@code pbt.scale}: multiplies every budget, explicit or default, for long runs.
 * </ul>
 *
 * <p>A try that draws values an earlier try already drew is skipped, so a property over a small
 * domain may run fewer tries than its budget.
 */
public final class Pbt {
  /** The budget of a property that sets none and of a run without {@code pbt.tries}. */
  public static final int DEFAULT_TRIES = 200;

  /** Shrink attempts per try of the budget, as the engine's own default. */
  private static final int SHRINKS_PER_TRY = 100;

  /** Draws a filter may reject before the property gives up (and fails). */
  private static final int GENERATE_ATTEMPTS = 100;

  private final OptionalInt tries;
  private final OptionalLong seed;

  private Pbt(OptionalInt tries, OptionalLong seed) {
    this.tries = tries;
    this.seed = seed;
  }

  /**
   * A property with the default budget.
   *
   * @return the property
   */
  public static Pbt property() {
    return new Pbt(OptionalInt.empty(), OptionalLong.empty());
  }

  /**
   * A property with its own budget (which {@code pbt.tries} does not change).
   *
   * @param tries the budget before {@code pbt.scale}, at least 1
   * @return the property
   */
  public static Pbt property(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries " + tries);
    }
    return new Pbt(OptionalInt.of(tries), OptionalLong.empty());
  }

  /**
   * The same property pinned to a seed, which takes precedence over {@code pbt.seed}: for a
   * regression that must replay one run exactly, and for the seam's own tests.
   *
   * @param pinned the seed
   * @return the pinned property
   */
  public Pbt withSeed(long pinned) {
    return new Pbt(tries, OptionalLong.of(pinned));
  }

  /**
   * The number of tries this property runs, after {@code pbt.tries} and {@code pbt.scale}.
   *
   * @return the budget
   */
  public int budget() {
    return budget(tries, System.getProperty("pbt.tries"), System.getProperty("pbt.scale"));
  }

  /** The budget from the explicit one or the default, the switches read as strings. */
  static int budget(OptionalInt explicit, @Nullable String triesSwitch, @Nullable String scaleSwitch) {
    long base = explicit.isPresent() ? explicit.getAsInt() : parse("pbt.tries", triesSwitch, DEFAULT_TRIES);
    long scale = parse("pbt.scale", scaleSwitch, 1);
    if (base < 1 || scale < 1) {
      throw new IllegalArgumentException("pbt.tries and pbt.scale must be at least 1");
    }
    return (int) Math.min(Integer.MAX_VALUE, base * scale);
  }

  /** The seed this run uses: the pinned one, else {@code pbt.seed}, else a fresh one. */
  long seed() {
    if (seed.isPresent()) {
      return seed.getAsLong();
    }
    String s = System.getProperty("pbt.seed");
    if (s == null || s.isBlank()) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("pbt.seed is not a long: " + s, e);
    }
  }

  private static long parse(String name, @Nullable String value, long unset) {
    if (value == null || value.isBlank()) {
      return unset;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }

  /** A property body over one value; it fails by throwing. */
  @FunctionalInterface
  public interface Body1<A> {
    /**
     * Checks the property for one value.
     *
     * @param a the value
     * @throws Exception to fail the property
     */
    void accept(A a) throws Exception;
  }

  /** A property body over two values; it fails by throwing. */
  @FunctionalInterface
  public interface Body2<A, B> {
    /**
     * Checks the property for two values.
     *
     * @param a the first value
     * @param b the second value
     * @throws Exception to fail the property
     */
    void accept(A a, B b) throws Exception;
  }

  /** A property body over three values; it fails by throwing. */
  @FunctionalInterface
  public interface Body3<A, B, C> {
    /**
     * Checks the property for three values.
     *
     * @param a the first value
     * @param b the second value
     * @param c the third value
     * @throws Exception to fail the property
     */
    void accept(A a, B b, C c) throws Exception;
  }

  /** A property body over four values; it fails by throwing. */
  @FunctionalInterface
  public interface Body4<A, B, C, D> {
    /**
     * Checks the property for four values.
     *
     * @param a the first value
     * @param b the second value
     * @param c the third value
     * @param d the fourth value
     * @throws Exception to fail the property
     */
    void accept(A a, B b, C c, D d) throws Exception;
  }

  /** A property over one generator, ready to check. */
  public final class ForAll1<A> {
    private final Gen<A> a;

    private ForAll1(Gen<A> a) {
      this.a = a;
    }

    /**
     * Runs the body over the budget's values; throws an AssertionError naming the smallest
     * counterexample and the seed that replays it if any try throws.
     *
     * @param body the property
     */
    public void check(Body1<A> body) {
      run(List.of(a), v -> body.accept(a(v, 0)));
    }
  }

  /** A property over two generators, ready to check. */
  public final class ForAll2<A, B> {
    private final Gen<A> a;
    private final Gen<B> b;

    private ForAll2(Gen<A> a, Gen<B> b) {
      this.a = a;
      this.b = b;
    }

    /**
     * Runs the body over the budget's values; throws an AssertionError naming the smallest
     * counterexample and the seed that replays it if any try throws.
     *
     * @param body the property
     */
    public void check(Body2<A, B> body) {
      run(List.of(a, b), v -> body.accept(a(v, 0), a(v, 1)));
    }
  }

  /** A property over three generators, ready to check. */
  public final class ForAll3<A, B, C> {
    private final Gen<A> a;
    private final Gen<B> b;
    private final Gen<C> c;

    private ForAll3(Gen<A> a, Gen<B> b, Gen<C> c) {
      this.a = a;
      this.b = b;
      this.c = c;
    }

    /**
     * Runs the body over the budget's values; throws an AssertionError naming the smallest
     * counterexample and the seed that replays it if any try throws.
     *
     * @param body the property
     */
    public void check(Body3<A, B, C> body) {
      run(List.of(a, b, c), v -> body.accept(a(v, 0), a(v, 1), a(v, 2)));
    }
  }

  /** A property over four generators, ready to check. */
  public final class ForAll4<A, B, C, D> {
    private final Gen<A> a;
    private final Gen<B> b;
    private final Gen<C> c;
    private final Gen<D> d;

    private ForAll4(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
    }

    /**
     * Runs the body over the budget's values; throws an AssertionError naming the smallest
     * counterexample and the seed that replays it if any try throws.
     *
     * @param body the property
     */
    public void check(Body4<A, B, C, D> body) {
      run(List.of(a, b, c, d), v -> body.accept(a(v, 0), a(v, 1), a(v, 2), a(v, 3)));
    }
  }

  /**
   * The property over one generator.
   *
   * @param <A> the value type
   * @param a the generator
   * @return the property, ready to check
   */
  public <A> ForAll1<A> forAll(Gen<A> a) {
    return new ForAll1<>(a);
  }

  /**
   * The property over two generators.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param a the first generator
   * @param b the second generator
   * @return the property, ready to check
   */
  public <A, B> ForAll2<A, B> forAll(Gen<A> a, Gen<B> b) {
    return new ForAll2<>(a, b);
  }

  /**
   * The property over three generators.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @return the property, ready to check
   */
  public <A, B, C> ForAll3<A, B, C> forAll(Gen<A> a, Gen<B> b, Gen<C> c) {
    return new ForAll3<>(a, b, c);
  }

  /**
   * The property over four generators (combine more with {@link Gens#zip} into a record).
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <D> the fourth type
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param d the fourth generator
   * @return the property, ready to check
   */
  public <A, B, C, D> ForAll4<A, B, C, D> forAll(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d) {
    return new ForAll4<>(a, b, c, d);
  }

  /** The i-th value of a drawn tuple, typed by the caller that built the tuple. */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the tuple's i-th generator gave it
  private static <T> T a(List<@Nullable Object> values, int i) {
    return (T) values.get(i);
  }

  /** A body over the drawn tuple. */
  @FunctionalInterface
  private interface Body {
    void accept(List<@Nullable Object> values) throws Exception;
  }

  /** Carries a checked exception of the body through the engine, which takes no checked body. */
  private static final class BodyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyFailure(Exception cause) {
      super(cause);
    }
  }

  private void run(List<Gen<?>> gens, Body body) {
    List<Gen<?>> gs = List.copyOf(gens);
    org.quicktheories.core.Gen<List<@Nullable Object>> tuple =
        in -> {
          List<@Nullable Object> values = new ArrayList<>(gs.size());
          for (Gen<?> g : gs) {
            values.add(g.generate(in));
          }
          return values;
        };
    AsString<List<@Nullable Object>> show = values -> show(gs, values);
    int examples = budget();
    long s = seed();
    QuickTheory.qt(() -> strategy(s, examples))
        .forAll(tuple.describedAs(show))
        .checkAssert(
            values -> {
              try {
                body.accept(values);
              } catch (RuntimeException | Error e) {
                throw e;
              } catch (Exception e) {
                throw new BodyFailure(e);
              }
            });
  }

  private static Strategy strategy(long seed, int examples) {
    long shrinks = Math.min(Integer.MAX_VALUE, (long) examples * SHRINKS_PER_TRY);
    return new Strategy(
        Configuration.defaultPRNG(seed),
        examples,
        -1,
        (int) shrinks,
        GENERATE_ATTEMPTS,
        new FailureReporter(seed, examples),
        prng -> new NoGuidance());
  }

  @SuppressWarnings("unchecked") // each value came from the generator at its index
  private static String show(List<Gen<?>> gens, List<@Nullable Object> values) {
    List<String> parts = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      parts.add(show(((Gen<Object>) gens.get(i)).engine()::asString, values.get(i)));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String show(Function<Object, String> generatorShow, @Nullable Object value) {
    if (value instanceof Object[] objects) {
      return Arrays.deepToString(objects);
    }
    if (value instanceof long[] longs) {
      return Arrays.toString(longs);
    }
    if (value instanceof int[] ints) {
      return Arrays.toString(ints);
    }
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    if (value instanceof double[] doubles) {
      return Arrays.toString(doubles);
    }
    return value == null ? "null" : generatorShow.apply(value);
  }

  /** Turns the engine's findings into one AssertionError that names the replay switch. */
  private static final class FailureReporter implements Reporter {
    private final long seed;
    private final int tries;

    FailureReporter(long seed, int tries) {
      this.seed = seed;
      this.tries = tries;
    }

    @Override
    public void falisification(
        long engineSeed,
        int count,
        Object smallest,
        Throwable cause,
        List<Object> examples,
        AsString<Object> toString) {
      Throwable inner = cause.getCause();
      Throwable reported = cause instanceof BodyFailure && inner != null ? inner : cause;
      throw failure(count, toString.asString(smallest), reported.toString(), reported);
    }

    @Override
    public void falisification(
        long engineSeed, int count, Object smallest, List<Object> examples, AsString<Object> toString) {
      throw failure(count, toString.asString(smallest), "the property returned false", null);
    }

    @Override
    public void valuesExhausted(int completed) {
      throw new AssertionError(
          "Gave up after "
              + completed
              + " tries: the generators' filters rejected too many values"
              + replay());
    }

    private AssertionError failure(
        int count, String smallest, String cause, @Nullable Throwable throwable) {
      String message =
          "Property falsified after "
              + count
              + " of "
              + tries
              + " tries\nSmallest counterexample: "
              + smallest
              + "\nCause: "
              + cause
              + replay();
      return new AssertionError(message, throwable);
    }

    private String replay() {
      return "\nSeed was " + seed + "; replay with -Dpbt.seed=" + seed;
    }
  }
}
