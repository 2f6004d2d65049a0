// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static io.gridveil.testkit.CheckAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.Epoch;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.Round;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/runtime.md §4.1 to §4.3, §5.1 item 3, §5.5 item 2 and §5.6 item 2: the time values. */
class TimeValuesTest {
  @Test
  void logicalTime_outsideZeroTo2Pow62_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> LogicalTime.ofMillis(-1));
    assertThrows(IllegalArgumentException.class, () -> LogicalTime.ofMillis(1L << 62));
    assertEquals((1L << 62) - 1, LogicalTime.ofMillis((1L << 62) - 1).millis());
    assertThrows(
        IllegalArgumentException.class, () -> LogicalTime.ofMillis((1L << 62) - 1).plusMillis(1));
    assertThrows(IllegalArgumentException.class, () -> LogicalTime.ZERO.plusMillis(-1));
  }

  @Test
  void logicalTime_plusDuration_addsWholeMillisecondsOnly() {
    assertEquals(1_500, LogicalTime.ofMillis(500).plus(Duration.ofSeconds(1)).millis());
    assertThrows(
        IllegalArgumentException.class, () -> LogicalTime.ZERO.plus(Duration.ofNanos(1_500_000)));
    assertThrows(IllegalArgumentException.class, () -> LogicalTime.ZERO.plus(Duration.ofDays(-1)));
    assertTrue(LogicalTime.ofMillis(3).compareTo(LogicalTime.ofMillis(4)) < 0);
    assertEquals(LogicalTime.ofMillis(9), LogicalTime.ofMillis(9).max(LogicalTime.ofMillis(2)));
  }

  @Test
  void timing_defaults_areThoseOfTheSpec() {
    Timing t = Timing.defaults();
    assertEquals(Duration.ofSeconds(30), t.durationOf("DISCOVERY"));
    assertEquals(Duration.ofSeconds(60), t.durationOf("REGISTRATION_DEADLINE"));
    assertEquals(Duration.ofMinutes(5), t.durationOf("ROUND_DEADLINE"));
    assertEquals(Duration.ofMinutes(45), t.durationOf("LC_TIMEOUT"));
    assertThrows(IllegalArgumentException.class, () -> t.durationOf("NO_SUCH_KIND"));
    assertEquals(
        Duration.ofMillis(7), Timing.builder().roundDeadline(Duration.ofMillis(7)).build()
            .roundDeadline());
  }

  @Test
  void timing_zeroNegativeFractionalOrHugeDuration_isRtP01() {
    assertRefused("RT-P-01", () -> Timing.builder().roundDeadline(Duration.ZERO).build());
    assertRefused("RT-P-01", () -> Timing.builder().lcTimeout(Duration.ofMillis(-5)).build());
    assertRefused(
        "RT-P-01", () -> Timing.builder().discoveryInterval(Duration.ofNanos(1_000_001)).build());
    assertRefused(
        "RT-P-01",
        () -> Timing.builder().registrationWindow(Duration.ofMillis(1L << 40)).build());
    assertEquals(
        (1L << 40) - 1,
        Timing.builder().registrationWindow(Duration.ofMillis((1L << 40) - 1)).build()
            .registrationWindow().toMillis());
  }

  @Test
  void roundSchedule_badPeriodOrOrigin_isRtP02() {
    assertRefused("RT-P-02", () -> new RoundSchedule(0, 0));
    assertRefused("RT-P-02", () -> new RoundSchedule(-1, 10));
    assertRefused("RT-P-02", () -> new RoundSchedule(1L << 62, 10));
    assertRefused("RT-P-02", () -> RoundSchedule.of(LogicalTime.ZERO, Duration.ofNanos(10)));
  }

  @Test
  void roundSchedule_roundAt_isFloorOfElapsedOverPeriod_zeroBeforeOrigin() {
    RoundSchedule s = new RoundSchedule(1_000, 900_000);
    assertEquals(new Round(0), s.roundAt(LogicalTime.ofMillis(0)));
    assertEquals(new Round(0), s.roundAt(LogicalTime.ofMillis(900_999)));
    assertEquals(new Round(1), s.roundAt(LogicalTime.ofMillis(901_000)));
    assertEquals(new Round(4), s.roundAt(LogicalTime.ofMillis(1_000 + 4 * 900_000 + 17)));
    assertEquals(LogicalTime.ofMillis(1_000 + 2 * 900_000), s.startOf(new Round(2)));
    assertEquals(900_000, RoundSchedule.defaults().periodMillis());
  }

  @Test
  void timerIds_orderByKindThenArgument_armedTimersByDueFirst() {
    List<ArmedTimer> ts = new ArrayList<>(List.of(
        new ArmedTimer(new TimerId("ROUND_DEADLINE", 1), LogicalTime.ofMillis(5)),
        new ArmedTimer(new TimerId("DISCOVERY", 0), LogicalTime.ofMillis(5)),
        new ArmedTimer(new TimerId("DISCOVERY", 9), LogicalTime.ofMillis(1)),
        new ArmedTimer(new TimerId("DISCOVERY", 2), LogicalTime.ofMillis(5))));
    ts.sort(null);
    assertEquals("[DISCOVERY(9), DISCOVERY(0), DISCOVERY(2), ROUND_DEADLINE(1)]",
        ts.stream().map(ArmedTimer::id).toList().toString());
    assertThrows(IllegalArgumentException.class, () -> new TimerId("round", 1));
    assertThrows(IllegalArgumentException.class, () -> new TimerId("ROUND_DEADLINE", -1));
    assertEquals(new TimerId("ROUND_DEADLINE", 12), TimerId.roundDeadline(new Round(12)));
  }

  @Test
  void epoch_rangeNextAndOrder() {
    assertEquals(Epoch.of(8), Epoch.of(7).next());
    assertTrue(Epoch.of(7).compareTo(Epoch.of(8)) < 0);
    assertThrows(IllegalArgumentException.class, () -> Epoch.of(-1));
    assertThrows(IllegalArgumentException.class, () -> Epoch.of(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Epoch.of(Long.MAX_VALUE - 1).next());
  }

  @Test
  void exceptionIsBug_wrapsCheckedExceptions_passesValues() {
    assertEquals("x", ProtocolBugException.exceptionIsBug("constant", () -> "x"));
    ProtocolBugException e = assertThrows(ProtocolBugException.class,
        () -> ProtocolBugException.exceptionIsBug("digest", () -> {
          throw new NoSuchAlgorithmException("none");
        }));
    assertTrue(e.getCause() instanceof NoSuchAlgorithmException);
  }
}
