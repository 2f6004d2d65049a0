// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ExactViewCheckerProperties {
  @Property
  boolean oneTimePad_anyTwoMessagesAnyPowerOfTwoModulus_indistinguishable(
      @ForAll @IntRange(min = 1, max = 4) int bits,
      @ForAll @IntRange(min = 0, max = 15) int a,
      @ForAll @IntRange(min = 0, max = 15) int b) {
    long m = 1L << bits;
    ViewFunction<Long> otp = (x, tape) -> View.of((x + tape.uniformBits(bits)) % m);
    return ExactViewChecker.assertIndistinguishable(otp, a % m, b % m) == 2 * m;
  }

  @Property
  void fixedBounds_executionsAndTotalAreTheProductOfBounds(
      @ForAll @Size(min = 0, max = 4) List<@IntRange(min = 1, max = 5) Integer> bounds) {
    ViewFunction<List<Integer>> f =
        (bs, tape) -> {
          View.Builder v = View.builder();
          for (int bound : bs) {
            v.add(tape.uniformLong(bound));
          }
          return v.build();
        };
    long product = 1;
    for (int bound : bounds) {
      product *= bound;
    }
    ViewDistribution d = ExactViewChecker.distribution(f, bounds);
    assertEquals(product, d.executions());
    assertEquals(product, d.total());
    assertEquals(product, d.supportSize());
  }
}
