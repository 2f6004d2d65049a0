// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import io.gridveil.core.runtime.TimerId;
import java.util.Objects;

/**
 * A party's request to arm or disarm one of its timers (spec/runtime.md §4.3 item 3). The party
 * names no time: the handle turns an {@link Arm} into a due time with its {@code Timing}.
 */
public sealed interface TimerRequest {
  /**
   * The timer concerned.
   *
   * @return the timer
   */
  TimerId timer();

  /**
   * Arms a timer, or re-arms it with a new due time if it is armed.
   *
   * @param timer the timer
   */
  record Arm(TimerId timer) implements TimerRequest {
    /**
     * Validates the timer.
     *
     * @param timer the timer
     */
    public Arm {
      Objects.requireNonNull(timer, "timer");
    }
  }

  /**
   * Disarms a timer; disarming a timer that is not armed does nothing.
   *
   * @param timer the timer
   */
  record Disarm(TimerId timer) implements TimerRequest {
    /**
     * Validates the timer.
     *
     * @param timer the timer
     */
    public Disarm {
      Objects.requireNonNull(timer, "timer");
    }
  }
}
