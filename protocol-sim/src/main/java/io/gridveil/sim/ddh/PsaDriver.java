// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.Admission;
import io.gridveil.ddh.psa.PsaAggregator;
import io.gridveil.ddh.psa.PsaCodec;
import io.gridveil.ddh.psa.PsaDiscreteLog;
import io.gridveil.ddh.psa.PsaInput;
import io.gridveil.ddh.psa.PsaKeys;
import io.gridveil.ddh.psa.PsaMessage;
import io.gridveil.ddh.psa.PsaMeter;
import io.gridveil.ddh.psa.PsaParameters;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Drives Shi et al.'s PSA on P-256 (spec/ddh.md §7) as the package documentation of
 * io.gridveil.ddh.psa prescribes: dealt keys, each meter's Contribution to the aggregator, which
 * decrypts the sum once all n arrived; a Deadline voids an incomplete round (PSA has no
 * recovery). The aggregator is the party that learns the sum, so its cost is the supplier's.
 *
 * <p>The discrete-log solver depends only on the parameters, which every group of a run shares,
 * so it is built once per run.
 */
public final class PsaDriver implements SchemeDriver {
  private static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);

  private @Nullable PsaDiscreteLog solver;
  private long solverMillis;

  /** Creates the driver. */
  public PsaDriver() {}

  @Override
  public Scheme scheme() {
    return Scheme.PSA;
  }

  @Override
  public GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException {
    PsaParameters params = new PsaParameters(spec.parameters());
    PsaDiscreteLog dlog = solver;
    if (dlog == null || dlog.width() != params.width()) {
      long t = System.nanoTime();
      dlog = PsaDiscreteLog.forParameters(params);
      solverMillis = (System.nanoTime() - t) / 1_000_000;
      solver = dlog;
    }
    return new Group(spec, params, dlog, network);
  }

  @Override
  public SchemeFacts facts() {
    PsaDiscreteLog s = solver;
    return new SchemeFacts(
        "the sum of all n readings of each round (aggregator obliviousness); a round with a missing"
            + " meter is void",
        "spec/ddh.md §7.6",
        List.of(
            new SchemeFacts.Coalition("aggregator", "the sum of all n readings"),
            new SchemeFacts.Coalition("aggregator + meters", "the sum of the other meters' readings"),
            new SchemeFacts.Coalition("dealer", "every key")),
        s == null
            ? List.of()
            : List.of("discrete-log solver for width " + s.width() + " built once per run in "
                + solverMillis + " ms (" + s.tableBytes() / 1024 + " KiB)"));
  }

  /** One group's parties. */
  private static final class Group implements GroupSession {
    private final GroupId group;
    private final Wire<PsaMessage, PsaInput> wire;
    private final List<Node<PsaMeter, PsaInput, PsaMessage>> meters = new ArrayList<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Node<PsaAggregator, PsaInput, PsaMessage> aggregator;
    private final RoundTracker<PsaMessage> round;

    Group(GroupSpec spec, PsaParameters params, PsaDiscreteLog dlog, FrameNetwork network)
        throws SimulationException {
      group = spec.group();
      RandomSource random = DeterministicRandomSource.fromSeed(spec.seed());
      wire = new Wire<>("psa", CODEC, network, random);
      PsaKeys keys = PsaKeys.deal(params, spec.members(), random);
      // spec/ddh.md §10.6: the meters contribute under their licences, checked at set-up.
      Pki pki = new Pki(group, random);
      List<SignedLicence> licences = new ArrayList<>();
      for (int i = 0; i < spec.members(); i++) {
        MeterId id = new MeterId(group.value() + "." + i);
        licences.add(pki.licence(id));
        byId.put(id, i);
        meters.add(new Node<>(Role.METER, i,
            pki.meter(PsaMeter.create(params, group, id, keys.meterKeys().get(i)), id, CODEC,
                PsaInput.Inbound::new, 0)));
      }
      PsaAggregator a;
      try {
        a = PsaAggregator.create(params, group, licences,
            new Admission(pki.anchors(), RevocationList.NONE, Round.FIRST), keys.aggregatorKey(), dlog);
      } catch (AuthenticationException e) {
        throw new SimulationException(
            "psa: group " + group.value() + ": a licence was refused (" + e.checkId() + ")", e);
      }
      aggregator =
          new Node<>(Role.SUPPLIER, -1,
              pki.role(a, Pki.RoleKey.AGGREGATOR, CODEC, PsaInput.Inbound::new, 0));
      round = new RoundTracker<>(group, byId, b -> b instanceof PsaMessage.Contribution);
      round.countAt(aggregator);
      wire.onAccepted(round::accepted);
    }

    private List<Node<?, ?, ?>> route(Address to) {
      if (to instanceof Address.Aggregator) {
        return List.of(aggregator);
      }
      return List.of();
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      return round.run(wire, this::route, input, meters, PsaInput.LocalReading::new, List.of(aggregator),
          PsaInput.Deadline::new);
    }

    @Override
    public Map<Refusal, Long> refusals() {
      return wire.refusals();
    }
  }
}
