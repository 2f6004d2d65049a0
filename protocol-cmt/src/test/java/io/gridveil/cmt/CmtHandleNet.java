// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
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
import io.gridveil.core.AggregationParameters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A CMT group driven through its handles only (spec/runtime.md §3): frames delivered by the
 * outboxes' routes (a pseudonym route as a broadcast, §3.4 item 3), timers fired with
 * {@code onTimeout} as logical time advances. Nothing here feeds a party input directly.
 */
final class CmtHandleNet {
  static final GroupId GROUP = new GroupId("grid-h");
  static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(64, 100_000, 64))
          .withMinGroupSize(3);
  static final Timing TIMING = Timing.builder()
      .discoveryInterval(Duration.ofSeconds(1))
      .registrationWindow(Duration.ofSeconds(2))
      .roundDeadline(Duration.ofSeconds(5))
      .lcTimeout(Duration.ofHours(10))
      .build();
  static final RoundSchedule SCHEDULE = new RoundSchedule(0, 60_000);

  final RandomSource random;
  final Ed25519SigningKey supplierKey;
  final X25519KeyPair readingKeys;
  final Map<MeterId, CmtMeterKit> kits = new LinkedHashMap<>();
  final Map<MeterId, CmtMeterHandle> meters = new LinkedHashMap<>();
  CmtSupplierHandle supplier;
  long millis;
  final Deque<OutboundFrame> queue = new ArrayDeque<>();
  final List<RoundOutcome> outcomes = new ArrayList<>();
  final List<ProtocolEvent> events = new ArrayList<>();
  final List<Refusal> refusals = new ArrayList<>();
  /** Every frame delivered, in order, for replays. */
  final List<OutboundFrame> delivered = new ArrayList<>();

  CmtHandleNet(long seed, RoleStore supplierStore) throws StoreException {
    random = DeterministicRandomSource.fromSeed(seed);
    supplierKey = Ed25519SigningKey.generate(random);
    readingKeys = X25519KeyPair.generate(random);
    supplier = openSupplier(supplierStore);
  }

  CmtSupplierHandle openSupplier(RoleStore store) throws StoreException {
    return CmtSupplierHandle.open(PARAMS, GROUP, supplierKey, readingKeys, TIMING, SCHEDULE,
        random, store);
  }

  LogicalTime now() {
    return LogicalTime.ofMillis(millis);
  }

  /** Enrols a new meter at the supplier, opens its handle over the store and starts it. */
  MeterId join(String name, RoleStore store) throws StoreException {
    MeterId id = new MeterId(name);
    Ed25519SigningKey device = Ed25519SigningKey.generate(random);
    post(supplier.enrol(id, device.publicKey(), now()));
    TrustAnchors anchors =
        TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()));
    CmtMeterKit kit = new CmtMeterKit(id, GROUP, PARAMS, TIMING, SCHEDULE,
        new MeterCredentials(device.publicKey(), anchors, readingKeys.publicKey()), device,
        MeterSecret.random(random));
    kits.put(id, kit);
    openMeter(id, store);
    post(meters.get(id).start(now()));
    return id;
  }

  /** Provisions a meter at the supplier (runtime.md §5.4 item 1), opens and starts it. */
  MeterId provision(String name, RoleStore store)
      throws StoreException, io.gridveil.core.ProtocolViolationException {
    MeterId id = new MeterId(name);
    kits.put(id, supplier.provision(id, now()));
    openMeter(id, store);
    post(meters.get(id).start(now()));
    return id;
  }

  CmtMeterHandle openMeter(MeterId id, RoleStore store) throws StoreException {
    CmtMeterHandle h = CmtMeterHandle.open(kits.get(id), random, store);
    meters.put(id, h);
    return h;
  }

  void post(Outbox o) {
    queue.addAll(o.frames());
    outcomes.addAll(o.outcomes());
    events.addAll(o.events());
    o.refusal().ifPresent(refusals::add);
  }

  /** The handles a route reaches. */
  List<RoleHandle> route(Route r) {
    List<RoleHandle> out = new ArrayList<>();
    if (r instanceof Route.ToRole) {
      out.add(supplier);
    } else if (r instanceof Route.ToMeter m) {
      CmtMeterHandle h = meters.get(m.id());
      if (h != null) {
        out.add(h);
      }
    } else {
      out.addAll(meters.values());
    }
    return out;
  }

  void deliver() throws StoreException {
    int budget = 100_000;
    while (!queue.isEmpty()) {
      if (--budget == 0) {
        throw new AssertionError("the group does not go idle");
      }
      OutboundFrame f = queue.poll();
      delivered.add(f);
      for (RoleHandle h : route(f.route())) {
        post(h.onFrame(f.bytes(), now()));
      }
    }
  }

  /** Advances time by ms, fires every due timer of every handle, delivers until idle. */
  void tick(long ms) throws StoreException {
    millis += ms;
    deliver();
    post(supplier.onTimeout(now()));
    for (CmtMeterHandle m : List.copyOf(meters.values())) {
      post(m.onTimeout(now()));
    }
    deliver();
  }

  /** True when one LC keyed the supplier's key over exactly the expected meters. */
  boolean stable(int n) {
    long lcs = meters.values().stream().filter(CmtMeterHandle::isLocalConcentrator).count();
    return lcs == 1 && supplier.epoch() > 0 && supplier.members().size() == n
        && meters.values().stream().allMatch(m -> m.phase() == Meter.Phase.ACTIVE);
  }

  /** Ticks one second at a time until stable (fails after two minutes of logical time). */
  void settle(int n) throws StoreException {
    deliver();
    for (int i = 0; i < 120 && !stable(n); i++) {
      tick(1_000);
    }
    if (!stable(n)) {
      throw new AssertionError("the group did not settle: supplier epoch " + supplier.epoch()
          + ", members " + supplier.members().size() + ", refusals " + refusals);
    }
  }

  /**
   * Runs round j: every meter gets its reading, the supplier requests the round, delivery, then
   * the deadlines pass. Returns the supplier's outcome of round j.
   */
  RoundOutcome round(long j, Map<MeterId, Long> readings) throws StoreException {
    return round(j, readings, Function.identity());
  }

  RoundOutcome round(long j, Map<MeterId, Long> readings,
      Function<Outbox, Outbox> requestHook) throws StoreException {
    Round r = new Round(j);
    for (Map.Entry<MeterId, Long> e : readings.entrySet()) {
      post(meters.get(e.getKey()).onReading(r,
          io.gridveil.core.Reading.ofWattHours(e.getValue()), now()));
    }
    post(requestHook.apply(supplier.requestRound(r, now())));
    deliver();
    tick(TIMING.roundDeadline().toMillis() + 1);
    RoundOutcome found = null;
    for (RoundOutcome o : outcomes) {
      if (o.round().equals(r)) {
        if (found != null) {
          throw new AssertionError("two outcomes of round " + j);
        }
        found = o;
      }
    }
    if (found == null) {
      throw new AssertionError("no outcome of round " + j + "; refusals " + refusals);
    }
    return found;
  }
}
