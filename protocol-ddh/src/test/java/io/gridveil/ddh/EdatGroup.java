// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;

/** A freshly keyed EDAT group for tests: supplier, aggregator and n meters. */
final class EdatGroup {
  final DdhParameters params;
  final GroupId group = new GroupId("g-test");
  final List<MeterId> ids = new ArrayList<>();
  final List<X25519PrivateKey> keys = new ArrayList<>();
  final X25519PrivateKey supplierKey;
  final RosterSigningKey signingKey;
  final DdhSupplier supplier;
  final DdhAggregator aggregator;
  final List<DdhMeter> meters = new ArrayList<>();

  EdatGroup(DdhParameters params, int n, long seed) throws DdhViolationException {
    this.params = params;
    RandomSource rng = DeterministicRandomSource.fromSeed(seed);
    List<RosterEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MeterId id = new MeterId("m-" + i);
      X25519PrivateKey k = X25519PrivateKey.generate(rng);
      ids.add(id);
      keys.add(k);
      entries.add(new RosterEntry(id, k.publicKey()));
    }
    supplierKey = X25519PrivateKey.generate(rng);
    signingKey = RosterSigningKey.generate(rng);
    supplier = DdhSupplier.create(params, group, 1, entries, supplierKey, signingKey);
    aggregator = DdhAggregator.create(params, group, signingKey.verificationKey(), supplier.signedRoster());
    for (int i = 0; i < n; i++) {
      meters.add(DdhMeter.create(params, ids.get(i), keys.get(i), signingKey.verificationKey(), supplier.signedRoster()));
    }
  }

  List<RosterEntry> entries() {
    List<RosterEntry> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      out.add(new RosterEntry(ids.get(i), keys.get(i).publicKey()));
    }
    return out;
  }
}
