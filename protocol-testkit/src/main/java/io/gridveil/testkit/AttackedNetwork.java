// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.message.Address;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.network.InMemoryNetwork;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.RandomSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Authenticated endpoints over an {@link InMemoryNetwork} of wrapped frames, with faults and an
 * optional {@link ActiveAttacker} (spec/auth.md §10). It routes each frame to the endpoints the
 * test's router names for its recipient address, feeds them, posts what they send, collects their
 * events, counts every rejection by check ID, and records any receiver that accepts the same bytes
 * twice (a replay that got through).
 */
public final class AttackedNetwork {
  /** One receiving endpoint: {@code Endpoint::receive} of any party type. */
  @FunctionalInterface
  public interface Receiver {
    /**
     * Feeds one frame.
     *
     * @param bytes the frame
     * @param now the receiver's current round
     * @param random the injected random source
     * @return what the endpoint sends and observes
     * @throws ProtocolViolationException if the frame is refused
     */
    Endpoint.Output receive(byte[] bytes, Round now, RandomSource random)
        throws ProtocolViolationException;
  }

  private final InMemoryNetwork<byte[]> network;
  private final Function<Address, List<Receiver>> router;
  private final @Nullable ActiveAttacker attacker;
  private final RandomSource partyRandom;
  private final List<ProtocolEvent> events = new ArrayList<>();
  private final Map<String, Integer> rejections = new TreeMap<>();
  private final Map<ActiveAttacker.Kind, Map<String, Integer>> injectionRejections =
      new EnumMap<>(ActiveAttacker.Kind.class);
  private final IdentityHashMap<Receiver, Set<ByteBuffer>> accepted = new IdentityHashMap<>();

  private int replaysAccepted;

  /**
   * Creates the network.
   *
   * @param plan the benign faults (drop, duplicate, delay, reorder)
   * @param schedule the seeded source of the faults
   * @param router the endpoints that receive a frame addressed to an address (empty if none)
   * @param attacker the active attacker, or null for none
   * @param partyRandom the random source handed to the parties
   */
  public AttackedNetwork(
      FaultPlan plan,
      RandomSource schedule,
      Function<Address, List<Receiver>> router,
      @Nullable ActiveAttacker attacker,
      RandomSource partyRandom) {
    this.network = new InMemoryNetwork<>(plan, schedule);
    this.router = Objects.requireNonNull(router, "router");
    this.attacker = attacker;
    this.partyRandom = Objects.requireNonNull(partyRandom, "partyRandom");
  }

  /**
   * Sends what an endpoint produced and records its events.
   *
   * @param out the endpoint's output
   */
  public void post(Endpoint.Output out) {
    events.addAll(out.events());
    for (Endpoint.Outbound o : out.outbound()) {
      byte[] bytes = o.bytes();
      network.send(o.recipient(), bytes);
      if (attacker != null) {
        attacker.observe(o.recipient(), bytes);
      }
    }
  }

  /**
   * Delivers frames, and the attacker's injections, until nothing is in flight or the tick budget
   * runs out.
   *
   * @param now the receivers' current round
   * @param maxTicks the tick budget
   * @return true if the network went idle
   */
  public boolean run(Round now, int maxTicks) {
    for (int t = 0; t < maxTicks; t++) {
      if (network.idle()) {
        return true;
      }
      for (Delivery<byte[]> d : network.tick()) {
        deliver(d.recipient(), d.payload(), now, null);
      }
      if (attacker != null) {
        for (ActiveAttacker.Injection i : attacker.inject()) {
          deliver(i.recipient(), i.bytes(), now, i);
        }
      }
    }
    return network.idle();
  }

  /**
   * Ticks the network {@code ticks} times whether or not frames are in flight, delivering what
   * arrives and the attacker's injections each tick: an attacker does not wait for traffic. Use it
   * to give a property's attacker a guaranteed number of injections (then {@link #run} delivers
   * what they caused).
   *
   * @param now the receivers' current round
   * @param ticks how many ticks
   */
  public void attack(Round now, int ticks) {
    for (int t = 0; t < ticks; t++) {
      for (Delivery<byte[]> d : network.tick()) {
        deliver(d.recipient(), d.payload(), now, null);
      }
      if (attacker != null) {
        for (ActiveAttacker.Injection i : attacker.inject()) {
          deliver(i.recipient(), i.bytes(), now, i);
        }
      }
    }
  }

  private void deliver(
      Address to, byte[] bytes, Round now, ActiveAttacker.@Nullable Injection injection) {
    for (Receiver r : router.apply(to)) {
      Endpoint.Output out;
      try {
        out = r.receive(bytes, now, partyRandom);
      } catch (ProtocolViolationException e) {
        rejections.merge(e.checkId().value(), 1, Integer::sum);
        if (injection != null) {
          injectionRejections
              .computeIfAbsent(injection.kind(), k -> new TreeMap<>())
              .merge(e.checkId().value(), 1, Integer::sum);
        }
        continue;
      }
      if (!accepted.computeIfAbsent(r, k -> new HashSet<>()).add(ByteBuffer.wrap(bytes))) {
        replaysAccepted++;
      }
      if (injection != null && attacker != null) {
        attacker.accepted(injection);
      }
      post(out);
    }
  }

  /**
   * Returns every event the endpoints reported, in order.
   *
   * @return the events
   */
  public List<ProtocolEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Returns the rejections by check ID.
   *
   * @return check ID to count
   */
  public Map<String, Integer> rejections() {
    return Map.copyOf(rejections);
  }

  /**
   * Returns the rejections of the attacker's injections of one kind, by check ID: which check
   * refused, say, the frames it signed with a compromised key (spec/adversary.md §3.1).
   *
   * @param kind the kind of injection
   * @return check ID to count; empty if none of that kind was refused
   */
  public Map<String, Integer> rejections(ActiveAttacker.Kind kind) {
    return Map.copyOf(injectionRejections.getOrDefault(kind, Map.of()));
  }

  /**
   * Returns how many times a receiver accepted bytes it had accepted before.
   *
   * @return the count; a sound stack keeps it at 0
   */
  public int replaysAccepted() {
    return replaysAccepted;
  }
}
