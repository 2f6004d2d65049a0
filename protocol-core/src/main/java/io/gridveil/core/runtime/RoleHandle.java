// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The operations every role handle offers (spec/runtime.md §3.1). A handle owns its party state,
 * endpoint, armed timers and store; every state-changing call commits before it returns its
 * outbox. Not thread-safe but thread-confined: one call at a time; a concurrent call throws
 * {@link java.util.ConcurrentModificationException} without touching state (spec/runtime.md §11).
 */
public interface RoleHandle extends AutoCloseable {
  /**
   * Handles one frame from the transport.
   *
   * @param frame the authenticated frame
   * @param now the product's current time
   * @return the outbox: frames and timers, a refusal, or ignored
   * @throws StoreException if the commit failed; the handle is then failed
   */
  Outbox onFrame(byte[] frame, LogicalTime now) throws StoreException;

  /**
   * Fires one armed timer (spec/runtime.md §4.4 item 1); a stale or early fire does nothing.
   *
   * @param timer the timer
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  Outbox onTimer(TimerId timer, LogicalTime now) throws StoreException;

  /**
   * Fires every timer due at {@code now}, in order of due time, kind, argument (spec/runtime.md
   * §4.4 item 2).
   *
   * @param now the product's current time
   * @return one outbox, the concatenation in step order
   * @throws StoreException if the commit failed; the handle is then failed
   */
  Outbox onTimeout(LogicalTime now) throws StoreException;

  /**
   * Returns the earliest due time of an armed timer.
   *
   * @return the next timeout, empty if no timer is armed
   */
  Optional<LogicalTime> nextTimeout();

  /**
   * Returns every armed timer, ordered by due time, kind, argument.
   *
   * @return the armed timers
   */
  List<ArmedTimer> armedTimers();

  /**
   * After a reopen, returns the outbox of the last commit, once (spec/runtime.md §6.1 item 5).
   *
   * @return the outbox, empty if there is none, it was returned already, or a call committed
   *     since the reopen
   * @throws StoreException RT-S-02 or RT-S-05 if the stored outbox does not decode
   */
  Optional<Outbox> recover() throws StoreException;

  /**
   * Returns the role's address, for routing.
   *
   * @return the address
   */
  RoleAddress address();

  /** Releases the store; later calls throw {@link IllegalStateException}. */
  @Override
  void close();
}
