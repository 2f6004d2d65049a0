// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.AttackedNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An EDAT group behind authenticated endpoints (spec/ddh.md §10) over an {@link AttackedNetwork}:
 * the supplier and the aggregator sign with their role keys (kind 1), the meters send licensed
 * frames (kind 3). It records, as the test's oracle, which contributions the aggregator accepted.
 */
final class EdatNet {
  final EdatGroup g;
  final Endpoint<DdhSupplier, DdhInput, DdhMessage> supplier;
  final Endpoint<DdhAggregator, DdhInput, DdhMessage> aggregator;
  final Map<MeterId, Endpoint<DdhMeter, DdhInput, DdhMessage>> meters = new HashMap<>();
  final AttackedNetwork net;
  /** Round index to the meters whose contribution the aggregator accepted. */
  final Map<Long, Set<MeterId>> accepted = new HashMap<>();
  private final EnvelopeVerifier<DdhMessage> oracle;

  EdatNet(EdatGroup g, RevocationList revocations, FaultPlan faults, @Nullable ActiveAttacker attacker,
      long seed) {
    this.g = g;
    supplier = Endpoint.signing(g.supplier, EdatGroup.CODEC, DdhInput.Inbound::new,
        verifier(g.supplier, revocations), g.pki.key(Address.SUPPLIER), 0);
    aggregator = Endpoint.signing(g.aggregator, EdatGroup.CODEC, DdhInput.Inbound::new,
        verifier(g.aggregator, revocations), g.pki.key(Address.AGGREGATOR), 0);
    for (int i = 0; i < g.ids.size(); i++) {
      MeterId id = g.ids.get(i);
      meters.put(id, Endpoint.licensed(g.meters.get(i), EdatGroup.CODEC, DdhInput.Inbound::new,
          verifier(g.meters.get(i), revocations), g.pki.licence(id, g.group), g.pki.meterKey(id), 0));
    }
    // Only for reading back what the aggregator accepted: any recipient, no revocation.
    oracle = EnvelopeVerifier.of(EdatGroup.CODEC, (ReceiverPolicy) r -> true, g.group, g.pki.anchors());
    net = new AttackedNetwork(faults, DeterministicRandomSource.fromSeed(seed), this::route, attacker,
        DeterministicRandomSource.fromSeed(seed + 1));
  }

  private EnvelopeVerifier<DdhMessage> verifier(ReceiverPolicy party, RevocationList revocations) {
    return EnvelopeVerifier.of(EdatGroup.CODEC, party, g.group, g.pki.anchors()).withRevocations(revocations);
  }

  /** Meters that went down: they read nothing and receive nothing. */
  final Set<MeterId> down = new HashSet<>();

  private List<AttackedNetwork.Receiver> route(Address to) {
    List<AttackedNetwork.Receiver> out = new ArrayList<>();
    if (to instanceof Address.Identified m && down.contains(m.id())) {
      return out;
    }
    if (to.equals(Address.SUPPLIER)) {
      out.add(supplier::receive);
    } else if (to.equals(Address.AGGREGATOR)) {
      out.add(this::toAggregator);
    } else if (to.equals(Address.GROUP_BROADCAST)) {
      out.add(this::toAggregator);
      for (MeterId id : g.ids) {
        if (!down.contains(id)) {
          out.add(meters.get(id)::receive);
        }
      }
    } else if (to instanceof Address.Identified m && meters.containsKey(m.id())) {
      out.add(meters.get(m.id())::receive);
    }
    return out;
  }

  private Endpoint.Output toAggregator(byte[] bytes, Round now, io.gridveil.core.random.RandomSource random)
      throws ProtocolViolationException {
    Endpoint.Output out = aggregator.receive(bytes, now, random);
    VerifiedEnvelope<DdhMessage> v = oracle.verify(bytes, now);
    if (v.envelope().body() instanceof DdhMessage.Contribution && v.principal() instanceof Address.Identified m) {
      accepted.computeIfAbsent(v.envelope().round().index(), k -> new HashSet<>()).add(m.id());
    }
    return out;
  }

  /** Feeds every listed meter its reading for round j and sends the contributions. */
  void readings(Round j, long[] readings, Set<Integer> absent) throws ProtocolViolationException {
    for (int i = 0; i < g.ids.size(); i++) {
      if (!absent.contains(i) && !down.contains(g.ids.get(i))) {
        net.post(meters.get(g.ids.get(i)).input(
            new DdhInput.LocalReading(j, io.gridveil.core.Reading.ofWattHours(readings[i])), EdatRounds.RNG));
      }
    }
  }

  /** Closes round j: the aggregator's deadline, delivery of sums, requests and reveals, the supplier's deadline. */
  void close(Round j, int ticksBeforeDeadline) throws ProtocolViolationException {
    net.run(j, ticksBeforeDeadline);
    net.post(aggregator.input(new DdhInput.Deadline(j), EdatRounds.RNG));
    net.run(j, 500);
    net.post(supplier.input(new DdhInput.Deadline(j), EdatRounds.RNG));
  }

  /** Installs a newer supplier-signed revocation list at every endpoint. */
  void revoke(RevocationList list, Round now) throws ProtocolViolationException {
    SignedRevocationList signed = SignedRevocationList.issue(list, g.pki.key(Address.SUPPLIER));
    supplier.updateRevocations(signed, now);
    aggregator.updateRevocations(signed, now);
    for (Endpoint<DdhMeter, DdhInput, DdhMessage> m : meters.values()) {
      m.updateRevocations(signed, now);
    }
  }
}
