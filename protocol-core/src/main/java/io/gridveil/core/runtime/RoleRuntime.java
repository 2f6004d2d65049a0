// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The machinery every role handle delegates to (spec/runtime.md §3.1, §3.5, §4.2 to §4.4, §6.1,
 * §11): it owns the party through its {@link Endpoint}, the armed timers, {@code lastNow} and the
 * sequence ceiling (the first unused number of the signed and licensed streams); it ignores frames not addressed to the role from their header alone, turns
 * refusals into outboxes, commits the state with the outbox before returning it, replays the last
 * outbox once after a reopen, fails after a store failure, and refuses concurrent calls.
 *
 * <p>The runtime owns the sections {@code clock} (lastNow, ceiling), {@code timers} and
 * {@code windows}; the scheme's {@link RoleBinding} supplies the others.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 * @param <M> the scheme's message type
 */
public final class RoleRuntime<S extends AuthenticatedParty<S, I>, I, M> {
  /** The runtime's section holding lastNow and the sequence ceiling. */
  public static final String CLOCK = "clock";
  /** The runtime's section holding the armed timers. */
  public static final String TIMERS = "timers";
  /** The runtime's section holding the endpoint's replay windows. */
  public static final String WINDOWS = "windows";

  static final int SCHEMA = 1;
  private static final Set<String> OWN = Set.of(CLOCK, TIMERS, WINDOWS);

  /**
   * What a handle's endpoint factory receives on open: the stored state if any, the sequence
   * base to create the endpoint with, and the vault.
   *
   * @param state the last commit, empty for a fresh role
   * @param sequenceBase the first sequence number of every signed or licensed stream
   * @param vault the role's key vault
   */
  public record Resumed(Optional<StoredState> state, long sequenceBase, KeyVault vault) {
    /**
     * Validates the components.
     *
     * @param state the last commit, empty for a fresh role
     * @param sequenceBase the first sequence number of every signed or licensed stream
     * @param vault the role's key vault
     */
    public Resumed {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(vault, "vault");
    }
  }

  /**
   * Creates the role's endpoint, fresh or from the stored sections (which it decodes strictly,
   * RT-S-05).
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   */
  @FunctionalInterface
  public interface EndpointFactory<S extends AuthenticatedParty<S, I>, I, M> {
    /**
     * Creates the endpoint.
     *
     * @param resumed the stored state, sequence base and vault
     * @return the endpoint
     * @throws StoreException RT-S-0x if the stored sections or keys fail a check
     */
    Endpoint<S, I, M> create(Resumed resumed) throws StoreException;
  }

  private final RoleStore store;
  private final RoleAddress address;
  private final Timing timing;
  private final RoundSchedule schedule;
  private final RandomSource random;
  private final RoleBinding<S, I> binding;
  private final Endpoint<S, I, M> endpoint;
  private final AtomicBoolean inUse = new AtomicBoolean();
  private final TreeMap<TimerId, LogicalTime> armed;
  private LogicalTime lastNow;
  private long ceiling;
  private long sequence;
  private Map<String, byte[]> committed;
  private Optional<byte[]> recoverable;
  private boolean failed;
  private boolean closed;

  private RoleRuntime(
      RoleStore store, RoleAddress address, Timing timing, RoundSchedule schedule,
      RandomSource random, RoleBinding<S, I> binding, Endpoint<S, I, M> endpoint,
      Map<TimerId, LogicalTime> armed, LogicalTime lastNow, long ceiling, long sequence,
      Map<String, byte[]> committed, Optional<byte[]> recoverable) {
    this.store = store;
    this.address = address;
    this.timing = timing;
    this.schedule = schedule;
    this.random = random;
    this.binding = binding;
    this.endpoint = endpoint;
    this.armed = new TreeMap<>(armed);
    this.lastNow = lastNow;
    this.ceiling = ceiling;
    this.sequence = sequence;
    this.committed = committed;
    this.recoverable = recoverable;
  }

