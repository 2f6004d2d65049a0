// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.Reading;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a meter holds for one round before it can encrypt (spec/cmt.md §3.6 steps 2 to 4): the
 * request, the predecessor's delta and the reading. Immutable; redacted toString.
 */
final class PendingRound {
  static final PendingRound EMPTY = new PendingRound(false, null, null);

  final boolean requested;
  final @Nullable Long predecessorDelta;
  final @Nullable Reading reading;

  PendingRound(boolean requested, @Nullable Long predecessorDelta, @Nullable Reading reading) {
    this.requested = requested;
    this.predecessorDelta = predecessorDelta;
    this.reading = reading;
  }

  PendingRound withRequest() {
    return new PendingRound(true, predecessorDelta, reading);
  }

  PendingRound withDelta(long delta) {
    return new PendingRound(requested, delta, reading);
  }

  PendingRound withReading(Reading r) {
    return new PendingRound(requested, predecessorDelta, r);
  }

  PendingRound withoutRingState() {
    return new PendingRound(false, null, reading);
  }

  @Override
  public String toString() {
    return "PendingRound[redacted]";
  }
}
