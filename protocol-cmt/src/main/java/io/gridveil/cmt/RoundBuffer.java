// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.Reading;
import io.gridveil.core.secret.SecretLong;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A meter's round buffer (spec/runtime.md §7.4, spec/cmt.md §3.6 steps 2 to 4): per round ahead
 * of the last completed one and within W of the horizon, the request flag, the predecessor's
 * delta and the reading. It refuses a round that is completed (CMT-S-03) or beyond the window
 * (CMT-S-05) and a repeated or second contribution (CMT-S-04, CMT-V-04), drops rounds more than
 * W behind the horizon, and tells when a round is complete. Immutable; redacted toString.
 */
final class RoundBuffer {
  /** One round's buffered inputs. */
  static final class Slot {
    static final Slot EMPTY = new Slot(false, null, null);

    final boolean requested;
    final @Nullable SecretLong predecessorDelta;
    final @Nullable Reading reading;

    private Slot(boolean requested, @Nullable SecretLong predecessorDelta,
        @Nullable Reading reading) {
      this.requested = requested;
      this.predecessorDelta = predecessorDelta;
      this.reading = reading;
    }

    boolean complete() {
      return requested && predecessorDelta != null && reading != null;
    }

    @Override
    public String toString() {
      return "Slot[redacted]";
    }
  }

  private final int window;
  private final long lastCompleted;
  private final long horizon;
  private final Map<Long, Slot> slots;

  private RoundBuffer(int window, long lastCompleted, long horizon, Map<Long, Slot> slots) {
    this.window = window;
    this.lastCompleted = lastCompleted;
    this.horizon = horizon;
    this.slots = Map.copyOf(slots);
  }

  /**
   * An empty buffer.
   *
   * @param window W (spec/cmt.md §1.2)
   * @return the buffer, with no round completed
   */
  static RoundBuffer empty(int window) {
    return new RoundBuffer(window, 0, 0, Map.of());
  }

  /**
   * A buffer of a restored meter (spec/runtime.md §6.2): no slot, round {@code lastCompleted} and
   * every round before it completed.
   *
   * @param window W (spec/cmt.md §1.2)
   * @param lastCompleted the persisted encrypt-once mark
   * @return the buffer
   */
  static RoundBuffer restored(int window, long lastCompleted) {
    return new RoundBuffer(window, lastCompleted, lastCompleted, Map.of());
  }

  /** The last round this meter encrypted (spec/cmt.md §3.12 (a)). */
  long lastCompleted() {
    return lastCompleted;
  }

  /** The buffered inputs of round j (empty if none). */
  Slot slot(long j) {
    return slots.getOrDefault(j, Slot.EMPTY);
  }

  /**
   * Buffers the local reading of round j (spec/cmt.md §3.6 step 4).
   *
   * @throws CmtViolationException CMT-S-03 for a completed round, CMT-S-04 for the same reading
   *     again, CMT-V-04 for a second, different reading
   */
  RoundBuffer withReading(long j, Reading reading) throws CmtViolationException {
    if (j <= lastCompleted) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "reading for a completed round");
    }
    Slot p = slot(j);
    Reading old = p.reading;
    if (old != null) {
      if (old.value() == reading.value()) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "reading already given");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second reading for a round");
    }
    return with(j, new Slot(p.requested, p.predecessorDelta, reading));
  }

  /**
   * Refuses a request of round j that this member has completed or already processed.
   *
   * @throws CmtViolationException CMT-S-03 for a completed round, CMT-S-04 for a repeat
   */
  void checkRequest(long j) throws CmtViolationException {
    if (j <= lastCompleted) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "round already completed");
    }
    if (slot(j).requested) {
      throw new CmtViolationException(CmtChecks.CMT_S_04, "request already processed");
    }
  }

  /** Marks round j requested (spec/cmt.md §3.6 step 2). */
  RoundBuffer withRequest(long j) {
    Slot p = slot(j);
    return with(j, new Slot(true, p.predecessorDelta, p.reading));
  }

  /**
   * Buffers the predecessor's delta of round j (spec/cmt.md §3.6 step 3).
   *
   * @throws CmtViolationException CMT-S-03 for a completed round, CMT-S-05 beyond the window,
   *     CMT-S-04 for the same delta again, CMT-V-04 for a second, different one
   */
  RoundBuffer withDelta(long j, SecretLong delta) throws CmtViolationException {
    if (j <= lastCompleted) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "round already completed");
    }
    // §3.6 step 3: an early delta is buffered only within W rounds of the latest round this
    // meter knows of (its reading, its last request or its last completed round).
    if (j > Math.max(horizon, lastCompleted) + window) {
      throw new CmtViolationException(CmtChecks.CMT_S_05, "round beyond the window");
    }
    Slot p = slot(j);
    SecretLong old = p.predecessorDelta;
    if (old != null) {
      if (delta.equalsConstantTime(old)) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "delta already received");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second delta for a round");
    }
    return with(j, new Slot(p.requested, delta, p.reading));
  }

  /** Round j encrypted: it and every earlier round leave the buffer. */
  RoundBuffer completed(long j) {
    Map<Long, Slot> rest = new TreeMap<>(slots);
    rest.keySet().removeIf(k -> k <= j);
    return new RoundBuffer(window, j, horizon, rest);
  }

  /** Drops requests and deltas (a new ring), keeping the readings. */
  RoundBuffer withoutRingState() {
    Map<Long, Slot> out = new TreeMap<>();
    for (Map.Entry<Long, Slot> e : slots.entrySet()) {
      Reading r = e.getValue().reading;
      if (r != null) {
        out.put(e.getKey(), new Slot(false, null, r));
      }
    }
    return new RoundBuffer(window, lastCompleted, horizon, out);
  }

  /** Drops every buffered round (the meter left), keeping the marks. */
  RoundBuffer cleared() {
    return new RoundBuffer(window, lastCompleted, horizon, Map.of());
  }

  private RoundBuffer with(long j, Slot p) {
    long h = horizon;
    if (p.requested || p.reading != null) {
      h = Math.max(horizon, j);
    }
    Map<Long, Slot> m = new TreeMap<>(slots);
    m.put(j, p);
    // Bound the buffer: rounds more than W behind the horizon can no longer be requested.
    long oldest = h - window;
    m.keySet().removeIf(k -> k < oldest);
    return new RoundBuffer(window, lastCompleted, h, m);
  }

  @Override
  public String toString() {
    return "RoundBuffer[lastCompleted=" + lastCompleted + ", redacted]";
  }
}
