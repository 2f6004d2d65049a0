// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The seam itself: a planted decoder bug is found, shrunk to its known minimal counterexample,
 * and the printed seed replays it exactly; budgets and switches behave as documented.
 */
class PbtTest {
  private static final Pattern SEED = Pattern.compile("-Dpbt\\.seed=(-?\\d+)");

  /**
   * A toy length-prefixed frame: a signed length byte, then exactly that many bytes. The planted
   * bug: a frame shorter than its length escapes as ArrayIndexOutOfBoundsException instead of
   * IllegalArgumentException. The smallest frame that shows it is the single byte 1.
   */
  private static byte[] buggyDecode(byte[] frame) {
    if (frame.length == 0 || frame[0] < 0) {
      throw new IllegalArgumentException("no length");
    }
    int length = frame[0];
    if (frame.length > 1 + length) {
      throw new IllegalArgumentException("trailing bytes");
    }
    byte[] out = new byte[length];
    System.arraycopy(frame, 1, out, 0, length); // planted bug: no check for a short frame
    return out;
  }

  private static AssertionError decoderFailure(Pbt p) {
    return assertThrows(
        AssertionError.class,
        () ->
            p.forAll(Gens.bytes(0, 16))
                .check(
                    frame -> {
                      try {
                        buggyDecode(frame);
                      } catch (IllegalArgumentException malformed) {
                        // the documented refusal
                      }
                    }));
  }

  private static String smallest(AssertionError e) {
    String m = String.valueOf(e.getMessage());
    int from = m.indexOf("Smallest counterexample: ");
    return m.substring(from, m.indexOf('\n', from));
  }

  @Test
  void plantedDecoderBug_isFound_andShrunkToTheSingleByteOne() {
    for (long seed : new long[] {1, 42, -7, 20_261_205, Long.MAX_VALUE}) {
      AssertionError e = decoderFailure(Pbt.property().withSeed(seed));
      assertEquals("Smallest counterexample: {[1]}", smallest(e), "seed " + seed);
      assertTrue(e.getCause() instanceof ArrayIndexOutOfBoundsException, String.valueOf(e.getCause()));
      assertTrue(String.valueOf(e.getMessage()).contains("-Dpbt.seed=" + seed), e.getMessage());
    }
  }

  @Test
  void printedSeed_replaysTheSameRunAndCounterexample() {
    AssertionError first = decoderFailure(Pbt.property());
    Matcher m = SEED.matcher(String.valueOf(first.getMessage()));
    assertTrue(m.find(), first.getMessage());
    AssertionError replay = decoderFailure(Pbt.property().withSeed(Long.parseLong(m.group(1))));
    assertEquals(first.getMessage(), replay.getMessage());
  }

  @Test
  void plantedSequenceBug_shrinksToTheTwoNeededSteps() {
    // Fails once an "open" is followed by a "close": every other step shrinks to skipped.
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Pbt.property()
                    .withSeed(5)
                    .forAll(Gens.sequences(Gens.of("noop", "open", "close", "tick"), 20))
                    .check(
                        steps -> {
                          int open = steps.indexOf("open");
                          assertTrue(open < 0 || !steps.subList(open, steps.size()).contains("close"));
                        }));
    assertEquals("Smallest counterexample: {[open, close]}", smallest(e));
  }

  @Test
  void passingProperty_runsItsBudget_lessOnlyRepeatedDraws() {
    Pbt p = Pbt.property(50);
    AtomicInteger runs = new AtomicInteger();
    p.forAll(Gens.longs(), Gens.longs()).check((a, b) -> runs.incrementAndGet());
    // the engine skips a draw it already ran: here only its forced min/max/target samples can
    assertTrue(runs.get() <= p.budget() && runs.get() >= p.budget() - 3, runs + " of " + p.budget());
  }

  @Test
  void checkedExceptionInTheBody_failsTheProperty_withItAsCause() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Pbt.property(10)
                    .withSeed(3)
                    .forAll(Gens.integers(0, 9))
                    .check(
                        i -> {
                          if (i > 4) {
                            throw new java.io.IOException("planted " + i);
                          }
                        }));
    assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
    assertEquals("Smallest counterexample: {5}", smallest(e));
  }

  @Test
  void budget_defaultTriesScaleAndEmptySwitches() {
    assertEquals(200, Pbt.budget(OptionalInt.empty(), null, null));
    assertEquals(200, Pbt.budget(OptionalInt.empty(), "", " "), "surefire's unset is empty");
    assertEquals(1000, Pbt.budget(OptionalInt.empty(), "1000", ""));
    assertEquals(10_000, Pbt.budget(OptionalInt.empty(), "", "50"));
    assertEquals(20, Pbt.budget(OptionalInt.of(20), "1000", ""), "pbt.tries keeps own budgets");
    assertEquals(1000, Pbt.budget(OptionalInt.of(20), "", "50"), "pbt.scale scales them");
    assertThrows(IllegalArgumentException.class, () -> Pbt.budget(OptionalInt.empty(), "x", ""));
    assertThrows(IllegalArgumentException.class, () -> Pbt.budget(OptionalInt.empty(), "", "0"));
    assertThrows(IllegalArgumentException.class, () -> Pbt.property(0));
  }

  @Test
  void generators_reachTheirEdges_andStatsCountThem() {
    Pbt.property(400)
        .forAll(Gens.integers(2, 64), Gens.lists(Gens.integers(0, 9), 0, 30), Gens.doubles(-1, 1))
        .check(
            (n, list, d) -> {
              assertTrue(n >= 2 && n <= 64 && list.size() <= 30 && d >= -1 && d <= 1);
              Stats.collect("n", n == 2 ? "min" : n == 64 ? "max" : "inside");
              Stats.collect("size", list.isEmpty() ? "empty" : list.size() == 30 ? "full" : "some");
              Stats.collect("d", d == -1 ? "min" : d == 1 ? "max" : "inside");
            });
    for (String label : List.of("n", "size", "d")) {
      Map<String, Long> c = Stats.report(label);
      List<String> missing = new ArrayList<>();
      for (String k : label.equals("size") ? List.of("empty", "full", "some") : List.of("min", "max", "inside")) {
        if (c.getOrDefault(k, 0L) == 0) {
          missing.add(k);
        }
      }
      assertTrue(missing.isEmpty(), label + " never reached " + missing + ": " + c);
    }
    assertTrue(Stats.counts("n").isEmpty(), "report forgets");
  }
}
