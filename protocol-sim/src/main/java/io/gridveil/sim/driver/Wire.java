// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.RandomSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plumbing every driver shares (spec/sim.md §4.2): it feeds a party's endpoint one input,
 * charges the CPU time (verification and sealing included) to its role, sends the sealed frames
 * over the group's {@link FrameNetwork}, hands the events to the driver, and delivers arriving
 * frames to the endpoints a router names. Refused frames are counted by check ID, message type and
 * receiving role (§4.7) and leave the endpoint unchanged.
 *
 * @param <M> the scheme's sealed message type
 * @param <I> the parties' input type
 */
public final class Wire<M, I> {
  private final FrameNetwork network;
  private final CostLedger ledger;
  private final RandomSource random;
  private final RefusalCounter refusals;
  private final String scheme;
  private Accepted<M> accepted = (node, envelope) -> {};
  private Round now = Round.FIRST;

  /**
   * Creates the plumbing of one group.
   *
   * @param scheme the scheme's name, for messages
   * @param codec the scheme's envelope codec, to name refused messages
   * @param network the group's network
   * @param random the parties' random source
   */
  public Wire(String scheme, EnvelopeCodec<M> codec, FrameNetwork network, RandomSource random) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.refusals = new RefusalCounter(codec);
    this.network = Objects.requireNonNull(network, "network");
    this.ledger = network.ledger();
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Receives the events of each accepted step. */
  @FunctionalInterface
  public interface Events {
    /**
     * Handles events.
     *
     * @param from the node that stepped
     * @param events what it observed
     */
    void accept(Node<?, ?, ?> from, List<ProtocolEvent> events);
  }

  /** Observes each inbound envelope a party accepted. */
  @FunctionalInterface
  public interface Accepted<M> {
    /**
     * Handles an accepted envelope.
     *
     * @param node the party that accepted it
     * @param envelope the verified envelope
     */
    void accept(Node<?, ?, ?> node, Envelope<M> envelope);
  }

  /**
   * Sets the observer of accepted inbound envelopes, with which a driver notes whose
   * contributions reached the decrypting party.
   *
   * @param observer the observer
   */
  public void onAccepted(Accepted<M> observer) {
    this.accepted = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Sets the receivers' current round (key rotation and licence validity, spec/auth.md §3).
   *
   * @param round the round being run
   */
  public void now(Round round) {
    this.now = Objects.requireNonNull(round, "round");
  }

  /** Names the nodes a frame is delivered to. */
  @FunctionalInterface
  public interface Router {
    /**
     * Resolves a recipient address.
     *
     * @param recipient the address the frame was sent to
     * @return the nodes to deliver it to, possibly none
     */
    List<? extends Node<?, ?, ?>> route(Address recipient);
  }

  /**
   * Feeds a node one local input, unless it is down.
   *
   * @param <S> the party's state type
   * @param node the node
   * @param input the input
   * @param events receives the events of the step
   * @return true if the party accepted the input
   */
  public <S extends AuthenticatedParty<S, I>> boolean feed(
      Node<S, I, M> node, I input, Events events) {
    if (node.down()) {
      return false;
    }
    long started = ledger.start();
    boolean ok;
    try {
      sent(node, node.endpoint().input(input, random), events);
      ok = true;
    } catch (ProtocolViolationException e) {
      // A refused local input is the driver probing; it is not a refusal of the network's.
      ok = false;
    }
    ledger.charge(node.role(), started);
    return ok;
  }

  private void sent(Node<?, ?, ?> node, Endpoint.Output out, Events events) {
    for (Endpoint.Outbound o : out.outbound()) {
      network.send(node.role(), o.recipient(), o.bytes());
    }
    if (!out.events().isEmpty()) {
      events.accept(node, out.events());
    }
  }

  /**
   * Delivers frames until nothing is in flight.
   *
   * @param router names the nodes each frame goes to
   * @param events receives the events of each accepted step
   * @throws SimulationException if the network never goes idle
   */
  public void deliverUntilIdle(Router router, Events events) throws SimulationException {
    int guard = 0;
    while (!network.idle()) {
      if (++guard > FrameNetwork.IDLE_GUARD_TICKS) {
        throw new SimulationException(scheme + ": the network does not go idle");
      }
      deliverTick(router, events);
    }
  }

  /**
   * Delivers the frames due before a tick (spec/sim.md §4.2): the clock advances to {@code
   * deadline - 1}, so that an input fed next happens at the deadline, before that tick's frames;
   * frames due at the deadline or later stay in flight and arrive late.
   *
   * @param deadline the deadline tick
   * @param router names the nodes each frame goes to
   * @param events receives the events of each accepted step
   */
  public void deliverBefore(long deadline, Router router, Events events) {
    while (network.now() < deadline - 1) {
      deliverTick(router, events);
    }
  }

  private void deliverTick(Router router, Events events) {
    for (Delivery<byte[]> d : network.tick()) {
      for (Node<?, ?, ?> node : router.route(d.recipient())) {
        deliver(node, d.payload(), events);
      }
    }
  }

  /**
   * Returns the group network's clock.
   *
   * @return the current tick
   */
  public long now() {
    return network.now();
  }

  /**
   * Verifies a frame for a node and feeds it, charging the work to the node's role.
   *
   * @param node the recipient
   * @param frame the bytes
   * @param events receives the events of the step
   * @return true if the party accepted it
   */
  @SuppressWarnings("unchecked") // the endpoints of this wire's group speak its scheme only
  public boolean deliver(Node<?, ?, ?> node, byte[] frame, Events events) {
    if (node.down()) {
      return false;
    }
    long started = ledger.start();
    boolean ok;
    try {
      Endpoint.Output out = node.endpoint().receive(frame, now, random);
      sent(node, out, events);
      if (out.received().isPresent()) {
        accepted.accept(node, (Envelope<M>) out.received().get());
      }
      ok = true;
    } catch (ProtocolViolationException e) {
      refusals.refused(e, frame, node.role());
      ok = false;
    }
    ledger.charge(node.role(), started);
    return ok;
  }

  /**
   * Returns the refusals so far.
   *
   * @return the number of refusals of each kind
   */
  public Map<Refusal, Long> refusals() {
    return refusals.counts();
  }

  /**
   * Returns the random source of the group's parties.
   *
   * @return the source
   */
  public RandomSource random() {
    return random;
  }
}
