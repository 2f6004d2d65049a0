// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.List;

/**
 * A freshly keyed EDAT group for tests: supplier, aggregator and n meters, with a test PKI that
 * licenses the meters and passes envelopes through the real sealing and verification.
 */
final class EdatGroup {
  static final EnvelopeCodec<DdhMessage> CODEC = EnvelopeCodec.of(DdhCodec.INSTANCE);

  final DdhParameters params;
  final GroupId group = new GroupId("g-test");
  final TestPki pki;
  final Admission admission;
  final List<MeterId> ids = new ArrayList<>();
  final List<X25519PrivateKey> keys = new ArrayList<>();
  final X25519PrivateKey supplierKey;
  final Ed25519SigningKey signingKey;
  final DdhSupplier supplier;
  final DdhAggregator aggregator;
  final List<DdhMeter> meters = new ArrayList<>();

  EdatGroup(DdhParameters params, int n, long seed) throws ProtocolViolationException {
    this.params = params;
    RandomSource rng = DeterministicRandomSource.fromSeed(seed);
    pki = new TestPki(DeterministicRandomSource.fromSeed(~seed));
    admission = new Admission(pki.anchors(), RevocationList.NONE, Round.FIRST);
    for (int i = 0; i < n; i++) {
      ids.add(new MeterId("m-" + i));
      keys.add(X25519PrivateKey.generate(rng));
    }
    supplierKey = X25519PrivateKey.generate(rng);
    signingKey = Ed25519SigningKey.generate(rng);
    supplier = DdhSupplier.create(params, group, 1, enrolments(), admission, supplierKey, signingKey);
    aggregator = DdhAggregator.create(params, group, signingKey.publicKey(), supplier.signedRoster());
    for (int i = 0; i < n; i++) {
      meters.add(DdhMeter.create(params, ids.get(i), keys.get(i), signingKey.publicKey(), supplier.signedRoster()));
    }
  }

  /** The meters' enrolments in ring order: their test licences and X25519 keys. */
  List<DdhEnrolment> enrolments() {
    List<DdhEnrolment> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      out.add(new DdhEnrolment(pki.licence(ids.get(i), group), keys.get(i).publicKey()));
    }
    return out;
  }

  /** The roster entries in ring order. */
  List<RosterEntry> entries() {
    List<RosterEntry> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      out.add(new RosterEntry(ids.get(i), keys.get(i).publicKey()));
    }
    return out;
  }

  /** Seals an envelope as its sender would and verifies it for the receiving party. */
  DdhInput in(Envelope<DdhMessage> e, ReceiverPolicy receiver) throws ProtocolViolationException {
    return new DdhInput.Inbound(pki.verified(e, CODEC, receiver));
  }
}
