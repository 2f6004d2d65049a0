// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Refusal;
import io.gridveil.core.runtime.RoleHandle;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.Timing;
import io.gridveil.testkit.TestPki;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One blinding group driven through its four kinds of handle only (spec/runtime.md §3): bytes in,
 * outboxes out, frames delivered by their routes, timers fired with onTimeout. Mutable, test-only.
 */
final class HandleGroup {
  static final long PERIOD = 60_000;
  static final Duration DEADLINE = Duration.ofSeconds(10);

  final GroupId group;
  final BlindingDeployment deployment;
  final TestPki pki;
  final List<MeterId> roster = new ArrayList<>();
  final Map<String, RoleStore> stores = new LinkedHashMap<>();
  final Map<String, RoleHandle> handles = new LinkedHashMap<>();
  /** Every outcome any handle released, in order. */
  final List<RoundOutcome> outcomes = new ArrayList<>();
  /** Every event other than outcomes any handle released. */
  final List<ProtocolEvent> events = new ArrayList<>();
  /** Every refusal any handle returned, with the node. */
  final List<Map.Entry<String, Refusal>> refusals = new ArrayList<>();
  LogicalTime now = LogicalTime.ofMillis(PERIOD + 1_000);

  private final Function<String, RoleStore> storeFactory;
  private long seed = 11;

  HandleGroup(String name, int n, boolean recovery, Function<String, RoleStore> storeFactory)
      throws StoreException {
    this.group = new GroupId(name);
    this.pki = TestAuth.pki(group);
    this.storeFactory = storeFactory;
    this.deployment =
        new BlindingDeployment(
            group,
            BlindingParameters.of(8, 1_000_000, recovery),
            pki.anchors(),
            RevocationList.NONE,
            Timing.builder().roundDeadline(DEADLINE).build(),
            new RoundSchedule(0, PERIOD));
    for (int i = 1; i <= n; i++) {
      roster.add(new MeterId("sm-" + i));
    }
    for (String node : nodes()) {
      stores.put(node, storeFactory.apply(node));
      open(node);
    }
  }

  List<String> nodes() {
    List<String> out = new ArrayList<>(List.of("ttp", "aggregator", "supplier"));
    for (MeterId id : roster) {
      out.add(id.value());
    }
    return out;
  }

  /** Opens (or reopens) a node's handle from its store. */
  RoleHandle open(String node) throws StoreException {
    RoleStore store = stores.get(node);
    RoleHandle h =
        switch (node) {
          case "ttp" -> BlindingTtpHandle.open(
              deployment, pki.key(Address.TRUSTED_THIRD_PARTY), store, random());
          case "aggregator" -> BlindingAggregatorHandle.open(
              deployment, pki.key(Address.AGGREGATOR), store, random());
          case "supplier" -> BlindingSupplierHandle.open(
              deployment, pki.key(Address.SUPPLIER), store, random());
          default -> {
            MeterId id = new MeterId(node);
            yield BlindingMeterHandle.open(
                deployment, id, pki.licence(id, group), pki.meterKey(id), store, random());
          }
        };
    handles.put(node, h);
    return h;
  }

  /** Closes every handle and reopens it from a fresh store object over the same medium. */
  void closeAndReopenAll() throws StoreException {
    for (String node : nodes()) {
      handles.get(node).close();
      stores.get(node).close();
      stores.put(node, storeFactory.apply(node));
      open(node);
    }
  }

  /** Drops every handle without close (a crash) and reopens it from the same store. */
  void crashAndReopenAll() throws StoreException {
    for (String node : nodes()) {
      open(node);
    }
  }

  private DeterministicRandomSource random() {
    return DeterministicRandomSource.fromSeed(seed++);
  }

  BlindingTtpHandle ttp() {
    return (BlindingTtpHandle) handles.get("ttp");
  }

  BlindingAggregatorHandle aggregator() {
    return (BlindingAggregatorHandle) handles.get("aggregator");
  }

  BlindingSupplierHandle supplier() {
    return (BlindingSupplierHandle) handles.get("supplier");
  }

  BlindingMeterHandle meter(int i) {
    return (BlindingMeterHandle) handles.get("sm-" + i);
  }

  List<SignedLicence> licences() {
    List<SignedLicence> out = new ArrayList<>();
    for (MeterId id : roster) {
      out.add(pki.licence(id, group));
    }
    return out;
  }

  /** The node a route leads to (spec/runtime.md §3.4). */
  String nodeOf(Route route) {
    if (route instanceof Route.ToMeter m) {
      return m.id().value();
    } else if (route instanceof Route.ToRole r) {
      return switch (r.role()) {
        case TRUSTED_THIRD_PARTY -> "ttp";
        case AGGREGATOR -> "aggregator";
        case SUPPLIER -> "supplier";
        default -> throw new AssertionError("no blinding node for " + r.role());
      };
    }
    throw new AssertionError("no blinding route " + route);
  }

  /** The TTP's set-up with the test key, and the deliveries it causes. */
  void setUp() throws StoreException {
    deliver("ttp", ttp().setupWithKeys(licences(), TestKeys.k2048(), RevocationList.NONE, now));
  }

  /** Records an outbox and delivers its frames by their routes until nothing is left. */
  void deliver(String from, Outbox first) throws StoreException {
    ArrayDeque<OutboundFrame> air = new ArrayDeque<>();
    record(from, first);
    air.addAll(first.frames());
    for (OutboundFrame f = air.poll(); f != null; f = air.poll()) {
      String to = nodeOf(f.route());
      Outbox out = handles.get(to).onFrame(f.bytes(), now);
      record(to, out);
      air.addAll(out.frames());
    }
  }

  void record(String node, Outbox out) {
    outcomes.addAll(out.outcomes());
    events.addAll(out.events());
    out.refusal().ifPresent(r -> refusals.add(Map.entry(node, r)));
  }

  /** Moves time to the earliest armed timer of any handle and fires every due timer. */
  boolean fireNextTimers() throws StoreException {
    LogicalTime next = null;
    for (RoleHandle h : handles.values()) {
      LogicalTime t = h.nextTimeout().orElse(null);
      if (t != null && (next == null || t.compareTo(next) < 0)) {
        next = t;
      }
    }
    if (next == null) {
      return false;
    }
    assertTrue(next.compareTo(now) >= 0, "a timer due in the past");
    now = next;
    for (Map.Entry<String, RoleHandle> e : new ArrayList<>(handles.entrySet())) {
      deliver(e.getKey(), e.getValue().onTimeout(now));
    }
    return true;
  }

  /** Fires timers until none is armed. */
  void runTimers() throws StoreException {
    int guard = 0;
    while (fireNextTimers()) {
      assertTrue(++guard < 100, "timers keep re-arming");
    }
  }

  /** Moves time to a second into round j. */
  void enterRound(long j) {
    LogicalTime t = LogicalTime.ofMillis(j * PERIOD + 1_000);
    assertTrue(t.compareTo(now) >= 0, "time goes forward");
    now = t;
  }
}
