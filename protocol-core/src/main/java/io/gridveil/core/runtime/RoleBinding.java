// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.GroupId;
import io.gridveil.core.message.Address;
import java.util.Map;
import java.util.Optional;

/**
 * What a scheme's handle supplies to the shared {@link RoleRuntime} (spec/runtime.md §3.1): the
 * encoding of its party state into sections, the party's input for each timer, the route of a
 * recipient the runtime cannot map alone, and the codec of its events.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 */
public interface RoleBinding<S, I> {
  /**
   * Encodes the party's durable state into named sections (spec/runtime.md §6.2), each content
   * starting with its u16 schema version. The names {@code clock}, {@code timers} and
   * {@code windows} belong to the runtime.
   *
   * @param party the party state
   * @return the sections by name
   */
  Map<String, byte[]> sections(S party);

  /**
   * Returns the party's input for a fired timer (spec/runtime.md §4.5).
   *
   * @param timer the timer that fired
   * @return the input
   */
  I timerInput(TimerId timer);

  /**
   * Routes an outbound envelope's recipient (spec/runtime.md §3.4). The default maps every fixed
   * address; a role that sends to the local concentrator overrides it.
   *
   * @param party the party state after the step
   * @param group the envelope's group
   * @param recipient the envelope's recipient
   * @return the route, empty if the recipient cannot be routed (a bug)
   */
  default Optional<Route> route(S party, GroupId group, Address recipient) {
    return Route.forRecipient(group, recipient);
  }

  /**
   * Writes ahead into the vault the long-term keys a step delivered to the party (spec/runtime.md
   * §5.4 item 4, §6.1 item 2): called before every commit, so a stored state never names an alias
   * the vault lacks. The default writes nothing; a role whose keys arrive in-protocol (the blinding
   * meter's SeedDeal) imports them here.
   *
   * @param party the party state about to be committed
   * @param vault the role's vault
   * @throws StoreException if the vault could not be written; the commit does not happen
   */
  default void storeKeys(S party, KeyVault vault) throws StoreException {}

  /**
   * Returns the codec of the role's own events.
   *
   * @return the codec
   */
  default EventCodec events() {
    return EventCodec.NONE;
  }
}
