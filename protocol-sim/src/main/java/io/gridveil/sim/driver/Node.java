// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.party.Party;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import java.util.Objects;

/**
 * The simulator's handle on one party (spec/sim.md §4.2): its current immutable state, its role
 * and whether it is down. A refused input leaves the state as it was.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 */
public final class Node<S extends Party<S, I>, I> {
  private final Role role;
  private final int index;
  private S state;
  private boolean down;

  /**
   * Creates a node.
   *
   * @param role the party's role, for the cost counts
   * @param index the meter's position in ring order, or -1 for another role
   * @param state the party's initial state
   */
  public Node(Role role, int index, S state) {
    this.role = Objects.requireNonNull(role, "role");
    this.index = index;
    this.state = Objects.requireNonNull(state, "state");
  }

  /**
   * Feeds one input to the party and keeps its next state.
   *
   * @param input the input
   * @param random the injected random source
   * @return the step, whose state is now this node's
   * @throws ProtocolViolationException if the party refuses the input; the state is unchanged
   */
  public Step<S> step(I input, RandomSource random) throws ProtocolViolationException {
    Step<S> s = state.step(input, random);
    state = s.next();
    return s;
  }

  /**
   * Returns the party's current state.
   *
   * @return the state
   */
  public S state() {
    return state;
  }

  /**
   * Replaces the party's state, for a restart from persistent state.
   *
   * @param next the new state
   */
  public void reset(S next) {
    state = Objects.requireNonNull(next, "next");
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
