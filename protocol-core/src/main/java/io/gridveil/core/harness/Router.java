// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.harness;

import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps routes to nodes (spec/runtime.md §8 item 2): {@code ToRole} and {@code ToMeter} to the
 * node with that address, {@code ToGroup} to every node of the group but the sender,
 * {@code ToPseudonym} to every meter node of the group but the sender (the handles ignore what is
 * not theirs). It keeps no token map and never reads party state.
 */
public final class Router {
  private final Map<String, RoleAddress> nodes = new LinkedHashMap<>();

  /** Creates a router with no nodes. */
  public Router() {}

  /**
   * Adds or replaces a node.
   *
   * @param name the node's name
   * @param address its role address
   */
  public void put(String name, RoleAddress address) {
    nodes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(address, "address"));
  }

  /**
   * Returns the nodes a frame from {@code sender} with {@code route} goes to, in the order the
   * nodes were added.
   *
   * @param sender the sending node's name
   * @param route the frame's route
   * @return the receiving nodes' names
   */
  public List<String> targets(String sender, Route route) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, RoleAddress> e : nodes.entrySet()) {
      RoleAddress a = e.getValue();
      if (e.getKey().equals(sender) || !a.group().equals(route.group())) {
        continue;
      }
      boolean hit;
      if (route instanceof Route.ToRole r) {
        hit = a.role() == r.role();
      } else if (route instanceof Route.ToMeter m) {
        hit = a.role() == Role.METER && a.identity().equals(java.util.Optional.of(m.id()));
      } else if (route instanceof Route.ToGroup) {
        hit = true;
      } else {
        hit = a.role() == Role.METER;
      }
      if (hit) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
