// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Endpoint;
import java.util.Objects;

/**
 * The simulator's handle on one party (spec/sim.md §4.2): its authenticated endpoint (which holds
 * the party's current immutable state), its role and whether it is down. A refused input leaves
 * the endpoint as it was.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 * @param <M> the scheme's message type
 */
public final class Node<S extends AuthenticatedParty<S, I>, I, M> {
  private final Role role;
  private final int index;
  private Endpoint<S, I, M> endpoint;
  private boolean down;

  /**
   * Creates a node.
   *
   * @param role the party's role, for the cost counts
   * @param index the meter's position in ring order, or -1 for another role
   * @param endpoint the party's endpoint
   */
  public Node(Role role, int index, Endpoint<S, I, M> endpoint) {
    this.role = Objects.requireNonNull(role, "role");
    this.index = index;
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Returns the party's endpoint.
   *
   * @return the endpoint
   */
  public Endpoint<S, I, M> endpoint() {
    return endpoint;
  }

  /**
   * Returns the party's current state.
   *
   * @return the state
   */
  public S state() {
    return endpoint.party();
  }

  /**
   * Replaces the endpoint, for a restart from persistent state (with a sequence base above every
   * number the party used before, spec/auth.md §7).
   *
   * @param next the new endpoint
   */
  public void reset(Endpoint<S, I, M> next) {
    endpoint = Objects.requireNonNull(next, "next");
  }

  /**
   * Returns the party's role.
   *
   * @return the role
   */
  public Role role() {
    return role;
  }

  /**
   * Returns the meter's position.
   *
   * @return i in ring order, or -1 for a role that is not a meter
   */
  public int index() {
    return index;
  }

  /**
   * Tells whether the party is down.
   *
   * @return true if it neither receives nor sends
   */
  public boolean down() {
    return down;
  }

  /**
   * Sets whether the party is down.
   *
   * @param isDown true to take it down, false to bring it back
   */
  public void setDown(boolean isDown) {
    this.down = isDown;
  }

  @Override
  public String toString() {
    return "Node[" + role.id() + " " + index + (down ? " down" : "") + "]";
  }
}
