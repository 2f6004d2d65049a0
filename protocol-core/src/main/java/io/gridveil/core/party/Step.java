// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import io.gridveil.core.message.Envelope;
import java.util.List;

/**
 * The result of one {@link Party#step}: the next state, the envelopes to send, the events
 * observed (spec/core.md §8) and the timers the party arms or disarms (spec/runtime.md §4.3). Its {@link #toString()} names the next state's type, never its
 * content, and shows the envelopes redacted (spec/core.md §4.3).
 *
 * @param <S> the party's state type
 * @param next the state after the input
 * @param outbound the envelopes the caller must deliver, in order
 * @param events what the party observed (round outcomes, role changes)
 * @param timers the timers armed and disarmed, in step order
 */
public record Step<S>(
    S next, List<Envelope<?>> outbound, List<ProtocolEvent> events, List<TimerRequest> timers) {
  /**
   * Copies the lists.
   *
   * @param next the state after the input
   * @param outbound the envelopes the caller must deliver, in order
   * @param events what the party observed (round outcomes, role changes)
   * @param timers the timers armed and disarmed, in step order
   * @throws NullPointerException if a component or element is null
   */
  public Step {
    if (next == null) {
      throw new NullPointerException("next");
    }
    outbound = List.copyOf(outbound);
    events = List.copyOf(events);
    timers = List.copyOf(timers);
  }

  /**
   * A step that requests no timers (every party written before spec/runtime.md §4.3).
   *
   * @param next the state after the input
   * @param outbound the envelopes the caller must deliver, in order
   * @param events what the party observed (round outcomes, role changes)
   * @throws NullPointerException if a component or element is null
   */
  public Step(S next, List<Envelope<?>> outbound, List<ProtocolEvent> events) {
    this(next, outbound, events, List.of());
  }

  /**
   * Returns this step with timer requests appended.
   *
   * @param requests the requests, in order after those already listed
   * @return the step
   */
  public Step<S> withTimers(List<TimerRequest> requests) {
    List<TimerRequest> all = new java.util.ArrayList<>(timers);
    all.addAll(requests);
    return new Step<>(next, outbound, events, all);
  }

  /**
   * Returns a step that only changes state.
   *
   * @param <S> the party's state type
   * @param next the next state
   * @return the step
   */
  public static <S> Step<S> of(S next) {
    return new Step<>(next, List.of(), List.of());
  }

  @Override
  public String toString() {
    return "Step[next=" + Envelope.typeName(next) + ", outbound=" + outbound
        + ", events=" + events + ", timers=" + timers + "]";
  }
}
