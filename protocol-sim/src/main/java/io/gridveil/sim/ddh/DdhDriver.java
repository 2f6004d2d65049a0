// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.Admission;
import io.gridveil.ddh.DdhAggregator;
import io.gridveil.ddh.DdhCodec;
import io.gridveil.ddh.DdhEnrolment;
import io.gridveil.ddh.DdhInput;
import io.gridveil.ddh.DdhMessage;
import io.gridveil.ddh.DdhMeter;
import io.gridveil.ddh.DdhParameters;
import io.gridveil.ddh.DdhSupplier;
import io.gridveil.ddh.DdhViolationException;
import io.gridveil.ddh.SignedRoster;
import io.gridveil.sim.driver.FrameNetwork;
import io.gridveil.sim.driver.GroupSession;
import io.gridveil.sim.driver.GroupSpec;
import io.gridveil.sim.driver.Node;
import io.gridveil.sim.driver.Pki;
import io.gridveil.sim.driver.Refusal;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.RoundInput;
import io.gridveil.sim.driver.RoundResult;
import io.gridveil.sim.driver.RoundTracker;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.driver.SimulationException;
import io.gridveil.sim.driver.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an EDAT group (spec/ddh.md §2, §3) as the package documentation of io.gridveil.ddh
 * prescribes: X25519 keys and a signed roster at set-up; per round each meter sends
 * c_ij = e_ij + r_ij + u_ij mod M to the aggregator, which forwards the sum of the contributions
 * it received by its deadline; the supplier removes the pads and, when meters are missing, asks
 * their ring neighbours to reveal the missing pads (§3.4).
 */
public final class DdhDriver implements SchemeDriver {
  private static final EnvelopeCodec<DdhMessage> CODEC = EnvelopeCodec.of(DdhCodec.INSTANCE);

  /** Creates the driver. */
  public DdhDriver() {}

  @Override
  public Scheme scheme() {
    return Scheme.DDH;
  }

  @Override
  public GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException {
    try {
      return new Group(spec, network);
    } catch (DdhViolationException | AuthenticationException e) {
      throw new SimulationException("ddh: group " + spec.group().value() + ": set-up refused (" + e.checkId() + ")", e);
    }
  }

  @Override
  public SchemeFacts facts() {
    return new SchemeFacts(
        "the sum of each round only (after dropout recovery, the sum over the meters present)",
        "spec/ddh.md §6.2",
        List.of(
            new SchemeFacts.Coalition("aggregator (A)", "nothing (row 1)"),
            new SchemeFacts.Coalition("supplier (S)", "the round's sum only (row 2)"),
            new SchemeFacts.Coalition("any set of meters, or A + meters without S", "nothing (rows 3, 4)"),
            new SchemeFacts.Coalition("S + meters without A", "the sum only; e_ij with all n - 1 others (row 5)"),
            new SchemeFacts.Coalition("A + S", "the sum only (row 6)"),
            new SchemeFacts.Coalition("A + S + one neighbour of SM_i", "the sum over SM_i's honest arc (row 7)"),
            new SchemeFacts.Coalition("A + S + both neighbours of SM_i", "e_ij (row 8)")),
        List.of(
            "X25519 keys and the signed roster are created at set-up; dropout recovery by pad reveal"
                + " is on (spec/ddh.md §3.4)"));
  }

  /** One group's parties. */
  private static final class Group implements GroupSession {
    private final GroupId group;
    private final Wire<DdhMessage, DdhInput> wire;
    private final List<Node<DdhMeter, DdhInput, DdhMessage>> meters = new ArrayList<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Node<DdhAggregator, DdhInput, DdhMessage> aggregator;
    private final Node<DdhSupplier, DdhInput, DdhMessage> supplier;
    private final RoundTracker<DdhMessage> round;

    Group(GroupSpec spec, FrameNetwork network)
        throws DdhViolationException, AuthenticationException {
      group = spec.group();
      RandomSource random = DeterministicRandomSource.fromSeed(spec.seed());
      DdhParameters params =
          new DdhParameters(spec.parameters(), Math.max(2, Math.min(spec.minGroup(), spec.parameters().nMax())));
      wire = new Wire<>("ddh", CODEC, network, random);
      // Package docs step 1 and spec/ddh.md §10: keys, licences checked at set-up, the roster in
      // ring order signed by the supplier's key.
      Pki pki = new Pki(group, random);
      List<X25519PrivateKey> keys = new ArrayList<>();
      List<DdhEnrolment> enrolments = new ArrayList<>();
      for (int i = 0; i < spec.members(); i++) {
        MeterId id = new MeterId(group.value() + "." + i);
        X25519PrivateKey k = X25519PrivateKey.generate(random);
        keys.add(k);
        enrolments.add(new DdhEnrolment(pki.licence(id), k.publicKey()));
        byId.put(id, i);
      }
      Ed25519SigningKey signing = pki.key(Pki.RoleKey.SUPPLIER);
      DdhSupplier s =
          DdhSupplier.create(params, group, 1, enrolments,
              new Admission(pki.anchors(), RevocationList.NONE, Round.FIRST),
              X25519PrivateKey.generate(random), signing);
      SignedRoster roster = s.signedRoster();
      supplier = new Node<>(Role.SUPPLIER, -1,
          pki.role(s, Pki.RoleKey.SUPPLIER, CODEC, DdhInput.Inbound::new, 0));
      for (int i = 0; i < spec.members(); i++) {
        MeterId id = enrolments.get(i).licence().licence().meter();
        meters.add(new Node<>(Role.METER, i,
            pki.meter(DdhMeter.create(params, id, keys.get(i), signing.publicKey(), roster), id,
                CODEC, DdhInput.Inbound::new, 0)));
      }
      aggregator =
          new Node<>(Role.AGGREGATOR, -1,
              pki.role(DdhAggregator.create(params, group, signing.publicKey(), roster),
                  Pki.RoleKey.AGGREGATOR, CODEC, DdhInput.Inbound::new, 0));
      round = new RoundTracker<>(group, byId, b -> b instanceof DdhMessage.Contribution);
      round.countAt(aggregator);
      wire.onAccepted(round::accepted);
    }

    private List<Node<?, ?, ?>> route(Address to) {
      if (to instanceof Address.Identified i) {
        Integer k = byId.get(i.id());
        return k == null ? List.of() : List.of(meters.get(k));
      } else if (to instanceof Address.Aggregator) {
        return List.of(aggregator);
      } else if (to instanceof Address.Supplier) {
        return List.of(supplier);
      } else if (to instanceof Address.GroupBroadcast) {
        List<Node<?, ?, ?>> all = new ArrayList<>(meters);
        all.add(aggregator);
        return all;
      }
      return List.of();
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      // Package docs step 2: the aggregator's deadline, then reveals, then the supplier's.
      return round.run(wire, this::route, input, meters, DdhInput.LocalReading::new, List.of(aggregator, supplier),
          DdhInput.Deadline::new);
    }

    @Override
    public Map<Refusal, Long> refusals() {
      return wire.refusals();
    }
  }
}