  /**
   * Opens a role from its store (spec/runtime.md §3.1 item 1): resumes from the last commit if
   * there is one (its clock, timers and replay windows; the party through the factory), else
   * starts fresh.
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param store the role's store, not bound to another owner
   * @param address the role's address, the store's owner
   * @param timing the durations of the role's timers
   * @param schedule the deployment's round schedule
   * @param random the injected random source for the party's steps
   * @param binding the scheme's sections, timer inputs, routes and events
   * @param factory creates the endpoint, fresh or from the stored sections
   * @return the runtime
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static <S extends AuthenticatedParty<S, I>, I, M> RoleRuntime<S, I, M> open(
      RoleStore store, RoleAddress address, Timing timing, RoundSchedule schedule,
      RandomSource random, RoleBinding<S, I> binding, EndpointFactory<S, I, M> factory)
      throws StoreException {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(binding, "binding");
    Optional<StoredState> st = store.load(address);
    TreeMap<TimerId, LogicalTime> armed = new TreeMap<>();
    LogicalTime lastNow = LogicalTime.ZERO;
    long ceiling = 0;
    Map<String, byte[]> committed = new TreeMap<>();
    long sequence = -1;
    Optional<byte[]> recoverable = Optional.empty();
    if (st.isPresent()) {
      StoredState s = st.get();
      CanonicalReader clock = reader(s, CLOCK);
      try {
        lastNow = Outbox.time(clock, "clock.lastNow");
        ceiling = clock.u64("clock.ceiling");
        clock.requireEnd("clock");
        if (ceiling < 0) {
          throw new StoreException(RuntimeChecks.RT_S_05, "clock.ceiling out of range");
        }
        CanonicalReader timers = reader(s, TIMERS);
        int n = timers.u32("timers.count");
        for (int i = 0; i < n; i++) {
          TimerId id = Outbox.timer(timers, "timers");
          if (armed.put(id, Outbox.time(timers, "timers.due")) != null) {
            throw new StoreException(RuntimeChecks.RT_S_05, "timer armed twice");
          }
        }
        timers.requireEnd("timers");
      } catch (MalformedMessageException e) {
        throw new StoreException(RuntimeChecks.RT_S_05, "runtime section: field " + e.field());
      }
      committed = s.sections();
      sequence = s.sequence();
      recoverable = Optional.of(s.outbox());
    }
    Endpoint<S, I, M> endpoint =
        factory.create(new Resumed(st, ceiling, store.vault()));
    if (st.isPresent()) {
      byte[] windows = st.get().section(WINDOWS).orElseThrow(
          () -> new StoreException(RuntimeChecks.RT_S_05, "section windows missing"));
      try {
        endpoint.importWindows(windows);
      } catch (MalformedMessageException e) {
        throw new StoreException(RuntimeChecks.RT_S_05, "section windows: field " + e.field());
      }
    }
    return new RoleRuntime<>(store, address, timing, schedule, random, binding, endpoint, armed,
        lastNow, ceiling, sequence, committed, recoverable);
  }

  private static CanonicalReader reader(StoredState s, String name) throws StoreException {
    return s.reader(name, SCHEMA);
  }

  /** One call's accumulated output. */
  private final class Call {
    final LogicalTime now;
    final List<OutboundFrame> frames = new ArrayList<>();
    final List<RoundOutcome> outcomes = new ArrayList<>();
    final List<ProtocolEvent> events = new ArrayList<>();
    final LinkedHashSet<TimerId> touched = new LinkedHashSet<>();
    Optional<Refusal> refusal = Optional.empty();

    Call(LogicalTime now) {
      this.now = now;
    }

    void absorb(Endpoint.Output out) {
      S party = endpoint.party();
      for (Endpoint.Outbound o : out.outbound()) {
        Route route = binding.route(party, o.group(), o.recipient()).orElseThrow(
            () -> new ProtocolBugException("no route for recipient " + o.recipient()));
        frames.add(new OutboundFrame(route, o.bytes()));
      }
      for (ProtocolEvent e : out.events()) {
        if (e instanceof RoundOutcome r) {
          outcomes.add(r);
        } else {
          events.add(e);
        }
      }
      for (TimerRequest t : out.timers()) {
        if (t instanceof TimerRequest.Arm a) {
          armed.put(a.timer(), now.plus(timing.durationOf(a.timer().kind())));
        } else {
          armed.remove(t.timer());
        }
        touched.add(t.timer());
      }
    }

