// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExactViewCheckerTest {
  private static final long M = 8;

  /** One-time pad over Z_8: the eavesdropper sees c = m + k mod 8 for a uniform k. */
  private static final ViewFunction<Long> OTP =
      (m, tape) -> View.of((m + tape.uniformLong(M)) % M);

  /** Key reused over two rounds: the eavesdropper sees both ciphertexts, leaking m1 - m2. */
  private static final ViewFunction<long[]> REUSED_KEY =
      (m, tape) -> {
        long k = tape.uniformLong(M);
        return View.of((m[0] + k) % M, (m[1] + k) % M);
      };

  /** Two meters with keys summing to 0 mod 8; the supplier sees both ciphertexts. */
  private static final ViewFunction<long[]> ZERO_SUM_PAIR =
      (e, tape) -> {
        long k1 = tape.uniformLong(M);
        long k2 = (M - k1) % M;
        return View.of((e[0] + k1) % M, (e[1] + k2) % M);
      };

  @Test
  void oneTimePad_twoMessages_isIndistinguishableOverEightTapes() {
    long executions = ExactViewChecker.assertIndistinguishable(OTP, 3L, 5L);
    assertEquals(16, executions);
    ViewDistribution d = ExactViewChecker.distribution(OTP, 3L);
    assertEquals(8, d.executions());
    assertEquals(8, d.supportSize());
    assertEquals("ViewDistribution[views=8, executions=8]", d.toString());
    for (long c = 0; c < M; c++) {
      assertEquals(1, d.count(View.of(c)), "ciphertext " + c);
    }
  }

  @Test
  void oneTimePad_assertDistinguishable_fails() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> ExactViewChecker.assertDistinguishable(OTP, 0L, 7L));
    assertTrue(e.getMessage().contains("executions A=8, B=8"), e.getMessage());
  }

  @Test
  void reusedKey_messagesWithDifferentDifference_isDistinguishable() {
    long executions =
        ExactViewChecker.assertDistinguishable(REUSED_KEY, new long[] {1, 1}, new long[] {1, 2});
    assertEquals(16, executions);
  }

  @Test
  void reusedKey_assertIndistinguishable_failsNamingAView() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                ExactViewChecker.assertIndistinguishable(
                    REUSED_KEY, new long[] {0, 0}, new long[] {0, 1}));
    // Under A the first view (k = 0) is [0, 0], which never occurs under B.
    assertTrue(e.getMessage().contains("executions A=8, B=8"), e.getMessage());
    assertTrue(e.getMessage().contains("view [0, 0] has count 1/8 under A and 0/8 under B"),
        e.getMessage());
  }

  @Test
  void shortKey_sameMessageSpaceDifferentSupports_isDistinguishable() {
    ViewFunction<Long> shortKey = (m, tape) -> View.of((m + tape.uniformLong(4)) % M);
    ExactViewChecker.assertDistinguishable(shortKey, 0L, 4L);
    ExactViewChecker.assertIndistinguishable(shortKey, 0L, 0L);
  }

  @Test
  void zeroSumPair_inputsWithEqualSum_areIndistinguishable() {
    ExactViewChecker.assertIndistinguishable(ZERO_SUM_PAIR, new long[] {1, 4}, new long[] {2, 3});
    ExactViewChecker.assertDistinguishable(ZERO_SUM_PAIR, new long[] {1, 4}, new long[] {2, 4});
  }

  @Test
  void fixedDraws_everyTapeEnumeratedOnceInOdometerOrder() {
    ViewFunction<Void> f =
        (in, tape) ->
            View.of(tape.uniformLong(3), tape.uniformBits(1), tape.uniform(BigInteger.valueOf(4)));
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(24, d.executions());
    assertEquals(24, d.supportSize());
    assertEquals(24, d.total());
    // Depth-first odometer: the last draw varies fastest.
    List<View> order = List.copyOf(d.counts().keySet());
    assertEquals(View.of(0L, 0L, BigInteger.ZERO), order.get(0));
    assertEquals(View.of(0L, 0L, BigInteger.ONE), order.get(1));
    assertEquals(View.of(0L, 1L, BigInteger.ZERO), order.get(4));
    assertEquals(View.of(2L, 1L, BigInteger.valueOf(3)), order.get(23));
    for (long c : d.counts().values()) {
      assertEquals(1, c);
    }
  }

  @Test
  void boundOne_isNotADraw() {
    ViewFunction<Void> f = (in, tape) -> View.of(tape.uniformLong(1), tape.uniformLong(2));
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(2, d.executions());
  }

  @Test
  void branchingTape_weightsExecutionsByTheirBounds() {
    // b ~ U{0,1}; if b = 0 the view is [0], otherwise x ~ U{0..3} and the view is [1 + x].
    // By hand: P([0]) = 1/2 = 4/8, P([1 + x]) = 1/8 each; 5 executions; denominator lcm(2, 8).
    ViewFunction<Void> f =
        (in, tape) -> tape.uniformLong(2) == 0 ? View.of(0L) : View.of(1 + tape.uniformLong(4));
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(5, d.executions());
    assertEquals(8, d.total());
    assertEquals(
        Map.of(View.of(0L), 4L, View.of(1L), 1L, View.of(2L), 1L, View.of(3L), 1L, View.of(4L), 1L),
        d.counts());
  }

  @Test
  void dataDependentBound_isEnumeratedExactly() {
    // x ~ U{0,1,2}; y ~ U{0..x}: P(x, y) = 1/(3 (x + 1)); denominator lcm(3, 6, 9) = 18.
    ViewFunction<Void> f =
        (in, tape) -> {
          long x = tape.uniformLong(3);
          return View.of(x, tape.uniformLong(x + 1));
        };
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(6, d.executions());
    assertEquals(18, d.total());
    assertEquals(6, d.count(View.of(0L, 0L)));
    assertEquals(3, d.count(View.of(1L, 1L)));
    assertEquals(2, d.count(View.of(2L, 2L)));
  }

  @Test
  void sameDistribution_differentDenominators_comparedByCrossMultiplication() {
    ViewDistribution a = new ViewDistribution(Map.of(View.of(0L), 1L, View.of(1L), 1L), 2);
    ViewDistribution b = new ViewDistribution(Map.of(View.of(0L), 2L, View.of(1L), 2L), 3);
    ViewDistribution c = new ViewDistribution(Map.of(View.of(0L), 3L, View.of(1L), 1L), 4);
    assertTrue(a.sameDistributionAs(b));
    assertFalse(a.sameDistributionAs(c));
    assertTrue(a.firstDifference(c).isPresent());
    assertTrue(a.firstDifference(b).isEmpty());
    ViewDistribution onlyOne = new ViewDistribution(Map.of(View.of(0L), 1L), 1);
    assertEquals(View.of(0L), onlyOne.firstDifference(a).orElseThrow());
    assertTrue(a.firstDifference(onlyOne).isPresent());
  }

  @Test
  void nonEnumeratedStream_isTheFixedStreamInEveryExecution() {
    // SHA-256("gridveil-v1 leakage fixed-stream" || u64be(0))[0..8], computed with Python hashlib.
    long expected = 0x04752723c2ef7043L;
    ViewFunction<Void> f = (in, tape) -> View.of(tape.nextLong(), tape.uniformLong(2));
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(2, d.executions());
    assertEquals(Map.of(View.of(expected, 0L), 1L, View.of(expected, 1L), 1L), d.counts());
  }

  @Test
  void nonEnumeratedStream_pastTheFirstChunk_continuesTheCounterBlocks() {
    TapeRandomSource tape = new TapeRandomSource();
    byte[] head = new byte[4096];
    tape.nextBytes(head);
    // Block 128 (bytes 4096..4127) by Python hashlib: 0db941e3128908b4...
    assertEquals(0x0db941e3128908b4L, tape.nextLong());
    assertEquals(0x04, head[0]);
    assertEquals((byte) 0x48, head[32]);
  }

  @Test
  void checkedExceptionOfTheViewFunction_isWrapped() {
    Exception cause = new java.io.IOException("boom");
    ViewFunction<Void> f =
        (in, tape) -> {
          throw cause;
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ExactViewChecker.distribution(f, null));
    assertEquals(cause, e.getCause());
  }

  @Test
  void drawAboveTwoToTheSixteen_isRefused() {
    ViewFunction<Void> big = (in, tape) -> View.of(tape.uniformLong((1L << 16) + 1));
    EnumerationException e =
        assertThrows(EnumerationException.class, () -> ExactViewChecker.distribution(big, null));
    assertEquals("LEAK-P-01", e.checkId().value());
    TapeRandomSource tape = new TapeRandomSource();
    assertEquals("LEAK-P-01",
        assertThrows(EnumerationException.class, () -> tape.uniformBits(17)).checkId().value());
    assertEquals(
        "LEAK-P-01",
        assertThrows(
                EnumerationException.class,
                () -> tape.uniform(BigInteger.ONE.shiftLeft(16).add(BigInteger.ONE)))
            .checkId()
            .value());
    assertEquals(
        "LEAK-P-01",
        assertThrows(EnumerationException.class, () -> tape.uniform(BigInteger.ONE.shiftLeft(40)))
            .checkId()
            .value());
  }

  @Test
  void drawOfExactlyTwoToTheSixteen_isEnumerated() {
    ViewFunction<Void> f = (in, tape) -> View.of(tape.uniformBits(16) >>> 15);
    ViewDistribution d = ExactViewChecker.distribution(f, null);
    assertEquals(1L << 16, d.executions());
    assertEquals(Map.of(View.of(0L), 1L << 15, View.of(1L), 1L << 15), d.counts());
  }

  @Test
  void moreExecutionsThanTheCap_isRefused() {
    EnumerationException e =
        assertThrows(EnumerationException.class, () -> ExactViewChecker.distribution(OTP, 0L, 7));
    assertEquals("LEAK-P-02", e.checkId().value());
    assertEquals(8, ExactViewChecker.distribution(OTP, 0L, 8).executions());
    assertEquals(16, ExactViewChecker.assertIndistinguishable(OTP, 0L, 1L, 8));
    assertEquals(
        "LEAK-P-02",
        assertThrows(
                EnumerationException.class,
                () -> ExactViewChecker.assertDistinguishable(REUSED_KEY, new long[2], new long[2], 7))
            .checkId()
            .value());
  }

  @Test
  void capBelowOne_isRefused() {
    assertRefused("LEAK-P-04", () -> ExactViewChecker.distribution(OTP, 0L, 0));
  }

  @Test
  void nondeterministicViewFunction_isDetected() {
    AtomicInteger calls = new AtomicInteger();
    ViewFunction<Void> f =
        (in, tape) -> View.of(tape.uniformLong(2), tape.uniformLong(2 + calls.getAndIncrement()));
    EnumerationException e =
        assertThrows(EnumerationException.class, () -> ExactViewChecker.distribution(f, null));
    assertEquals("LEAK-S-01", e.checkId().value());
    AtomicInteger calls2 = new AtomicInteger();
    ViewFunction<Void> fewer =
        (in, tape) -> {
          if (calls2.getAndIncrement() == 0) {
            return View.of(tape.uniformLong(2), tape.uniformLong(2));
          }
          return View.of(0L);
        };
    EnumerationException e2 =
        assertThrows(EnumerationException.class, () -> ExactViewChecker.distribution(fewer, null));
    assertEquals("LEAK-S-01", e2.checkId().value());
  }

  @Test
  void invalidBounds_areIllegalArguments() {
    TapeRandomSource tape = new TapeRandomSource();
    assertThrows(IllegalArgumentException.class, () -> tape.uniformLong(0));
    assertThrows(IllegalArgumentException.class, () -> tape.uniformBits(0));
    assertThrows(IllegalArgumentException.class, () -> tape.uniformBits(65));
    assertThrows(IllegalArgumentException.class, () -> tape.uniform(BigInteger.ZERO));
  }
}
