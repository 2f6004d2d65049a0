// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.Party;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The plumbing every driver shares (spec/sim.md §4.2): it feeds a party one input, charges the
 * CPU time to its role, encodes the outbound envelopes and sends them over the group's
 * {@link FrameNetwork}, hands the events to the driver, and delivers arriving frames to the party
 * a router names, decoded and wrapped as the scheme's inbound input. Refused inputs are counted by
 * check ID and leave the party unchanged.
 *
 * @param <M> the scheme's sealed message type
 * @param <I> the parties' input type
 */
public final class Wire<M, I> {
  private final FrameNetwork network;
  private final CostLedger ledger;
  private final EnvelopeCodec<M> codec;
  private final Function<Envelope<M>, I> inbound;
  private final RandomSource random;
  private final Map<String, Long> refusals = new TreeMap<>();
  private final String scheme;
  private Accepted<M> accepted = (node, envelope) -> {};

  /**
   * Creates the plumbing of one group.
   *
   * @param scheme the scheme's name, for messages
   * @param network the group's network
   * @param codec the scheme's envelope codec
   * @param inbound wraps a decoded envelope as the parties' inbound input
   * @param random the parties' random source
   */
  public Wire(
      String scheme,
      FrameNetwork network,
      EnvelopeCodec<M> codec,
      Function<Envelope<M>, I> inbound,
      RandomSource random) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.network = Objects.requireNonNull(network, "network");
    this.ledger = network.ledger();
    this.codec = Objects.requireNonNull(codec, "codec");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
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
    void accept(Node<?, ?> from, List<ProtocolEvent> events);
  }

  /** Observes each inbound envelope a party accepted. */
  @FunctionalInterface
  public interface Accepted<M> {
    /**
     * Handles an accepted envelope.
     *
     * @param node the party that accepted it
     * @param envelope the envelope
     */
    void accept(Node<?, ?> node, Envelope<M> envelope);
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

  /** Names the nodes a frame is delivered to. */
  @FunctionalInterface
  public interface Router<I> {
    /**
     * Resolves a recipient address.
     *
     * @param recipient the address the frame was sent to
     * @return the nodes to deliver it to, possibly none
     */
    List<? extends Node<?, I>> route(Address recipient);
  }

  /**
   * Feeds a node one input, unless it is down.
   *
   * @param <S> the party's state type
   * @param node the node
   * @param input the input
   * @param events receives the events of the step
   * @return true if the party accepted the input
   */
  public <S extends Party<S, I>> boolean feed(Node<S, I> node, I input, Events events) {
    return feedTimed(node, input, events, ledger.start(), "");
  }

  private <S extends Party<S, I>> boolean feedTimed(
      Node<S, I> node, I input, Events events, long started, String inboundType) {
    if (node.down()) {
      return false;
    }
    boolean accepted;
    try {
      Step<S> s = node.step(input, random);
      send(node.role(), s.outbound());
      if (!s.events().isEmpty()) {
        events.accept(node, s.events());
      }
      accepted = true;
    } catch (ProtocolViolationException e) {
      // Refused inbound messages are counted; a refused local input is the driver probing.
      if (!inboundType.isEmpty()) {
        refusals.merge(e.checkId().value() + " " + inboundType, 1L, Long::sum);
      }
      accepted = false;
    }
    ledger.charge(node.role(), started);
    return accepted;
  }

  /**
   * Encodes and sends envelopes on behalf of a role.
   *
   * @param role the sender's role
   * @param outbound the envelopes, each with a body of the scheme's message type
   */
  @SuppressWarnings("unchecked") // a scheme's parties send only that scheme's messages
  public void send(Role role, List<Envelope<?>> outbound) {
    for (Envelope<?> raw : outbound) {
      Envelope<M> e = (Envelope<M>) raw;
      network.send(role, e.recipient(), codec.encode(e));
    }
  }

  /**
   * Delivers frames until nothing is in flight.
   *
   * @param router names the nodes each frame goes to
   * @param events receives the events of each accepted step
   * @throws SimulationException if the network never goes idle
   */
  public void deliverUntilIdle(Router<I> router, Events events) throws SimulationException {
    int guard = 0;
    while (!network.idle()) {
      if (++guard > 100_000) {
        throw new SimulationException(scheme + ": the network does not go idle");
      }
      for (Delivery<byte[]> d : network.tick()) {
        for (Node<?, I> node : router.route(d.recipient())) {
          deliver(node, d.payload(), events);
        }
      }
    }
  }

  /**
   * Decodes a frame for a node and feeds it, charging the decoding to the node's role.
   *
   * @param node the recipient
   * @param frame the bytes
   * @param events receives the events of the step
   * @return true if the party accepted it
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the router returns nodes of this wire's input type
  public boolean deliver(Node<?, I> node, byte[] frame, Events events) {
    if (node.down()) {
      return false;
    }
    long started = ledger.start();
    Envelope<M> e;
    try {
      e = codec.decode(frame);
    } catch (MalformedMessageException ex) {
      refusals.merge(ex.checkId().value(), 1L, Long::sum);
      ledger.charge(node.role(), started);
      return false;
    }
    Object body = e.body();
    String type = body == null ? "message" : body.getClass().getSimpleName();
    boolean ok = feedTimed((Node) node, inbound.apply(e), events, started, type);
    if (ok) {
      accepted.accept(node, e);
    }
    return ok;
  }

  /**
   * Returns the refusals so far.
   *
   * @return check ID to count
   */
  public Map<String, Long> refusals() {
    return Map.copyOf(refusals);
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
