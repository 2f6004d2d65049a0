// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Refusal;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.Timing;
import io.gridveil.core.secret.SecretBytes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An EDAT group reached only through its handles (spec/runtime.md §3.2): a supplier, an
 * aggregator and n meters, their seeds and licences, and a router that delivers every frame by
 * its route.
 */
final class EdatHandleGroup {
  static final GroupId G = new GroupId("g-edat-handles");
  static final Duration DEADLINE = Duration.ofSeconds(30);
  static final Timing TIMING = Timing.builder().roundDeadline(DEADLINE).build();
  static final RoundSchedule SCHEDULE = new RoundSchedule(0, 60_000);

  final int n;
  final DdhParameters params;
  final SecretBytes supplierSeed;
  final SecretBytes aggregatorSeed;
  final TrustAnchors anchors;
  final Admission admission;
  final List<SecretBytes> secrets = new ArrayList<>();
  final List<SecretBytes> licenceSeeds = new ArrayList<>();
  final List<SignedLicence> licences = new ArrayList<>();

  DdhSupplierHandle supplier;
  DdhAggregatorHandle aggregator;
  final List<DdhMeterHandle> meters = new ArrayList<>();
  /** Refusals seen while routing, by check. */
  final List<Refusal> refusals = new ArrayList<>();

  EdatHandleGroup(int n, long seed) {
    this.n = n;
    params = DdhParameters.of(n, 100, 32);
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
    supplierSeed = SecretBytes.random(32, r);
    aggregatorSeed = SecretBytes.random(32, r);
    Ed25519SigningKey supplierKey = Ed25519SigningKey.fromSeed(supplierSeed);
    anchors = TrustAnchors.empty()
        .with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()))
        .with(Anchor.of(Address.AGGREGATOR, Ed25519SigningKey.fromSeed(aggregatorSeed).publicKey()));
    admission = new Admission(anchors, RevocationList.NONE, Round.FIRST);
    for (int i = 0; i < n; i++) {
      secrets.add(SecretBytes.random(32, r));
      SecretBytes ls = SecretBytes.random(32, r);
      licenceSeeds.add(ls);
      licences.add(SignedLicence.issue(new Licence(200 + i, new MeterId("e-" + i),
          Ed25519SigningKey.fromSeed(ls).publicKey(), G, Round.FIRST, Anchor.FOREVER), supplierKey));
    }
  }

  List<DdhEnrolment> enrolments(List<Integer> which) {
    List<DdhEnrolment> out = new ArrayList<>();
    for (int i : which) {
      out.add(new DdhEnrolment(licences.get(i),
          X25519PrivateKey.fromScalar(secrets.get(i)).publicKey()));
    }
    return out;
  }

  List<Integer> all() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** Opens (or reopens) every role on the given stores: index n is the aggregator, n + 1 the supplier. */
  void open(List<RoleStore> stores) throws Exception {
    supplier = DdhSupplierHandle.open(params, G, enrolments(all()), admission, supplierSeed, anchors,
        stores.get(n + 1), TIMING, SCHEDULE, DeterministicRandomSource.fromSeed(31));
    aggregator = DdhAggregatorHandle.open(params, G, supplier.rosterAnchor(),
        supplier.signedRoster(), aggregatorSeed, anchors, RevocationList.NONE, stores.get(n), TIMING,
        SCHEDULE, DeterministicRandomSource.fromSeed(32));
    meters.clear();
    for (int i = 0; i < n; i++) {
      meters.add(meter(i, stores.get(i)));
    }
  }

  DdhMeterHandle meter(int i, RoleStore store) throws Exception {
    return DdhMeterHandle.open(params, secrets.get(i), licences.get(i), licenceSeeds.get(i),
        supplier.rosterAnchor(), supplier.signedRoster(), anchors, store, SCHEDULE,
        DeterministicRandomSource.fromSeed(40 + i));
  }

  void closeAll() {
    supplier.close();
    aggregator.close();
    meters.forEach(DdhMeterHandle::close);
  }

  static List<RoleStore> inMemory(int count) {
    List<RoleStore> s = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      s.add(RoleStore.inMemory());
    }
    return s;
  }

  static LogicalTime at(long millis) {
    return LogicalTime.ofMillis(millis);
  }

  /**
   * Delivers the outbox's frames by their routes, and the frames those deliveries produce, until
   * none is left; returns every outcome reported on the way.
   */
  List<RoundOutcome> deliver(Outbox first, LogicalTime now) throws Exception {
    List<RoundOutcome> outcomes = new ArrayList<>(first.outcomes());
    outcomes.addAll(deliver(first.frames(), now));
    return outcomes;
  }

  /** As {@link #deliver(Outbox, LogicalTime)}, from a list of frames. */
  List<RoundOutcome> deliver(List<OutboundFrame> frames, LogicalTime now) throws Exception {
    List<RoundOutcome> outcomes = new ArrayList<>();
    ArrayDeque<OutboundFrame> air = new ArrayDeque<>(frames);
    while (!air.isEmpty()) {
      OutboundFrame f = air.poll();
      for (Outbox o : receive(f, now)) {
        o.refusal().ifPresent(refusals::add);
        outcomes.addAll(o.outcomes());
        air.addAll(o.frames());
      }
    }
    return outcomes;
  }

  private List<Outbox> receive(OutboundFrame f, LogicalTime now) throws Exception {
    List<Outbox> out = new ArrayList<>();
    Route r = f.route();
    if (r.equals(new Route.ToRole(G, Role.SUPPLIER))) {
      out.add(supplier.onFrame(f.bytes(), now));
    } else if (r.equals(new Route.ToRole(G, Role.AGGREGATOR))) {
      out.add(aggregator.onFrame(f.bytes(), now));
    } else if (r instanceof Route.ToMeter m) {
      for (DdhMeterHandle h : meters) {
        if (h.address().identity().orElseThrow().equals(m.id())) {
          out.add(h.onFrame(f.bytes(), now));
        }
      }
    } else if (r.equals(new Route.ToGroup(G))) {
      out.add(aggregator.onFrame(f.bytes(), now));
      for (DdhMeterHandle h : meters) {
        out.add(h.onFrame(f.bytes(), now));
      }
    } else {
      throw new AssertionError("unexpected route " + r);
    }
    return out;
  }

  /** Fires every due timer of every role and delivers what they send. */
  List<RoundOutcome> tick(LogicalTime now) throws Exception {
    List<RoundOutcome> out = new ArrayList<>(deliver(aggregator.onTimeout(now), now));
    out.addAll(deliver(supplier.onTimeout(now), now));
    return out;
  }
}