    void fire(TimerId id) {
      armed.remove(id);
      touched.add(id);
      try {
        absorb(endpoint.input(binding.timerInput(id), random));
      } catch (ProtocolViolationException e) {
        // §4.4 item 4: a refused timer input is consumed; the refusal is reported.
        if (refusal.isEmpty()) {
          refusal = Optional.of(refusal(e));
        }
      }
    }
  }

  /** An operation run under the in-use flag. */
  @FunctionalInterface
  private interface Op<T> {
    T run() throws StoreException;
  }

  private <T> T guarded(Op<T> op) throws StoreException {
    if (!inUse.compareAndSet(false, true)) {
      throw new ConcurrentModificationException("a role handle takes one call at a time");
    }
    try {
      if (closed) {
        throw new IllegalStateException("the handle is closed");
      }
      if (failed) {
        throw new IllegalStateException("the handle failed on a store error; reopen it");
      }
      return op.run();
    } finally {
      inUse.set(false);
    }
  }

  private <T> T read(java.util.function.Supplier<T> op) {
    try {
      return guarded(op::get);
    } catch (StoreException e) {
      throw new ProtocolBugException("a read-only call cannot commit", e);
    }
  }

  private LogicalTime clamp(LogicalTime now) {
    return now.max(lastNow);
  }

  /**
   * Handles a frame (spec/runtime.md §3.1, §3.5).
   *
   * @param frame the authenticated frame
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the runtime is then failed
   */
  public Outbox onFrame(byte[] frame, LogicalTime now) throws StoreException {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(now, "now");
    return guarded(() -> {
      LogicalTime t = clamp(now);
      if (notForThisRole(frame)) {
        return Outbox.ignored(Math.max(sequence, 0));
      }
      Endpoint.Output out;
      try {
        out = endpoint.receive(frame, schedule.roundAt(t), random);
      } catch (ProtocolViolationException e) {
        return Outbox.refused(Math.max(sequence, 0), refusal(e));
      }
      return finish(t, out);
    });
  }

  /**
   * Feeds the party one input of a role operation (spec/runtime.md §3.1 item 2); a refusal is an
   * outbox (§3.5 item 2).
   *
   * @param input the party's input
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the runtime is then failed
   */
  public Outbox input(I input, LogicalTime now) throws StoreException {
    if (input == null) {
      throw new NullPointerException("input");
    }
    Objects.requireNonNull(now, "now");
    return guarded(() -> {
      LogicalTime t = clamp(now);
      Endpoint.Output out;
      try {
        out = endpoint.input(input, random);
      } catch (ProtocolViolationException e) {
        return Outbox.refused(Math.max(sequence, 0), refusal(e));
      }
      return finish(t, out);
    });
  }

  private Outbox finish(LogicalTime t, Endpoint.Output out) throws StoreException {
    Call call = new Call(t);
    mutating(() -> call.absorb(out));
    return commit(call);
  }

  /**
   * Fires one timer (spec/runtime.md §4.4 item 1).
   *
   * @param timer the timer
   * @param now the product's current time
   * @return the outbox, empty for a stale or early fire
   * @throws StoreException if the commit failed; the runtime is then failed
   */
  public Outbox onTimer(TimerId timer, LogicalTime now) throws StoreException {
    Objects.requireNonNull(timer, "timer");
    Objects.requireNonNull(now, "now");
    return guarded(() -> {
      LogicalTime t = clamp(now);
      LogicalTime due = armed.get(timer);
      if (due == null || due.compareTo(t) > 0) {
        return Outbox.empty(Math.max(sequence, 0));
      }
      Call call = new Call(t);
      mutating(() -> call.fire(timer));
      return commit(call);
    });
  }

