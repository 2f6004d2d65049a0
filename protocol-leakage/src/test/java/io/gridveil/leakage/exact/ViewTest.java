// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewTest {
  record Msg(String type, long value) {}

  record Raw(byte[] body) {}

  record Wrapper(Raw raw) {}

  record Left(Right right, long v) {}

  record Right(Left left) {}

  @Test
  void builder_convertsArraysToValues() {
    View a = View.builder().add(1L).addBytes(new byte[] {0x0a, (byte) 0xff}).addLongs(new long[] {3, 4})
        .add(new Msg("c", 5)).build();
    View b = View.of(1L, "0aff", List.of(3L, 4L), new Msg("c", 5));
    assertEquals(b, a);
    assertEquals(b.hashCode(), a.hashCode());
    assertEquals(4, a.size());
    // Mutually recursive records without arrays are values.
    assertEquals(View.of(new Left(null, 1)), View.of(new Left(null, 1)));
  }

  @Test
  void union_concatenatesInMemberOrder() {
    View a = View.of(1L);
    View b = View.of(BigInteger.TWO, "x");
    assertEquals(View.of(1L, BigInteger.TWO, "x"), View.union(a, b));
    assertNotEquals(View.union(a, b), View.union(b, a));
    assertEquals(View.union(a, b), View.builder().addAll(a).addAll(b).build());
  }

  @Test
  void elements_areCopied() {
    List<Object> list = new ArrayList<>(List.of(1L));
    View v = new View(list);
    list.add(2L);
    assertEquals(1, v.size());
  }

  @Test
  void arrayOrNullElement_isRefused() {
    assertRefused("LEAK-P-03", () -> View.of(new byte[] {1}));
    assertRefused("LEAK-P-03", () -> View.of((Object) null));
    assertRefused("LEAK-P-03", () -> new View(List.of(List.of(new long[] {1}))));
    assertRefused("LEAK-P-03", () -> new View(List.of(Arrays.asList(1L, null))));
    assertRefused("LEAK-P-03", () -> View.builder().add(new int[] {1}));
    assertRefused("LEAK-P-03", () -> View.of(new Raw(new byte[] {1})));
    assertRefused("LEAK-P-03", () -> View.of(new Wrapper(new Raw(new byte[] {1}))));
    assertRefused("LEAK-P-03", () -> View.of(List.of(new Raw(new byte[] {1}))));
  }
}
