// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.auth.AuthenticatedParty;
import java.util.List;
import java.util.Optional;

/**
 * The base of every scheme's role handle (spec/runtime.md §3.1): the operations of
 * {@link RoleHandle}, delegated to a {@link RoleRuntime}. A subclass adds its role's operations,
 * each turning its arguments into the party's input and calling {@code runtime().input}.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 * @param <M> the scheme's message type
 */
public abstract class AbstractRoleHandle<S extends AuthenticatedParty<S, I>, I, M>
    implements RoleHandle {
  private final RoleRuntime<S, I, M> runtime;

  /**
   * Wraps an opened runtime.
   *
   * @param runtime the runtime, from {@link RoleRuntime#open}
   */
  protected AbstractRoleHandle(RoleRuntime<S, I, M> runtime) {
    this.runtime = java.util.Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * Returns the runtime, for the subclass's role operations.
   *
   * @return the runtime
   */
  protected final RoleRuntime<S, I, M> runtime() {
    return runtime;
  }

  @Override
  public final Outbox onFrame(byte[] frame, LogicalTime now) throws StoreException {
    return runtime.onFrame(frame, now);
  }

  @Override
  public final Outbox onTimer(TimerId timer, LogicalTime now) throws StoreException {
    return runtime.onTimer(timer, now);
  }

  @Override
  public final Outbox onTimeout(LogicalTime now) throws StoreException {
    return runtime.onTimeout(now);
  }

  @Override
  public final Optional<LogicalTime> nextTimeout() {
    return runtime.nextTimeout();
  }

  @Override
  public final List<ArmedTimer> armedTimers() {
    return runtime.armedTimers();
  }

  @Override
  public final Optional<Outbox> recover() throws StoreException {
    return runtime.recover();
  }

  @Override
  public final RoleAddress address() {
    return runtime.address();
  }

  @Override
  public final void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + runtime + "]";
  }
}
