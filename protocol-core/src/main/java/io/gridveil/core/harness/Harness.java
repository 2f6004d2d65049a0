// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.harness;

import io.gridveil.core.message.Address;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.ArmedTimer;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleHandle;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives role handles over {@link InMemoryNetwork} on logical time (spec/runtime.md §8): network
 * tick k is {@code origin + k · tickMillis}; the harness advances to the earlier of the next tick
 * with frames in flight and the next due timer of any node, fires due timers in (due, node,
 * timer) order and delivers due frames in network order, then sends every outbox's frames to the
 * nodes their routes name. A frame the network delays past a deadline arrives after the deadline
 * fired. One harness runs on one thread.
 */
public final class Harness {
  /** Observes every outbox a node released (spec/runtime.md §8 item 5). */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called once per outbox, in the order the harness produced them.
     *
     * @param node the node that released it
     * @param now the logical time of the call
     * @param outbox the outbox
     */
    void onOutbox(String node, LogicalTime now, Outbox outbox);
  }

  /** Reopens a crashed node's handle from its store (spec/runtime.md §8 item 4). */
  @FunctionalInterface
  public interface Reopener {
    /**
     * Opens the node's handle again.
     *
     * @return the reopened handle
     * @throws StoreException if the store fails a check
     */
    RoleHandle reopen() throws StoreException;
  }

  /** A frame on its way to one node. */
  private static final class Parcel {
    final String node;
    final byte[] frame;

    Parcel(String node, byte[] frame) {
      this.node = node;
      this.frame = frame;
    }
  }

  private final InMemoryNetwork<Parcel> network;
  private final LogicalTime origin;
  private final long tickMillis;
  private final Router router = new Router();
  private final Map<String, RoleHandle> nodes = new LinkedHashMap<>();
  private final Map<String, LogicalTime> downUntil = new LinkedHashMap<>();
  private final List<Listener> listeners = new ArrayList<>();
  private LogicalTime now;

  /**
   * Creates a harness.
   *
   * @param plan the network's faults
   * @param schedule the network's random source (drops, delays, reordering)
   * @param origin the logical time of network tick 0
   * @param tickMillis milliseconds per network tick, at least 1 (default 100, §8 item 1)
   */
  public Harness(FaultPlan plan, RandomSource schedule, LogicalTime origin, long tickMillis) {
    if (tickMillis < 1) {
      throw new IllegalArgumentException("tickMillis must be at least 1");
    }
    this.network = new InMemoryNetwork<>(plan, schedule);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.tickMillis = tickMillis;
    this.now = origin;
  }

  /**
   * Adds a node.
   *
   * @param name the node's name, unique
   * @param handle its handle
   * @throws IllegalArgumentException if the name is taken
   */
  public void add(String name, RoleHandle handle) {
    if (nodes.containsKey(name)) {
      throw new IllegalArgumentException("node exists: " + name);
    }
    nodes.put(name, Objects.requireNonNull(handle, "handle"));
    router.put(name, handle.address());
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   */
  public void listen(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Returns the current logical time.
   *
   * @return now
   */
  public LogicalTime now() {
    return now;
  }

  /**
   * Reports and sends an outbox a node released from a role operation the scenario called.
   *
   * @param node the node
   * @param outbox the outbox
   */
  public void submit(String node, Outbox outbox) {
    if (!nodes.containsKey(node)) {
      throw new IllegalArgumentException("no node " + node);
    }
    dispatch(node, outbox);
  }

  /**
   * Crashes a node: drops its handle without closing it, reopens it from its store and sends
   * what {@code recover()} returns (spec/runtime.md §8 item 4).
   *
   * @param node the node
   * @param reopener opens the handle again from the node's store
   * @throws StoreException if the store fails a check
   */
  public void crash(String node, Reopener reopener) throws StoreException {
    if (!nodes.containsKey(node)) {
      throw new IllegalArgumentException("no node " + node);
    }
    RoleHandle h = reopener.reopen();
    nodes.put(node, h);
    router.put(node, h.address());
    Optional<Outbox> again = h.recover();
    if (again.isPresent()) {
      dispatch(node, again.get());
    }
  }

  /**
   * Stops delivering frames to a node until a time; frames due to it meanwhile are lost.
   *
   * @param node the node
   * @param until the first time it receives again
   */
  public void down(String node, LogicalTime until) {
    downUntil.put(node, until);
  }

  private RoleHandle node(String name) {
    RoleHandle h = nodes.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no node " + name);
    }
    return h;
  }

  private LogicalTime tickTime(long tick) {
    return origin.plusMillis(tick * tickMillis);
  }

  /**
   * Advances logical time to {@code end}, firing timers and delivering frames as they fall due.
   *
   * @param end the time to stop at
   * @throws StoreException if a node's commit failed
   */
  public void runUntil(LogicalTime end) throws StoreException {
    while (true) {
      Optional<LogicalTime> nextTick =
          network.idle() ? Optional.empty() : Optional.of(tickTime(network.now() + 1));
      Optional<Due> timer = nextTimer();
      boolean timerFirst = timer.isPresent()
          && (nextTick.isEmpty() || timer.get().timer.due().compareTo(nextTick.get()) <= 0);
      LogicalTime t = timerFirst ? timer.get().timer.due() : nextTick.orElse(end);
      if (t.compareTo(end) > 0 || (!timerFirst && nextTick.isEmpty())) {
        now = now.max(end);
        catchUp();
        return;
      }
      now = now.max(t);
      if (timerFirst) {
        Due d = timer.get();
        dispatch(d.node, node(d.node).onTimer(d.timer.id(), now));
      } else {
        for (Delivery<Parcel> p : network.tick()) {
          Parcel parcel = p.payload();
          LogicalTime down = downUntil.get(parcel.node);
          if (down != null && down.compareTo(now) > 0) {
            continue;
          }
          RoleHandle h = nodes.get(parcel.node);
          if (h != null) {
            dispatch(parcel.node, h.onFrame(parcel.frame, now));
          }
        }
      }
    }
  }

  private record Due(String node, ArmedTimer timer) {}

  private Optional<Due> nextTimer() {
    Due best = null;
    for (Map.Entry<String, RoleHandle> e : nodes.entrySet()) {
      List<ArmedTimer> armed = e.getValue().armedTimers();
      if (armed.isEmpty()) {
        continue;
      }
      ArmedTimer t = armed.get(0); // ordered by due, kind, argument: this node's next
      if (best == null || t.due().compareTo(best.timer.due()) < 0
          || (t.due().equals(best.timer.due()) && e.getKey().compareTo(best.node) < 0)) {
        best = new Due(e.getKey(), t);
      }
    }
    return Optional.ofNullable(best);
  }

  /** Keeps the idle network's tick at the harness's time, so a frame sent now is due next tick. */
  private void catchUp() {
    while (network.idle() && tickTime(network.now() + 1).compareTo(now) <= 0) {
      network.tick();
    }
  }

  private void dispatch(String node, Outbox outbox) {
    for (Listener l : listeners) {
      l.onOutbox(node, now, outbox);
    }
    catchUp();
    for (OutboundFrame f : outbox.frames()) {
      byte[] bytes = f.bytes();
      for (String target : router.targets(node, f.route())) {
        network.send(Address.GROUP_BROADCAST, new Parcel(target, Arrays.copyOf(bytes, bytes.length)));
      }
    }
  }

  /**
   * Returns the timer a node would fire next, for tests and reports.
   *
   * @param node the node
   * @return its earliest armed timer
   */
  public Optional<TimerId> nextTimerOf(String node) {
    List<ArmedTimer> t = node(node).armedTimers();
    return t.isEmpty() ? Optional.empty() : Optional.of(t.get(0).id());
  }
}