  /**
   * Fires every due timer in order (spec/runtime.md §4.4 item 2).
   *
   * @param now the product's current time
   * @return one outbox
   * @throws StoreException if the commit failed; the runtime is then failed
   */
  public Outbox onTimeout(LogicalTime now) throws StoreException {
    Objects.requireNonNull(now, "now");
    return guarded(() -> {
      LogicalTime t = clamp(now);
      Call call = new Call(t);
      mutating(() -> {
        Optional<TimerId> next = dueAt(t);
        while (next.isPresent()) {
          call.fire(next.get());
          next = dueAt(t);
        }
      });
      return commit(call);
    });
  }

  private Optional<TimerId> dueAt(LogicalTime t) {
    TimerId best = null;
    LogicalTime bestDue = null;
    for (Map.Entry<TimerId, LogicalTime> e : armed.entrySet()) {
      if (e.getValue().compareTo(t) <= 0 && (bestDue == null || e.getValue().compareTo(bestDue) < 0)) {
        best = e.getKey();
        bestDue = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Runs a state change; a runtime exception in it leaves the state uncertain: failed. */
  private void mutating(Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private Outbox commit(Call call) throws StoreException {
    List<ArmedTimer> nowArmed = new ArrayList<>();
    List<TimerId> cancelled = new ArrayList<>();
    for (TimerId id : call.touched) {
      LogicalTime due = armed.get(id);
      if (due != null) {
        nowArmed.add(new ArmedTimer(id, due));
      } else {
        cancelled.add(id);
      }
    }
    // §6.2, §13 item 7: the ceiling is the exact first unused number, committed with the frames
    // that used the numbers below it (commit before release), so a restart continues the stream
    // without a gap that would push frames still in flight out of the receiver's window.
    long nextCeiling = Math.max(ceiling, endpoint.nextUnusedSequence());
    Map<String, byte[]> snapshot;
    try {
      snapshot = snapshot(call.now, nextCeiling);
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
    Outbox outbox = new Outbox(sequence + 1, false, call.refusal, call.frames, nowArmed, cancelled,
        call.outcomes, call.events);
    Map<String, byte[]> put = new TreeMap<>();
    boolean changed = false;
    for (Map.Entry<String, byte[]> e : snapshot.entrySet()) {
      byte[] old = committed.get(e.getKey());
      if (old == null || !Arrays.equals(old, e.getValue())) {
        put.put(e.getKey(), e.getValue());
        changed |= !e.getKey().equals(CLOCK);
      }
    }
    Set<String> delete = new HashSet<>(committed.keySet());
    delete.removeAll(snapshot.keySet());
    changed |= !delete.isEmpty();
    if (!changed && !outbox.releasesAnything()) {
      return new Outbox(Math.max(sequence, 0), false, call.refusal, call.frames, nowArmed,
          cancelled, call.outcomes, call.events);
    }
    try {
      binding.storeKeys(endpoint.party(), store.vault());
      store.commit(new Commit(sequence + 1, put, delete, outbox.encode(binding.events())));
    } catch (StoreException | RuntimeException e) {
      failed = true;
      throw e;
    }
    sequence++;
    committed = snapshot;
    lastNow = call.now;
    ceiling = nextCeiling;
    recoverable = Optional.empty();
    return outbox;
  }

  private Map<String, byte[]> snapshot(LogicalTime now, long nextCeiling) {
    Map<String, byte[]> s = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : binding.sections(endpoint.party()).entrySet()) {
      if (OWN.contains(e.getKey())) {
        throw new ProtocolBugException("a role section uses the runtime's name " + e.getKey());
      }
      s.put(Commit.checkName(e.getKey()), e.getValue().clone());
    }
    s.put(CLOCK, new CanonicalWriter().u16(SCHEMA).u64(now.millis()).u64(nextCeiling)
        .toByteArray());
    CanonicalWriter timers = new CanonicalWriter().u16(SCHEMA).u32(armed.size());
    armed.forEach((id, due) -> timers.ascii8(id.kind()).u64(id.argument()).u64(due.millis()));
    s.put(TIMERS, timers.toByteArray());
    s.put(WINDOWS, endpoint.exportWindows());
    return s;
  }

  private boolean notForThisRole(byte[] frame) {
    EnvelopeCodec.Header h;
    try {
      h = EnvelopeCodec.header(AuthCodec.unverifiedFrame(frame));
    } catch (MalformedMessageException e) {
      return false; // the endpoint refuses it with its check
    }
    // §3.5 item 1: a group the role does not serve (a multi-group receiver such as the
    // distortion utility serves every group of its verifier, spec/distortion.md §13.2).
    if (!h.group().equals(address.group()) && !endpoint.verifier().groups().contains(h.group())) {
      return true;
    }
    Address r = h.recipient();
    return !(r.equals(Address.GROUP_BROADCAST) || endpoint.party().isAddressedTo(r));
  }

  private static Refusal refusal(ProtocolViolationException e) {
    CheckId id = e.checkId();
    if (e instanceof MalformedMessageException m) {
      return new Refusal(id, m.field());
    }
    String message = String.valueOf(e.getMessage());
    String prefix = id.value() + ": ";
    return new Refusal(id, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  /**
   * Returns the earliest due time of an armed timer.
   *
   * @return the next timeout
   */
  public Optional<LogicalTime> nextTimeout() {
    return read(() -> armed.values().stream().min(LogicalTime::compareTo));
  }

  /**
   * Returns every armed timer, ordered by due time, kind, argument.
   *
   * @return the armed timers
   */
  public List<ArmedTimer> armedTimers() {
    return read(() -> {
      List<ArmedTimer> all = new ArrayList<>();
      armed.forEach((id, due) -> all.add(new ArmedTimer(id, due)));
      all.sort(java.util.Comparator.naturalOrder());
      return List.copyOf(all);
    });
  }

  /**
   * Returns the last commit's outbox once after a reopen (spec/runtime.md §6.1 item 5).
   *
   * @return the outbox, empty if none, already returned, or superseded by a commit
   * @throws StoreException RT-S-02 or RT-S-05 if it does not decode
   */
  public Optional<Outbox> recover() throws StoreException {
    return guarded(() -> {
      Optional<byte[]> r = recoverable;
      if (r.isEmpty()) {
        return Optional.empty();
      }
      recoverable = Optional.empty();
      try {
        return Optional.of(Outbox.decode(r.get(), binding.events()));
      } catch (MalformedMessageException e) {
        throw new StoreException(
            e.checkId().equals(RuntimeChecks.RT_S_02) ? RuntimeChecks.RT_S_02 : RuntimeChecks.RT_S_05,
            "stored outbox: field " + e.field());
      }
    });
  }

  /**
   * Returns the role's address.
   *
   * @return the address
   */
  public RoleAddress address() {
    return address;
  }

  /**
   * Returns the party's current state, for a handle's queries.
   *
   * @return the state
   */
  public S party() {
    return read(endpoint::party);
  }

  /**
   * Returns the greatest {@code now} committed (spec/runtime.md §4.2).
   *
   * @return lastNow
   */
  public LogicalTime lastNow() {
    return read(() -> lastNow);
  }

  /**
   * Returns the role's vault.
   *
   * @return the vault
   */
  public KeyVault vault() {
    return read(store::vault);
  }

  /** Releases the store; later calls throw {@link IllegalStateException}. */
  public void close() {
    if (!inUse.compareAndSet(false, true)) {
      throw new ConcurrentModificationException("a role handle takes one call at a time");
    }
    try {
      if (!closed) {
        closed = true;
        store.close();
      }
    } finally {
      inUse.set(false);
    }
  }

  @Override
  public String toString() {
    return "RoleRuntime[" + address.role() + " of " + address.group().value() + ", sequence="
        + sequence + ", " + armed.size() + " timers armed]";
  }
}
