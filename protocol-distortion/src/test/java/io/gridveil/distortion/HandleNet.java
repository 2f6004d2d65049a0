// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleHandle;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.Timing;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.ObservationGrid;
import io.gridveil.distortion.reconstruction.ObservationHistogram;
import io.gridveil.distortion.reconstruction.Reconstructor;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meters, collectors and the utility of spec/distortion.md opened as handles only
 * (spec/runtime.md §3.2): bytes in, outboxes out, frames delivered by their routes, timers fired
 * with {@code onTimeout} at {@code nextTimeout}. The test keeps the ground truth (the true
 * readings it chose and the distorted values the meters put on the wire) and the stores, so that
 * every handle can be closed and reopened.
 */
final class HandleNet {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final RoundSchedule SCHEDULE = new RoundSchedule(0, Duration.ofMinutes(15).toMillis());
  static final DistortionDeployment DEPLOYMENT = new DistortionDeployment(
      Neighbourhood.NOISE, Neighbourhood.PLAN, Neighbourhood.GRID, Neighbourhood.OPTIONS,
      Timing.builder().roundDeadline(DEADLINE).build(), SCHEDULE);

  /** Opens a store for a node name (in memory or in files). */
  @FunctionalInterface
  interface Stores {
    RoleStore open(String node) throws StoreException;
  }

  final List<GroupId> groups = new ArrayList<>();
  final Map<MeterId, GroupId> groupOf = new LinkedHashMap<>();
  final Map<MeterId, SignedLicence> licences = new HashMap<>();
  final Map<MeterId, SecretBytes> meterKeys = new HashMap<>();
  final Map<GroupId, SecretBytes> collectorKeys = new HashMap<>();
  final SecretBytes supplierSeed;
  final TrustAnchors supplierOnly;
  final TrustAnchors utilityAnchors;
  final Map<GroupId, MeterId> collectorIds = new LinkedHashMap<>();
  final Stores stores;
  final Map<String, RoleStore> openStores = new HashMap<>();
  final RandomSource partyRandom;

  final Map<MeterId, DistortingMeterHandle> meters = new LinkedHashMap<>();
  final Map<GroupId, CollectorHandle> collectors = new LinkedHashMap<>();
  UtilityHandle utility;

  /** Everything the handles released, in order. */
  final List<ProtocolEvent> events = new ArrayList<>();
  /** What each meter put on the wire per (group, slot): meter -> d. */
  final Map<String, Map<MeterId, Long>> distorted = new HashMap<>();
  /** True readings: meter -> slot -> r. */
  final Map<MeterId, Map<Long, Long>> readings = new HashMap<>();
  final ArrayDeque<OutboundFrame> air = new ArrayDeque<>();
  LogicalTime now = LogicalTime.ZERO;

