// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

import io.gridveil.core.message.Address;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An in-memory network for tests and the simulator (spec/core.md §10): it holds payloads in flight
 * on a virtual clock and, under a seeded schedule, drops, duplicates, delays and reorders them.
 *
 * <p>It lives in protocol-core, not protocol-testkit, because the simulator (a main-scope program)
 * drives every party through it and must not depend on test libraries; it performs no I/O and
 * reads no clock, like every party. It is the one mutable, non-thread-safe harness object: the
 * parties it connects stay immutable.
 *
 * @param <P> the payload type
 */
public final class InMemoryNetwork<P> {
  private final FaultPlan plan;
  private final RandomSource schedule;
  private final TreeMap<Long, List<Delivery<P>>> inFlight = new TreeMap<>();
  private long now;
  private long sent;
  private long delivered;
  private long dropped;
  private long duplicated;
  private long delayed;

  /**
   * Creates a network.
   *
   * @param plan the faults to inject
   * @param schedule the random source that decides each fault (seed it for reproducible runs)
   */
  public InMemoryNetwork(FaultPlan plan, RandomSource schedule) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /**
   * Puts a payload in flight; it is due at the next tick, or later if delayed.
   *
   * @param recipient where it goes
   * @param payload what it carries
   */
  public void send(Address recipient, P payload) {
    Delivery<P> d = new Delivery<>(recipient, payload);
    sent++;
    if (plan.drop() > 0 && schedule.nextUnitDouble() < plan.drop()) {
      dropped++;
      return;
    }
    enqueue(d);
    if (plan.duplicate() > 0 && schedule.nextUnitDouble() < plan.duplicate()) {
      duplicated++;
      enqueue(d);
    }
  }

  /**
   * Advances the clock by one tick and returns the payloads due, shuffled if the plan reorders.
   *
   * @return the deliveries of this tick, possibly empty
   */
  public List<Delivery<P>> tick() {
    now++;
    List<Delivery<P>> due = new ArrayList<>();
    Map.Entry<Long, List<Delivery<P>>> first = inFlight.firstEntry();
    while (first != null && first.getKey() <= now) {
      due.addAll(first.getValue());
      inFlight.remove(first.getKey());
      first = inFlight.firstEntry();
    }
    if (plan.reorder()) {
      for (int i = due.size() - 1; i > 0; i--) {
        int k = (int) schedule.uniformLong(i + 1L);
        Delivery<P> t = due.get(i);
        due.set(i, due.get(k));
        due.set(k, t);
      }
    }
    delivered += due.size();
    return due;
  }

  /**
   * Tells whether nothing is in flight.
   *
   * @return true if every payload sent has been delivered or dropped
   */
  public boolean idle() {
    return inFlight.isEmpty();
  }

  /**
   * Returns the virtual time.
   *
   * @return the number of ticks so far
   */
  public long now() {
    return now;
  }

  /**
   * Returns the counters so far.
   *
   * @return sent, delivered, dropped, duplicated and delayed counts
   */
  public NetworkStats stats() {
    return new NetworkStats(sent, delivered, dropped, duplicated, delayed);
  }

  private void enqueue(Delivery<P> d) {
    long due = now + 1;
    if (plan.delay() > 0 && plan.maxDelayTicks() > 0 && schedule.nextUnitDouble() < plan.delay()) {
      delayed++;
      due += 1 + schedule.uniformLong(plan.maxDelayTicks());
    }
    inFlight.computeIfAbsent(due, k -> new ArrayList<>()).add(d);
  }
}
