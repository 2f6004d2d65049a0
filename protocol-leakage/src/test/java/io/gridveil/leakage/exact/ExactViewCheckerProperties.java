// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactViewCheckerProperties {
  @Test
  void oneTimePad_anyTwoMessagesAnyPowerOfTwoModulus_indistinguishable() {
    Pbt.property()
        .forAll(Gens.integers(1, 4), Gens.integers(0, 15), Gens.integers(0, 15))
        .check((bits, a, b) -> {
          long m = 1L << bits;
          ViewFunction<Long> otp = (x, tape) -> View.of((x + tape.uniformBits(bits)) % m);
          assertEquals(2 * m, ExactViewChecker.assertIndistinguishable(otp, a % m, b % m));
        });
  }

  @Test
  void fixedBounds_executionsAndTotalAreTheProductOfBounds() {
    Pbt.property()
        .forAll(Gens.lists(Gens.integers(1, 5), 0, 4))
        .check(ExactViewCheckerProperties::executionsAndTotalAreTheProduct);
  }

  private static void executionsAndTotalAreTheProduct(List<Integer> bounds) {
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
