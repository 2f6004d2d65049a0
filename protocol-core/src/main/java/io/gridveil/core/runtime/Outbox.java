// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import java.util.Optional;

/**
 * What one handle call released (spec/runtime.md §3.3): frames with their routes, the timers it
 * armed and cancelled, the outcomes and events, or the refusal, and the commit it belongs to.
 * Immutable. Its {@link #toString()} shows frames by route and size and events by type only
 * (spec/core.md §4.3). It has a canonical encoding so that a store keeps it with its commit
 * (spec/runtime.md §6.1 item 5).
 */
public final class Outbox {
  /** The schema version of the encoding. */
  static final int SCHEMA = 1;

  private static final int MAX_ITEMS = 1 << 20;
  private static final int MAX_FIELD = 1024;

  private final long sequence;
  private final boolean ignored;
  private final Optional<Refusal> refusal;
  private final List<OutboundFrame> frames;
  private final List<ArmedTimer> armed;
  private final List<TimerId> cancelled;
  private final List<RoundOutcome> outcomes;
  private final List<ProtocolEvent> events;

  Outbox(
      long sequence,
      boolean ignored,
      Optional<Refusal> refusal,
      List<OutboundFrame> frames,
      List<ArmedTimer> armed,
      List<TimerId> cancelled,
      List<RoundOutcome> outcomes,
      List<ProtocolEvent> events) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be non-negative");
    }
    this.sequence = sequence;
    this.ignored = ignored;
    this.refusal = Objects.requireNonNull(refusal, "refusal");
    this.frames = List.copyOf(frames);
    this.armed = List.copyOf(armed);
    this.cancelled = List.copyOf(cancelled);
    this.outcomes = List.copyOf(outcomes);
    this.events = List.copyOf(events);
  }

  /**
   * Returns an outbox that releases nothing.
   *
   * @param sequence the sequence number of the last commit
   * @return the empty outbox
   */
  public static Outbox empty(long sequence) {
    return new Outbox(
        sequence, false, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  static Outbox ignored(long sequence) {
    return new Outbox(
        sequence, true, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  static Outbox refused(long sequence, Refusal refusal) {
    return new Outbox(
        sequence, false, Optional.of(refusal), List.of(), List.of(), List.of(), List.of(),
        List.of());
  }

  /**
   * Returns the frames in send order.
   *
   * @return the frames
   */
  public List<OutboundFrame> frames() {
    return frames;
  }

  /**
   * Returns the frames' bytes only, in send order, for a broadcast medium.
   *
   * @return fresh copies of the frames' bytes
   */
  public List<byte[]> frameBytes() {
    List<byte[]> out = new ArrayList<>(frames.size());
    frames.forEach(f -> out.add(f.bytes()));
    return out;
  }

  /**
   * Returns the timers this call armed or re-armed, with their due times (spec/runtime.md §4.3).
   *
   * @return the armed timers
   */
  public List<ArmedTimer> armed() {
    return armed;
  }

  /**
   * Returns the timers this call disarmed or fired and did not re-arm.
   *
   * @return the cancelled timers
   */
  public List<TimerId> cancelled() {
    return cancelled;
  }

  /**
   * Returns the round outcomes this call reported (spec/core.md §9).
   *
   * @return the outcomes
   */
  public List<RoundOutcome> outcomes() {
    return outcomes;
  }

  /**
   * Returns the events other than outcomes.
   *
   * @return the events
   */
  public List<ProtocolEvent> events() {
    return events;
  }

  /**
   * Returns why the input was refused, if it was (spec/runtime.md §3.5 item 2).
   *
   * @return the refusal
   */
  public Optional<Refusal> refusal() {
    return refusal;
  }

  /**
   * Tells whether the frame was not for this role (spec/runtime.md §3.5 item 1).
   *
   * @return true if ignored
   */
  public boolean ignored() {
    return ignored;
  }

  /**
   * Returns the sequence number of the commit that produced this outbox, or of the last commit
   * if the call committed nothing.
   *
   * @return the commit sequence number
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Tells whether the outbox releases anything a peer or product must see: frames, outcomes or
   * events (spec/runtime.md §6.1 item 3).
   *
   * @return true if it releases something
   */
  public boolean releasesAnything() {
    return !frames.isEmpty() || !outcomes.isEmpty() || !events.isEmpty();
  }

  /**
   * Encodes the outbox canonically (spec/runtime.md §3.3): u16 schema, u64 sequence, u8 ignored,
   * the refusal, then counted lists of frames, armed timers, cancelled timers, outcomes and
   * events.
   *
   * @param eventCodec the codec of the role's own events
   * @return the encoding
   */
  public byte[] encode(EventCodec eventCodec) {
    CanonicalWriter w = new CanonicalWriter();
    w.u16(SCHEMA).u64(sequence).u8(ignored ? 1 : 0);
    if (refusal.isPresent()) {
      w.u8(1).ascii8(refusal.get().check().value())
          .bytes16(refusal.get().field().getBytes(StandardCharsets.UTF_8));
    } else {
      w.u8(0);
    }
    w.u32(frames.size());
    for (OutboundFrame f : frames) {
      writeRoute(w, f.route());
      w.bytes32(f.bytes());
    }
    w.u32(armed.size());
    for (ArmedTimer t : armed) {
      w.ascii8(t.id().kind()).u64(t.id().argument()).u64(t.due().millis());
    }
    w.u32(cancelled.size());
    for (TimerId t : cancelled) {
      w.ascii8(t.kind()).u64(t.argument());
    }
    w.u32(outcomes.size());
    for (RoundOutcome o : outcomes) {
      w.ascii8(o.group().value()).u64(o.round().index());
      if (o instanceof RoundOutcome.Exact e) {
        w.u8(1).u64(e.sum()).u32(e.contributors()).u32(e.recovered());
      } else if (o instanceof RoundOutcome.Voided v) {
        w.u8(2).ascii8(v.reason().name());
      }
    }
    w.u32(events.size());
    for (ProtocolEvent e : events) {
      CanonicalWriter ew = new CanonicalWriter();
      eventCodec.encode(e, ew);
      w.bytes32(ew.toByteArray());
    }
    return w.toByteArray();
  }

  /**
   * Decodes an outbox strictly.
   *
   * @param bytes the encoding
   * @param eventCodec the codec of the role's own events
   * @return the outbox
   * @throws MalformedMessageException RT-S-02 for an unknown schema, RT-S-05 or a CORE-E check
   *     for any other defect
   */
  public static Outbox decode(byte[] bytes, EventCodec eventCodec)
      throws MalformedMessageException {
    CanonicalReader r = CanonicalReader.of(bytes);
    int schema = r.u16("outbox.schema");
    if (schema != SCHEMA) {
      throw new MalformedMessageException(
          RuntimeChecks.RT_S_02, "outbox.schema", "unknown outbox schema");
    }
    long sequence = r.u64("outbox.sequence");
    boolean ignored = flag(r, "outbox.ignored");
    Optional<Refusal> refusal = Optional.empty();
    if (flag(r, "outbox.refusal")) {
      String check = r.ascii8("outbox.refusal.check", 16);
      CheckId id;
      try {
        id = CheckId.of(check);
      } catch (IllegalArgumentException e) {
        throw new MalformedMessageException(
            RuntimeChecks.RT_S_05, "outbox.refusal.check", "not a check id");
      }
      String field =
          new String(r.bytes16("outbox.refusal.field", MAX_FIELD), StandardCharsets.UTF_8);
      refusal = Optional.of(new Refusal(id, field));
    }
    List<OutboundFrame> frames = new ArrayList<>();
    for (int i = count(r, "outbox.frames"); i > 0; i--) {
      Route route = readRoute(r);
      frames.add(new OutboundFrame(route, r.bytes32("outbox.frame", EnvelopeCodec.MAX_FRAME + 1024)));
    }
    List<ArmedTimer> armed = new ArrayList<>();
    for (int i = count(r, "outbox.armed"); i > 0; i--) {
      TimerId id = timer(r, "outbox.armed");
      armed.add(new ArmedTimer(id, time(r, "outbox.armed.due")));
    }
    List<TimerId> cancelled = new ArrayList<>();
    for (int i = count(r, "outbox.cancelled"); i > 0; i--) {
      cancelled.add(timer(r, "outbox.cancelled"));
    }
    List<RoundOutcome> outcomes = new ArrayList<>();
    for (int i = count(r, "outbox.outcomes"); i > 0; i--) {
      outcomes.add(readOutcome(r));
    }
    List<ProtocolEvent> events = new ArrayList<>();
    for (int i = count(r, "outbox.events"); i > 0; i--) {
      CanonicalReader er = r.nested32("outbox.event", EnvelopeCodec.MAX_FRAME);
      events.add(eventCodec.decode(er));
      er.requireEnd("outbox.event");
    }
    r.requireEnd("outbox");
    try {
      return new Outbox(sequence, ignored, refusal, frames, armed, cancelled, outcomes, events);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, "outbox", "inconsistent outbox");
    }
  }

  private static boolean flag(CanonicalReader r, String field) throws MalformedMessageException {
    int v = r.u8(field);
    if (v > 1) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "flag must be 0 or 1");
    }
    return v == 1;
  }

  private static int count(CanonicalReader r, String field) throws MalformedMessageException {
    int n = r.u32(field);
    if (n > MAX_ITEMS || n > r.remaining()) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "count out of range");
    }
    return n;
  }

  static TimerId timer(CanonicalReader r, String field) throws MalformedMessageException {
    String kind = r.ascii8(field + ".kind", 32);
    long argument = r.u64(field + ".argument");
    try {
      return new TimerId(kind, argument);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "not a timer id");
    }
  }

  static LogicalTime time(CanonicalReader r, String field) throws MalformedMessageException {
    long millis = r.u64(field);
    if (millis < 0 || millis >= LogicalTime.LIMIT) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "time out of range");
    }
    return new LogicalTime(millis);
  }

  private static GroupId group(CanonicalReader r, String field) throws MalformedMessageException {
    String g = r.ascii8(field, GroupId.MAX_LENGTH);
    if (!GroupId.isValid(g)) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "not a group id");
    }
    return new GroupId(g);
  }

  private static void writeRoute(CanonicalWriter w, Route route) {
    if (route instanceof Route.ToRole t) {
      w.u8(1).ascii8(t.group().value()).u8(t.role().code());
    } else if (route instanceof Route.ToMeter m) {
      w.u8(2).ascii8(m.group().value()).ascii8(m.id().value());
    } else if (route instanceof Route.ToGroup g) {
      w.u8(3).ascii8(g.group().value());
    } else if (route instanceof Route.ToPseudonym p) {
      w.u8(4).ascii8(p.group().value()).fixed(p.token().toBytes());
    }
  }

  private static Route readRoute(CanonicalReader r) throws MalformedMessageException {
    int kind = r.u8("outbox.route");
    GroupId g = group(r, "outbox.route.group");
    switch (kind) {
      case 1 -> {
        Role role = Role.ofCode(r.u8("outbox.route.role"));
        if (role == null || role == Role.METER) {
          throw new MalformedMessageException(
              RuntimeChecks.RT_S_05, "outbox.route.role", "not a routable role");
        }
        return new Route.ToRole(g, role);
      }
      case 2 -> {
        String id = r.ascii8("outbox.route.id", MeterId.MAX_LENGTH);
        if (!MeterId.isValid(id)) {
          throw new MalformedMessageException(
              RuntimeChecks.RT_S_05, "outbox.route.id", "not a meter id");
        }
        return new Route.ToMeter(g, new MeterId(id));
      }
      case 3 -> {
        return new Route.ToGroup(g);
      }
      case 4 -> {
        return new Route.ToPseudonym(
            g, Token.fromBytes(r.fixed("outbox.route.token", Token.LENGTH)));
      }
      default -> throw new MalformedMessageException(
          RuntimeChecks.RT_S_05, "outbox.route", "unknown route kind");
    }
  }

  private static RoundOutcome readOutcome(CanonicalReader r) throws MalformedMessageException {
    GroupId g = group(r, "outbox.outcome.group");
    long round = r.u64("outbox.outcome.round");
    if (round < 0 || round == Long.MAX_VALUE) {
      throw new MalformedMessageException(
          RuntimeChecks.RT_S_05, "outbox.outcome.round", "round out of range");
    }
    int kind = r.u8("outbox.outcome.kind");
    if (kind == 1) {
      long sum = r.u64("outbox.outcome.sum");
      int contributors = r.u32("outbox.outcome.contributors");
      int recovered = r.u32("outbox.outcome.recovered");
      return new RoundOutcome.Exact(g, new Round(round), sum, contributors, recovered);
    } else if (kind == 2) {
      String reason = r.ascii8("outbox.outcome.reason", 64);
      for (VoidReason v : VoidReason.values()) {
        if (v.name().equals(reason)) {
          return new RoundOutcome.Voided(g, new Round(round), v);
        }
      }
      throw new MalformedMessageException(
          RuntimeChecks.RT_S_05, "outbox.outcome.reason", "unknown void reason");
    }
    throw new MalformedMessageException(
        RuntimeChecks.RT_S_05, "outbox.outcome.kind", "unknown outcome kind");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Outbox b
        && sequence == b.sequence
        && ignored == b.ignored
        && refusal.equals(b.refusal)
        && frames.equals(b.frames)
        && armed.equals(b.armed)
        && cancelled.equals(b.cancelled)
        && outcomes.equals(b.outcomes)
        && events.equals(b.events);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, ignored, refusal, frames, armed, cancelled, outcomes, events);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Outbox[sequence=").append(sequence);
    if (ignored) {
      s.append(", ignored");
    }
    refusal.ifPresent(r -> s.append(", refused ").append(r.check()).append(' ').append(r.field()));
    s.append(", frames=").append(frames);
    s.append(", armed=").append(armed).append(", cancelled=").append(cancelled);
    s.append(", outcomes=[");
    for (RoundOutcome o : outcomes) {
      s.append(o.getClass().getSimpleName()).append('(').append(o.round().index()).append(')');
    }
    s.append("], events=[");
    for (ProtocolEvent e : events) {
      s.append(e.getClass().getSimpleName()).append(' ');
    }
    return s.append("]]").toString();
  }
}
