// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.blinding;

import io.gridveil.blinding.Aggregator;
import io.gridveil.blinding.BlindingCodec;
import io.gridveil.blinding.BlindingInput;
import io.gridveil.blinding.BlindingMessage;
import io.gridveil.blinding.BlindingParameters;
import io.gridveil.blinding.KeySize;
import io.gridveil.blinding.Meter;
import io.gridveil.blinding.PaillierKeyPair;
import io.gridveil.blinding.Supplier;
import io.gridveil.blinding.TrustedThirdParty;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
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
import java.util.Objects;

/**
 * Drives a blinding group (spec/blinding.md §4) as the package documentation of
 * io.gridveil.blinding prescribes: the TTP deals the ring seeds and the keys, each meter sends
 * Enc(e_ij + b_ij) to the aggregator, which multiplies the group's ciphertexts for the supplier;
 * at the deadline a missing meter is recovered through the TTP (§4.5, recovery on).
 *
 * <p>The Paillier key pair is generated once per run and dealt to every group through
 * {@code SetupWithKeys}: generating one per group would dominate the run for no difference in
 * what is measured (every group's TTP would generate a key of the same size).
 */
public final class BlindingDriver implements SchemeDriver {
  private static final EnvelopeCodec<BlindingMessage> CODEC = EnvelopeCodec.of(new BlindingCodec());

  private final PaillierKeyPair keys;
  private final KeySize keySize;
  private final long keygenMillis;

  private BlindingDriver(PaillierKeyPair keys, KeySize keySize, long keygenMillis) {
    this.keys = keys;
    this.keySize = keySize;
    this.keygenMillis = keygenMillis;
  }

  /**
   * Generates the run's Paillier key pair and returns the driver.
   *
   * @param keySize |N|
   * @param seed the run's seed (the simulation's keys are reproducible, hence not secret)
   * @return the driver
   */
  public static BlindingDriver generate(KeySize keySize, long seed) {
    long t = System.nanoTime();
    PaillierKeyPair keys =
        PaillierKeyPair.generate(Objects.requireNonNull(keySize, "keySize"),
            DeterministicRandomSource.fromSeed(seed ^ 0x426c6e64L));
    return new BlindingDriver(keys, keySize, (System.nanoTime() - t) / 1_000_000);
  }

  @Override
  public Scheme scheme() {
    return Scheme.BLINDING;
  }

  @Override
  public GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException {
    return new Group(spec, network);
  }

  @Override
  public SchemeFacts facts() {
    return new SchemeFacts(
        "the sum of each round only (after recovery, the sum over the meters present)",
        "spec/blinding.md §7.3",
        List.of(
            new SchemeFacts.Coalition("aggregator", "nothing about readings (IND-CPA ciphertexts)"),
            new SchemeFacts.Coalition("supplier + aggregator", "the sum; individual e_ij + b_ij, uniform"),
            new SchemeFacts.Coalition(
                "supplier + aggregator + both neighbours of SM_i", "e_ij"),
            new SchemeFacts.Coalition("supplier + n - 1 meters", "the last meter's reading (inherent)"),
            new SchemeFacts.Coalition("TTP", "nothing about readings (it sees no ciphertext)"),
            new SchemeFacts.Coalition("TTP + aggregator", "every reading"),
            new SchemeFacts.Coalition("TTP + supplier", "every reading given any c_ij; else the sums")),
        List.of(
            "one " + keySize.bits() + "-bit Paillier key pair generated once per run in " + keygenMillis
                + " ms and dealt to every group's TTP (SetupWithKeys)",
            "TTP-assisted recovery of missing meters is on (spec/blinding.md §4.5)"));
  }

  /** One group's parties. */
  private final class Group implements GroupSession {
    private final GroupId group;
    private final Wire<BlindingMessage, BlindingInput> wire;
    private final List<Node<Meter, BlindingInput, BlindingMessage>> meters = new ArrayList<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Node<TrustedThirdParty, BlindingInput, BlindingMessage> ttp;
    private final Node<Aggregator, BlindingInput, BlindingMessage> aggregator;
    private final Node<Supplier, BlindingInput, BlindingMessage> supplier;
    private final RoundTracker<BlindingMessage> round;

    Group(GroupSpec spec, FrameNetwork network) throws SimulationException {
      this.group = spec.group();
      BlindingParameters params =
          new BlindingParameters(
              spec.parameters().nMax(), spec.parameters().tMax(), spec.parameters().unit(), false,
              keySize, true);
      RandomSource random = DeterministicRandomSource.fromSeed(spec.seed());
      this.wire = new Wire<>("blinding", CODEC, network, random);
      // spec/blinding.md §5.3: the roles sign with their keys, the meters under their licences.
      Pki pki = new Pki(group, random);
      List<SignedLicence> roster = new ArrayList<>();
      for (int i = 0; i < spec.members(); i++) {
        MeterId id = new MeterId(group.value() + "." + i);
        roster.add(pki.licence(id));
        byId.put(id, i);
        meters.add(new Node<>(Role.METER, i,
            pki.meter(Meter.create(group, id, params), id, CODEC, BlindingInput.Inbound::new, 0)));
      }
      ttp = new Node<>(Role.TRUSTED_THIRD_PARTY, -1,
          pki.role(TrustedThirdParty.create(group, params), Pki.RoleKey.TTP, CODEC,
              BlindingInput.Inbound::new, 0));
      aggregator = new Node<>(Role.AGGREGATOR, -1,
          pki.role(Aggregator.create(group, params), Pki.RoleKey.AGGREGATOR, CODEC,
              BlindingInput.Inbound::new, 0));
      supplier = new Node<>(Role.SUPPLIER, -1,
          pki.role(Supplier.create(group, params), Pki.RoleKey.SUPPLIER, CODEC,
              BlindingInput.Inbound::new, 0));
      round = new RoundTracker<>(group, byId, b -> b instanceof BlindingMessage.Contribution);
      round.countAt(aggregator);
      // Package docs step 2: the TTP checks the licences, deals seeds, the group's public data
      // and the key.
      wire.feed(ttp,
          new BlindingInput.SetupWithKeys(roster, keys, pki.anchors(), RevocationList.NONE,
              Round.FIRST),
          round::events);
      wire.deliverUntilIdle(this::route, round::events);
      wire.onAccepted(round::accepted);
      for (Node<Meter, BlindingInput, BlindingMessage> m : meters) {
        if (!m.state().isReady()) {
          throw new SimulationException("blinding: group " + group.value() + ": a meter got no seeds");
        }
      }
    }

    private List<Node<?, ?, ?>> route(Address to) {
      if (to instanceof Address.Identified i) {
        Integer k = byId.get(i.id());
        return k == null ? List.of() : List.of(meters.get(k));
      } else if (to instanceof Address.Aggregator) {
        return List.of(aggregator);
      } else if (to instanceof Address.Supplier) {
        return List.of(supplier);
      } else if (to instanceof Address.TrustedThirdParty) {
        return List.of(ttp);
      }
      return List.of();
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      return round.run(wire, this::route, input, meters, BlindingInput.LocalReading::new, List.of(aggregator, supplier),
          BlindingInput.Deadline::new);
    }

    @Override
    public Map<Refusal, Long> refusals() {
      return wire.refusals();
    }
  }
}