  HandleNet(int groupCount, int metersPerGroup, long seed, Stores stores) throws StoreException {
    RandomSource keys = DeterministicRandomSource.fromSeed(seed);
    this.partyRandom = DeterministicRandomSource.fromSeed(seed + 1);
    this.stores = stores;
    this.supplierSeed = SecretBytes.random(32, keys);
    Ed25519SigningKey supplier = Ed25519SigningKey.fromSeed(supplierSeed);
    this.supplierOnly = TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplier.publicKey()));
    TrustAnchors ua = supplierOnly;
    long serial = 1;
    for (int g = 0; g < groupCount; g++) {
      GroupId group = new GroupId("group-" + g);
      groups.add(group);
      SecretBytes ck = SecretBytes.random(32, keys);
      collectorKeys.put(group, ck);
      MeterId cid = new MeterId("collector." + group.value());
      collectorIds.put(group, cid);
      ua = ua.with(Anchor.of(Address.identified(cid), Ed25519SigningKey.fromSeed(ck).publicKey()));
      for (int i = 0; i < metersPerGroup; i++) {
        MeterId id = new MeterId("meter-" + g + "-" + i);
        SecretBytes mk = SecretBytes.random(32, keys);
        meterKeys.put(id, mk);
        groupOf.put(id, group);
        licences.put(id, SignedLicence.issue(new Licence(serial++, id,
            Ed25519SigningKey.fromSeed(mk).publicKey(), group, Round.FIRST, Anchor.FOREVER),
            supplier));
      }
    }
    this.utilityAnchors = ua;
    openAll();
  }

  RoleStore store(String node) throws StoreException {
    RoleStore s = openStores.get(node);
    if (s == null) {
      s = stores.open(node);
      openStores.put(node, s);
    }
    return s;
  }

  DistortingMeterHandle openMeter(MeterId id) throws StoreException {
    DistortingMeterHandle h = DistortingMeterHandle.open(DEPLOYMENT, licences.get(id),
        meterKeys.get(id), supplierOnly, store(id.value()), partyRandom);
    meters.put(id, h);
    return h;
  }

  CollectorHandle openCollector(GroupId g) throws StoreException {
    CollectorHandle h = CollectorHandle.open(DEPLOYMENT, g, Round.FIRST, supplierOnly,
        store("collector-" + g.value()), java.util.Optional.of(collectorKeys.get(g)), partyRandom);
    collectors.put(g, h);
    return h;
  }

  UtilityHandle openUtility() throws StoreException {
    utility = UtilityHandle.open(DEPLOYMENT, collectorIds, Round.FIRST, utilityAnchors,
        supplierSeed, store("utility"), partyRandom);
    return utility;
  }

  void openAll() throws StoreException {
    for (MeterId id : groupOf.keySet()) {
      openMeter(id);
    }
    for (GroupId g : groups) {
      openCollector(g);
    }
    openUtility();
  }

  /** Closes every handle (and so its store) and reopens it from a fresh store object. */
  void closeAndReopenAll() throws StoreException {
    for (RoleHandle h : all()) {
      h.close();
    }
    openStores.clear();
    openAll();
  }

  List<RoleHandle> all() {
    List<RoleHandle> out = new ArrayList<>(meters.values());
    out.addAll(collectors.values());
    out.add(utility);
    return out;
  }

  /** Takes a released outbox: records its events and puts its frames on the air. */
  Outbox take(Outbox o) {
    assertTrue(o.refusal().isEmpty(), () -> "refused: " + o.refusal());
    events.addAll(o.outcomes());
    events.addAll(o.events());
    air.addAll(o.frames());
    return o;
  }

  /** The handles a route reaches. */
  List<RoleHandle> targets(Route route) {
    if (route instanceof Route.ToRole r && r.role() == Role.COLLECTOR) {
      CollectorHandle c = collectors.get(r.group());
      return c == null ? List.of() : List.of(c);
    }
    if (route instanceof Route.ToRole r && r.role() == Role.UTILITY) {
      return List.of(utility);
    }
    if (route instanceof Route.ToMeter m) {
      DistortingMeterHandle h = meters.get(m.id());
      return h == null ? List.of() : List.of(h);
    }
    throw new AssertionError("a distortion frame has no other route: " + route);
  }

  /** Delivers every frame on the air by its route, and what they cause, until the air is empty. */
  void deliver() throws StoreException {
    for (OutboundFrame f = air.poll(); f != null; f = air.poll()) {
      for (RoleHandle h : targets(f.route())) {
        take(h.onFrame(f.bytes(), now));
      }
    }
  }

  /** Each meter of {@code readers} reads slot j: the reading chosen from the seed is kept. */
  void readSlot(long j, List<MeterId> readers, RandomSource readingRandom) throws Exception {
    now = SCHEDULE.startOf(new Round(j)).plus(Duration.ofSeconds(1));
    for (MeterId id : readers) {
      long r = readingRandom.uniformLong(Neighbourhood.PLAN.maxReading() + 1);
      readings.computeIfAbsent(id, k -> new HashMap<>()).put(j, r);
      Outbox o = take(meters.get(id).onReading(new Round(j), Reading.ofWattHours(r), now));
      assertEquals(1, o.frames().size());
      Envelope<DistortionMessage> sent = Neighbourhood.decodeInner(o.frames().get(0).bytes());
      distorted.computeIfAbsent(key(groupOf.get(id), j), k -> new HashMap<>())
          .put(id, ((DistortionMessage.DistortedReading) sent.body()).value());
    }
    deliver();
  }

  /** Fires every handle's timers, in due order, until none is armed: the slot's deadlines. */
  void fireDeadlines() throws StoreException {
    while (true) {
      LogicalTime next = null;
      for (RoleHandle h : all()) {
        LogicalTime t = h.nextTimeout().orElse(null);
        if (t != null && (next == null || t.compareTo(next) < 0)) {
          next = t;
        }
      }
      if (next == null) {
        return;
      }
      now = next;
      for (RoleHandle h : all()) {
        take(h.onTimeout(now));
      }
      deliver();
    }
  }

  /** Runs a whole slot: every meter reads, the collectors' and the utility's deadlines fire. */
  void slot(long j, RandomSource readingRandom) throws Exception {
    readSlot(j, new ArrayList<>(groupOf.keySet()), readingRandom);
    fireDeadlines();
  }

  <T extends ProtocolEvent> List<T> events(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (ProtocolEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** The local distribution of the distorted values the meters sent: the collector's oracle. */
  BinnedDistribution expectedLocal(GroupId g, long j) {
    Map<MeterId, Long> sent = distorted.getOrDefault(key(g, j), Map.of());
    long[] values = sent.values().stream().mapToLong(Long::longValue).toArray();
    return Reconstructor.reconstruct(
        ObservationHistogram.of(ObservationGrid.defaultFor(Neighbourhood.GRID, Neighbourhood.NOISE),
            values),
        Neighbourhood.NOISE, Neighbourhood.GRID, Neighbourhood.OPTIONS).distribution();
  }

  /** sum over the cycle's slots of r_j * P[j] (spec/distortion.md §3.2), from the chosen readings. */
  long trueBill(MeterId m, long cycle) {
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<Long, Long> e : readings.getOrDefault(m, Map.of()).entrySet()) {
      long slot = e.getKey();
      if (slot / Neighbourhood.J == cycle) {
        long price = Neighbourhood.PRICES.get((int) (slot % 24) % 2);
        total = total.add(BigInteger.valueOf(e.getValue()).multiply(BigInteger.valueOf(price)));
      }
    }
    return total.longValueExact();
  }

  /** Asserts every local and merged distribution of slot j against the wire and the readings. */
  void assertSlotExact(long j) {
    Map<GroupId, BinnedDistribution> locals = new HashMap<>();
    for (DistortionEvent.LocalReconstructed l : events(DistortionEvent.LocalReconstructed.class)) {
      if (l.round().index() == j) {
        assertFalse(locals.containsKey(l.group()), "two local distributions of a slot");
        locals.put(l.group(), l.distribution());
        assertEquals(expectedLocal(l.group(), j), l.distribution());
        assertEquals(distorted.get(key(l.group(), j)).size(), l.distribution().count());
      }
    }
    List<DistortionEvent.DistributionReconstructed> merged =
        events(DistortionEvent.DistributionReconstructed.class).stream()
            .filter(m -> m.round().index() == j).toList();
    assertEquals(1, merged.size());
    assertEquals(groups.stream().filter(locals::containsKey).toList(), merged.get(0).reporting());
    List<BinnedDistribution> reported = merged.get(0).reporting().stream().map(locals::get).toList();
    assertEquals(io.gridveil.distortion.reconstruction.HierarchicalMerge.merge(reported),
        merged.get(0).distribution());
  }

  /** The utility queries every meter's bill of a cycle; returns the bills received. */
  Map<MeterId, DistortionEvent.BillReceived> bill(long cycle) throws Exception {
    for (Map.Entry<MeterId, GroupId> e : groupOf.entrySet()) {
      take(utility.queryBill(e.getKey(), e.getValue(), cycle, now));
    }
    deliver();
    Map<MeterId, DistortionEvent.BillReceived> out = new HashMap<>();
    for (DistortionEvent.BillReceived b : events(DistortionEvent.BillReceived.class)) {
      if (b.cycle() == cycle) {
        out.put(b.meter(), b);
      }
    }
    return out;
  }

  static String key(GroupId g, long j) {
    return g.value() + "@" + j;
  }
}
