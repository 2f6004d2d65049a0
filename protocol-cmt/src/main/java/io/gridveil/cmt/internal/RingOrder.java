// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt.internal;

import io.gridveil.core.Token;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The LC's random ring order (spec/cmt.md §3.4 step 4). */
public final class RingOrder {
  private RingOrder() {}

  /**
   * Returns the members in a uniformly random order: the members sorted by token, then a
   * Fisher-Yates shuffle drawing {@code uniformLong(i + 1)} for i = n - 1 down to 1.
   *
   * @param members the registered tokens
   * @param random the injected random source
   * @return the ring order, T_1 .. T_n
   */
  public static List<Token> shuffle(Collection<Token> members, RandomSource random) {
    List<Token> ring = new ArrayList<>(members);
    ring.sort(Comparator.naturalOrder());
    for (int i = ring.size() - 1; i > 0; i--) {
      int k = (int) random.uniformLong(i + 1L);
      Token t = ring.get(i);
      ring.set(i, ring.get(k));
      ring.set(k, t);
    }
    return List.copyOf(ring);
  }

  /**
   * Returns the token before {@code self} in the ring.
   *
   * @param ring the ring order
   * @param index the position of the meter
   * @return T_(i-1)
   */
  public static Token predecessor(List<Token> ring, int index) {
    return ring.get((index + ring.size() - 1) % ring.size());
  }

  /**
   * Returns the token after {@code self} in the ring.
   *
   * @param ring the ring order
   * @param index the position of the meter
   * @return T_(i+1)
   */
  public static Token successor(List<Token> ring, int index) {
    return ring.get((index + 1) % ring.size());
  }
}
