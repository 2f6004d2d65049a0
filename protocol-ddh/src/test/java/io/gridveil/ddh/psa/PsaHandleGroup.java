// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.Timing;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.ddh.Admission;
import io.gridveil.testkit.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A PSA group reached only through its handles (spec/runtime.md §3.2): keys, licences, stores. */
final class PsaHandleGroup {
  static final GroupId G = new GroupId("g-psa-handles");
  static final long T_MAX = 50;
  static final Duration DEADLINE = Duration.ofSeconds(30);
  static final Timing TIMING = Timing.builder().roundDeadline(DEADLINE).build();
  static final RoundSchedule SCHEDULE = new RoundSchedule(0, 60_000);

  final int n;
  final PsaParameters params;
  final PsaDeal deal;
  final TestPki pki;
  final List<SignedLicence> licences = new ArrayList<>();
  final List<SecretBytes> seeds = new ArrayList<>();

  PsaHandleGroup(int n, long seed) {
    this.n = n;
    params = new PsaParameters(new AggregationParameters(
        n, T_MAX, Modulus.powerOfTwo(64), false, ReadingUnit.WATT_HOUR));
    deal = new PsaDealer(params, DeterministicRandomSource.fromSeed(seed)).deal(G, n);
    pki = new TestPki(DeterministicRandomSource.fromSeed(seed + 1));
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed + 2);
    for (int i = 0; i < n; i++) {
      SecretBytes s = SecretBytes.random(32, r);
      seeds.add(s);
      licences.add(SignedLicence.issue(new Licence(100 + i, new MeterId("p-" + i),
          Ed25519SigningKey.fromSeed(s).publicKey(), G, Round.FIRST, Anchor.FOREVER),
          pki.key(Address.SUPPLIER)));
    }
  }

  PsaMeterHandle meter(int i, RoleStore store) throws io.gridveil.core.runtime.StoreException {
    return PsaMeterHandle.open(params, deal.meterKeys().get(i), licences.get(i), seeds.get(i),
        pki.anchors(), store, SCHEDULE, DeterministicRandomSource.fromSeed(900 + i));
  }

  PsaAggregatorHandle aggregator(RoleStore store) throws Exception {
    return PsaAggregatorHandle.open(params, deal.aggregatorKey(), licences,
        new Admission(pki.anchors(), RevocationList.NONE, Round.FIRST), store, TIMING, SCHEDULE,
        DeterministicRandomSource.fromSeed(800));
  }

  static LogicalTime at(long millis) {
    return LogicalTime.ofMillis(millis);
  }

  /** The frames of an outbox routed to the aggregator, asserting that no other route appears. */
  static List<byte[]> toAggregator(Outbox o) {
    List<byte[]> out = new ArrayList<>();
    for (OutboundFrame f : o.frames()) {
      if (!f.route().equals(new Route.ToRole(G, Role.AGGREGATOR))) {
        throw new AssertionError("unexpected route " + f.route());
      }
      out.add(f.bytes());
    }
    return out;
  }
}
