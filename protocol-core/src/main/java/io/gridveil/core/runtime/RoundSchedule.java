// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.Round;
import java.time.Duration;

/**
 * The deployment's mapping from logical time to rounds (spec/runtime.md §4.2): round j covers
 * [origin + j · period, origin + (j + 1) · period).
 *
 * @param originMillis the start of round 0, in [0, 2^62) ms
 * @param periodMillis the length of a round, at least 1 ms
 */
public record RoundSchedule(long originMillis, long periodMillis) {
  /**
   * Validates the schedule (RT-P-02).
   *
   * @param originMillis the start of round 0, in [0, 2^62) ms
   * @param periodMillis the length of a round, at least 1 ms
   * @throws IllegalParameterException RT-P-02 if the period is below 1 ms or the origin out of
   *     range
   */
  public RoundSchedule {
    if (periodMillis < 1) {
      throw new IllegalParameterException(RuntimeChecks.RT_P_02, "period must be at least 1 ms");
    }
    if (originMillis < 0 || originMillis >= LogicalTime.LIMIT) {
      throw new IllegalParameterException(RuntimeChecks.RT_P_02, "origin must be in [0, 2^62) ms");
    }
  }

  /**
   * Returns the default schedule of spec/runtime.md §5.1 item 3: origin 0, period 15 minutes.
   *
   * @return the default schedule
   */
  public static RoundSchedule defaults() {
    return new RoundSchedule(0, Duration.ofMinutes(15).toMillis());
  }

  /**
   * Returns a schedule from an origin and a period of whole milliseconds.
   *
   * @param origin the start of round 0
   * @param period the length of a round
   * @return the schedule
   * @throws IllegalParameterException RT-P-02 if the period is below 1 ms or not whole
   *     milliseconds
   */
  public static RoundSchedule of(LogicalTime origin, Duration period) {
    if (period.isNegative() || period.getNano() % 1_000_000 != 0
        || period.getSeconds() >= LogicalTime.LIMIT / 1000) {
      throw new IllegalParameterException(
          RuntimeChecks.RT_P_02, "period must be whole milliseconds below 2^62");
    }
    return new RoundSchedule(origin.millis(), period.toMillis());
  }

  /**
   * Returns the round that covers a time: floor((now − origin) / period), round 0 before the
   * origin (spec/runtime.md §4.2).
   *
   * @param now the time
   * @return the round
   */
  public Round roundAt(LogicalTime now) {
    long since = now.millis() - originMillis;
    return since <= 0 ? Round.FIRST : new Round(since / periodMillis);
  }

  /**
   * Returns the time round j starts, or the last representable time if it starts beyond it.
   *
   * @param round the round j
   * @return origin + j · period, capped below 2^62
   */
  public LogicalTime startOf(Round round) {
    long j = round.index();
    long room = LogicalTime.LIMIT - 1 - originMillis;
    if (j > room / periodMillis) {
      return new LogicalTime(LogicalTime.LIMIT - 1);
    }
    return new LogicalTime(originMillis + j * periodMillis);
  }
}
