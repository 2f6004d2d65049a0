// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.IllegalParameterException;
import java.time.Duration;
import java.util.Objects;

/**
 * The durations of the timer kinds of spec/runtime.md §4.5 (spec/runtime.md §5.1 item 3), built
 * with named setters; every duration is positive, whole milliseconds and below 2^40 ms (RT-P-01).
 *
 * @param discoveryInterval the CMT meter's DISCOVERY interval
 * @param registrationWindow the CMT local concentrator's REGISTRATION_DEADLINE window
 * @param roundDeadline every role's ROUND_DEADLINE
 * @param lcTimeout the CMT meter's LC_TIMEOUT
 */
public record Timing(
    Duration discoveryInterval, Duration registrationWindow, Duration roundDeadline,
    Duration lcTimeout) {
  /** The exclusive bound of a duration, 2^40 ms (about 35 years). */
  public static final long MAX_MILLIS = 1L << 40;

  /**
   * Validates every duration (RT-P-01).
   *
   * @param discoveryInterval the CMT meter's DISCOVERY interval
   * @param registrationWindow the CMT local concentrator's REGISTRATION_DEADLINE window
   * @param roundDeadline every role's ROUND_DEADLINE
   * @param lcTimeout the CMT meter's LC_TIMEOUT
   * @throws IllegalParameterException RT-P-01 naming the first bad duration
   */
  public Timing {
    check("discoveryInterval", discoveryInterval);
    check("registrationWindow", registrationWindow);
    check("roundDeadline", roundDeadline);
    check("lcTimeout", lcTimeout);
  }

  /**
   * Returns the defaults of spec/runtime.md §5.1 item 3: discovery 30 s, registration 60 s,
   * round deadline 5 min, LC timeout 45 min.
   *
   * @return the default timing
   */
  public static Timing defaults() {
    return builder().build();
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the duration configured for a timer kind (spec/runtime.md §4.5).
   *
   * @param kind the timer kind
   * @return its duration
   * @throws IllegalArgumentException if the kind is not one of spec/runtime.md §4.5
   */
  public Duration durationOf(String kind) {
    return switch (kind) {
      case TimerId.DISCOVERY -> discoveryInterval;
      case TimerId.REGISTRATION_DEADLINE -> registrationWindow;
      case TimerId.ROUND_DEADLINE -> roundDeadline;
      case TimerId.LC_TIMEOUT -> lcTimeout;
      default -> throw new IllegalArgumentException("no duration for timer kind " + kind);
    };
  }

  private static void check(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalParameterException(RuntimeChecks.RT_P_01, name + " must be positive");
    }
    if (d.getNano() % 1_000_000 != 0) {
      throw new IllegalParameterException(
          RuntimeChecks.RT_P_01, name + " must be a whole number of milliseconds");
    }
    if (d.getSeconds() > MAX_MILLIS / 1000 || d.toMillis() >= MAX_MILLIS) {
      throw new IllegalParameterException(RuntimeChecks.RT_P_01, name + " must be below 2^40 ms");
    }
  }

  /** Builds a {@link Timing}; every setter is optional (the defaults of §5.1 item 3). */
  public static final class Builder {
    private Duration discoveryInterval = Duration.ofSeconds(30);
    private Duration registrationWindow = Duration.ofSeconds(60);
    private Duration roundDeadline = Duration.ofMinutes(5);
    private Duration lcTimeout = Duration.ofMinutes(45);

    private Builder() {}

    /**
     * Sets the DISCOVERY interval.
     *
     * @param d the duration
     * @return this builder
     */
    public Builder discoveryInterval(Duration d) {
      discoveryInterval = Objects.requireNonNull(d, "discoveryInterval");
      return this;
    }

    /**
     * Sets the REGISTRATION_DEADLINE window.
     *
     * @param d the duration
     * @return this builder
     */
    public Builder registrationWindow(Duration d) {
      registrationWindow = Objects.requireNonNull(d, "registrationWindow");
      return this;
    }

    /**
     * Sets the ROUND_DEADLINE duration.
     *
     * @param d the duration
     * @return this builder
     */
    public Builder roundDeadline(Duration d) {
      roundDeadline = Objects.requireNonNull(d, "roundDeadline");
      return this;
    }

    /**
     * Sets the LC_TIMEOUT duration.
     *
     * @param d the duration
     * @return this builder
     */
    public Builder lcTimeout(Duration d) {
      lcTimeout = Objects.requireNonNull(d, "lcTimeout");
      return this;
    }

    /**
     * Builds the timing.
     *
     * @return the timing
     * @throws IllegalParameterException RT-P-01 if a duration is out of range
     */
    public Timing build() {
      return new Timing(discoveryInterval, registrationWindow, roundDeadline, lcTimeout);
    }
  }
}
