// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.quicktheories.core.RandomnessSource;

/**
 * A generator of values of type {@code T} that shrinks: the seam's own type, so that no test
 * names the engine's. Build one with {@link Gens}; run it with {@link Pbt}.
 *
 * @param <T> the type of the generated values
 */
public final class Gen<T> {
  private final org.quicktheories.core.Gen<T> engine;

  Gen(org.quicktheories.core.Gen<T> engine) {
    this.engine = engine;
  }

  /** The engine's generator; only the seam sees it. */
  org.quicktheories.core.Gen<T> engine() {
    return engine;
  }

  /** Draws one value from {@code in}, for generators built on this one inside the seam. */
  T generate(RandomnessSource in) {
    return engine.generate(in);
  }

  /**
   * Maps each value; the result shrinks as this generator does.
   *
   * @param <R> the mapped type
   * @param f the mapping
   * @return the mapped generator
   */
  public <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return new Gen<R>(in -> f.apply(engine.generate(in)));
  }

  /**
   * Draws a value, then a value of the generator it selects. Shrinks well only if every selected
   * generator draws the same number of values (see the package overview).
   *
   * @param <R> the type of the selected generators
   * @param f selects the next generator from the first value
   * @return the dependent generator
   */
  public <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return new Gen<R>(in -> f.apply(engine.generate(in)).generate(in));
  }

  /**
   * Keeps only the values that satisfy {@code p}, drawing again otherwise; a filter that rejects
   * most values makes the property give up (and fail).
   *
   * @param p the condition the values must meet
   * @return the filtered generator
   */
  public Gen<T> filter(Predicate<? super T> p) {
    return new Gen<T>(engine.assuming(p::test));
  }

  /**
   * Combines this generator's value with another's.
   *
   * @param <B> the other type
   * @param <R> the combined type
   * @param other the other generator
   * @param f combines the two values
   * @return the combined generator
   */
  public <B, R> Gen<R> zip(Gen<B> other, BiFunction<? super T, ? super B, ? extends R> f) {
    return new Gen<R>(in -> f.apply(engine.generate(in), other.generate(in)));
  }

  /**
   * Shows each value in failure reports as {@code show} renders it.
   *
   * @param show the rendering
   * @return the same generator with that rendering
   */
  public Gen<T> describedAs(Function<? super T, String> show) {
    return new Gen<T>(engine.describedAs(show::apply));
  }
}
