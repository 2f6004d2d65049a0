// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.cmt;

import io.gridveil.cmt.CmtCodec;
import io.gridveil.cmt.CmtInput;
import io.gridveil.cmt.CmtMessage;
import io.gridveil.cmt.CmtParameters;
import io.gridveil.cmt.CmtViolationException;
import io.gridveil.cmt.Meter;
import io.gridveil.cmt.MeterCredentials;
import io.gridveil.cmt.MeterSecret;
import io.gridveil.cmt.Supplier;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.sim.driver.CostLedger;
import io.gridveil.sim.driver.FrameNetwork;
import io.gridveil.sim.driver.GroupSession;
import io.gridveil.sim.driver.GroupSpec;
import io.gridveil.sim.driver.Refusal;
import io.gridveil.sim.driver.RefusalCounter;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.RoundInput;
import io.gridveil.sim.driver.RoundResult;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.driver.SimulationException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Drives a CMT group (spec/cmt.md) as the package documentation of io.gridveil.cmt prescribes:
 * licences, discovery and self-election of the local concentrator, registration and keying, then
 * per round the supplier's request, the meters' readings, deltas around the ring, ciphertexts to
 * the supplier and the deadlines; a failed meter restarts from its persistent state (spec/cmt.md
 * §3.9) and the LC re-keys the group (spec/cmt.md §3.8).
 *
 * <p>Simulation round j is protocol round j + 1: round 0 carries the set-up messages.
 */
public final class CmtDriver implements SchemeDriver {
  private static final EnvelopeCodec<CmtMessage> CODEC = EnvelopeCodec.of(CmtCodec.INSTANCE);

  /** Set-up and re-keying passes (deliver, timers) before a group is declared unstable. */
  static final int SETTLE_PASSES = 12;

  /** Ticks after which a network that still holds frames is declared stuck. */
  private static final int IDLE_GUARD_TICKS = 100_000;


  /** Creates the driver. */
  public CmtDriver() {}

  @Override
  public Scheme scheme() {
    return Scheme.CMT;
  }

  @Override
  public GroupSession open(GroupSpec spec, FrameNetwork network) throws SimulationException {
    Group g = new Group(spec, network);
    // Package docs step 1 and spec/cmt.md §3.2: the first meter finds no LC and elects itself
    // after A unanswered discoveries; the others then join it. Starting all at once also
    // converges (§3.2 step 3) but costs n LCs' worth of traffic first.
    g.start(0);
    g.settle();
    for (int i = 1; i < spec.members(); i++) {
      g.start(i);
    }
    if (!g.settle()) {
      throw new SimulationException(
          "cmt: group " + spec.group().value() + " did not key within " + SETTLE_PASSES
              + " passes (" + g.describe() + ")");
    }
    return g;
  }

  @Override
  public SchemeFacts facts() {
    return new SchemeFacts(
        "the sum of each round over the group, the group key K, n and the members' tokens",
        "spec/cmt.md §7",
        List.of(
            new SchemeFacts.Coalition(
                "local concentrator",
                "every k_i1 (unless the secure sum is on), the identity-token map, the ring order (§7.2)"),
            new SchemeFacts.Coalition(
                "LC + supplier", "only the sums and the LC's own readings (§7.2)"),
            new SchemeFacts.Coalition(
                "supplier + both ring neighbours of SM_i",
                "e_ij + k_i1 each round, hence every difference e_ij - e_ij' (§7.3)"),
            new SchemeFacts.Coalition(
                "supplier + both neighbours + LC", "e_ij itself (§7.3)"),
            new SchemeFacts.Coalition(
                "outsiders", "nothing without breaking the envelope layer (§7.5)")),
        List.of(
            "M = 2^64; one missing contribution voids the round by design, and the LC re-keys without"
                + " the failed meter (spec/cmt.md §8 item 4)"));
  }

  /** One group's parties, each behind its authenticated endpoint (spec/cmt.md §11). */
  private static final class Group implements GroupSession {
    private final FrameNetwork network;
    private final CostLedger ledger;
    private final CmtParameters params;
    private final RandomSource random;
    private final GroupId group;
    private final MeterId[] ids;
    private final MeterSecret[] secrets;
    private final Ed25519SigningKey[] deviceKeys;
    private final long[] restarts;
    private final TrustAnchors supplierAnchors;
    private final X25519PublicKey supplierReadingKey;
    private final List<Endpoint<Meter, CmtInput, CmtMessage>> meters = new ArrayList<>();
    private final boolean[] down;
    private final Map<Token, Integer> byToken = new HashMap<>();
    private final Map<Token, Integer> byReadingToken = new HashMap<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Set<Integer> lcs = new LinkedHashSet<>();
    private final RefusalCounter refusals = new RefusalCounter(CODEC);
    private final Endpoint<Supplier, CmtInput, CmtMessage> supplier;
    private @Nullable RoundOutcome outcome;
    private long protocolRound;
    private Round now = Round.FIRST;
    private final BitSet delivered = new BitSet();

    Group(GroupSpec spec, FrameNetwork network) {
      this.network = network;
      this.ledger = network.ledger();
      this.group = spec.group();
      this.params =
          CmtParameters.defaults(spec.parameters()).withMinGroupSize(Math.max(2, spec.minGroup()));
      this.random = DeterministicRandomSource.fromSeed(spec.seed());
      int n = spec.members();
      ids = new MeterId[n];
      secrets = new MeterSecret[n];
      deviceKeys = new Ed25519SigningKey[n];
      restarts = new long[n];
      down = new boolean[n];
      // spec/cmt.md §11: the supplier signs licences and holds the reading key pair; each meter is
      // enrolled with a device key and provisioned with the supplier's keys.
      Ed25519SigningKey supplierKey = Ed25519SigningKey.generate(random);
      X25519KeyPair readingKeys = X25519KeyPair.generate(random);
      supplierAnchors =
          TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()));
      supplierReadingKey = readingKeys.publicKey();
      TrustAnchors enrolled = supplierAnchors;
      Supplier s = Supplier.create(params, group, supplierKey, readingKeys);
      for (int i = 0; i < n; i++) {
        ids[i] = new MeterId(group.value() + "." + i);
        byId.put(ids[i], i);
        secrets[i] = MeterSecret.random(random);
        deviceKeys[i] = Ed25519SigningKey.generate(random);
        try {
          s = s.enrol(ids[i], deviceKeys[i].publicKey());
        } catch (CmtViolationException e) {
          throw new IllegalStateException("unreachable: a fresh identity and key are not revoked", e);
        }
        enrolled = enrolled.with(Supplier.enrolmentAnchor(ids[i], deviceKeys[i].publicKey()));
        meters.add(
            meterEndpoint(params, ids[i], group, secrets[i], 0, deviceKeys[i], supplierAnchors,
                supplierReadingKey, 0));
      }
      supplier =
          Endpoint.signing(
              s, CODEC, CmtInput.Inbound::new, EnvelopeVerifier.of(CODEC, s, group, enrolled),
              supplierKey, 0);
    }

    /** Meter i's endpoint from its persistent state; a restart starts its streams higher. */
    private Endpoint<Meter, CmtInput, CmtMessage> endpoint(int i, long lastEpoch) {
      return meterEndpoint(params, ids[i], group, secrets[i], lastEpoch, deviceKeys[i],
          supplierAnchors, supplierReadingKey, restarts[i] << 32);
    }

    private static Endpoint<Meter, CmtInput, CmtMessage> meterEndpoint(
        CmtParameters params,
        MeterId id,
        GroupId group,
        MeterSecret secret,
        long lastEpoch,
        Ed25519SigningKey device,
        TrustAnchors anchors,
        X25519PublicKey readingKey,
        long sequenceBase) {
      Meter m =
          Meter.create(params, id, group, secret, lastEpoch,
              new MeterCredentials(device.publicKey(), anchors, readingKey));
      return Endpoint.signing(
          m, CODEC, CmtInput.Inbound::new, EnvelopeVerifier.of(CODEC, m, group, anchors), device,
          sequenceBase);
    }

    private Meter meter(int i) {
      return meters.get(i).party();
    }

    void start(int i) throws SimulationException {
      feed(i, new CmtInput.Start());
    }

    /** Phases and epochs only, for a failure message. */
    String describe() {
      StringBuilder b =
          new StringBuilder("supplier epoch " + supplier.party().epoch() + ", LCs " + lcs + ";");
      for (int i = 0; i < meters.size(); i++) {
        Meter m = meter(i);
        b.append(' ').append(i).append(':').append(m.phase()).append('/').append(m.ringEpoch());
        if (m.isLocalConcentrator()) {
          b.append("/LC").append(m.keyedEpoch());
        }
      }
      return b.toString();
    }

    /** Delivers and fires set-up timers until one keyed LC holds every live meter (package docs step 3). */
    boolean settle() throws SimulationException {
      for (int pass = 0; pass < SETTLE_PASSES; pass++) {
        deliverUntilIdle();
        if (stable()) {
          return true;
        }
        for (int i = 0; i < meters.size(); i++) {
          if (!down[i] && meter(i).phase() == Meter.Phase.AWAIT_LICENCE) {
            // The licence request or grant was lost (the network is idle): the product restarts
            // the meter from its persistent state, which asks again (spec/cmt.md §3.9 step 3).
            restart(i);
          } else if (!down[i] && meter(i).phase() == Meter.Phase.DISCOVERING) {
            feed(i, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
          }
        }
        deliverUntilIdle();
        for (int i : List.copyOf(lcs)) {
          feed(i, new CmtInput.Timer(CmtInput.TimerKind.REGISTRATION_DEADLINE, Round.FIRST));
        }
        if (lcs.isEmpty()) {
          lcTimeouts();
        }
      }
      deliverUntilIdle();
      return stable();
    }

    /**
     * The product's LC timeout (spec/cmt.md §3.8 step 3): no meter holds the LC role (the LC
     * failed and restarted as a plain meter), so every member still following it forgets it and
     * discovers again.
     */
    private void lcTimeouts() throws SimulationException {
      for (int i = 0; i < meters.size(); i++) {
        Meter m = meter(i);
        if (!down[i] && !m.isLocalConcentrator()
            && (m.phase() == Meter.Phase.ACTIVE || m.phase() == Meter.Phase.REGISTERING
                || m.phase() == Meter.Phase.JOINED)) {
          feed(i, new CmtInput.Timer(CmtInput.TimerKind.LC_TIMEOUT, Round.FIRST));
        }
      }
    }

    private boolean stable() {
      if (lcs.size() != 1) {
        return false;
      }
      long epoch = meter(lcs.iterator().next()).keyedEpoch();
      if (epoch < 0 || supplier.party().epoch() != epoch) {
        return false;
      }
      for (int i = 0; i < meters.size(); i++) {
        if (!down[i] && meter(i).ringEpoch() != epoch) {
          return false;
        }
      }
      return true;
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      protocolRound = input.round().index() + 1;
      Round j = new Round(protocolRound);
      now = j;
      outcome = null;
      delivered.clear();
      for (int i = 0; i < meters.size(); i++) {
        down[i] = input.failed(i) || (input.concentratorFailed() && lcs.contains(i));
      }
      for (int i = 0; i < meters.size(); i++) {
        if (!down[i]) {
          feed(i, new CmtInput.LocalReading(j, Reading.ofWattHours(input.reading(i))));
        }
      }
      // spec/sim.md §4.2: the round's deadline is DEADLINE_TICKS after its first tick; frames due
      // later arrive after the deadline timers, late.
      long deadline = network.now() + FrameNetwork.DEADLINE_TICKS;
      feedSupplier(new CmtInput.RequestRound(j));
      while (network.now() < deadline - 1) {
        deliverTick();
      }
      feedSupplier(new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
      for (int i : List.copyOf(lcs)) {
        feed(i, new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
      }
      deliverUntilIdle();
      RoundOutcome o = outcome;
      BitSet contributed = (BitSet) delivered.clone();
      // §3.9 step 3: a failed meter restarts from ms_i and its persistent ε_last.
      boolean recovered = false;
      for (int i = 0; i < meters.size(); i++) {
        if (down[i]) {
          down[i] = false;
          restart(i);
          recovered = true;
        }
      }
      if (recovered || !stable()) {
        // A group that does not settle now keeps trying after the next rounds; meanwhile its
        // rounds are void, which the report counts.
        settle();
      }
      if (o == null) {
        // The supplier had no group key to open the round with: the ring is being re-keyed.
        o = new RoundOutcome.Voided(group, j, VoidReason.RING_BROKEN);
      }
      return new RoundResult.Aggregated(o, contributed);
    }

    @Override
    public Map<Refusal, Long> refusals() {
      return refusals.counts();
    }

    private void deliverUntilIdle() throws SimulationException {
      int guard = 0;
      while (!network.idle()) {
        if (++guard > IDLE_GUARD_TICKS) {
          throw new SimulationException("cmt: group " + group.value() + ": the network does not go idle");
        }
        deliverTick();
      }
    }

    private void deliverTick() throws SimulationException {
      for (Delivery<byte[]> d : network.tick()) {
        deliver(d);
      }
    }

    private void deliver(Delivery<byte[]> d) throws SimulationException {
      Address to = d.recipient();
      if (to instanceof Address.Supplier) {
        long t = ledger.start();
        try {
          Endpoint.Output out = supplier.receive(d.payload(), now, random);
          supplierStepped(out);
        } catch (ProtocolViolationException ex) {
          refusals.refused(ex, d.payload(), Role.SUPPLIER);
        }
        ledger.charge(Role.SUPPLIER, t);
        return;
      }
      int target;
      if (to instanceof Address.Identified i) {
        target = indexOf(i.id());
      } else if (to instanceof Address.Meter m) {
        Integer k = byToken.get(m.token());
        target = k == null ? -1 : k;
      } else if (to instanceof Address.LocalConcentrator) {
        for (int i : List.copyOf(lcs)) {
          deliverTo(i, d.payload());
        }
        return;
      } else {
        throw new SimulationException("cmt: a frame for " + to + " reached the network unexpanded");
      }
      if (target >= 0) {
        deliverTo(target, d.payload());
      }
    }

    private void deliverTo(int i, byte[] frame) throws SimulationException {
      if (down[i]) {
        return;
      }
      long t = ledger.start();
      Meter before = meter(i);
      Role role = before.isLocalConcentrator() ? Role.LOCAL_CONCENTRATOR : Role.METER;
      try {
        Endpoint.Output out = meters.get(i).receive(frame, now, random);
        stepped(i, before, role, out);
      } catch (ProtocolViolationException ex) {
        refusals.refused(ex, frame, role);
      }
      ledger.charge(role, t);
    }

    private int indexOf(MeterId id) {
      Integer i = byId.get(id);
      return i == null ? -1 : i;
    }

    /** Feeds a local input (timer, reading, start); a refused one is the driver probing. */
    private void feed(int i, CmtInput in) throws SimulationException {
      if (down[i]) {
        return;
      }
      long t = ledger.start();
      Meter before = meter(i);
      Role role = before.isLocalConcentrator() ? Role.LOCAL_CONCENTRATOR : Role.METER;
      try {
        stepped(i, before, role, meters.get(i).input(in, random));
      } catch (ProtocolViolationException ex) {
        // Not counted: the driver offers timers and readings whether or not they apply.
      }
      ledger.charge(role, t);
    }

    private void stepped(int i, Meter before, Role role, Endpoint.Output out) {
      track(i, before, meter(i));
      send(role, i, out);
    }

    private void feedSupplier(CmtInput in) throws SimulationException {
      long t = ledger.start();
      try {
        supplierStepped(supplier.input(in, random));
      } catch (ProtocolViolationException ex) {
        // Not counted: a request or deadline the supplier cannot act on now.
      }
      ledger.charge(Role.SUPPLIER, t);
    }

    private void supplierStepped(Endpoint.Output out) {
      if (out.received().isPresent()
          && out.received().get().body() instanceof CmtMessage.EncryptedReading c
          && out.received().get().round().index() == protocolRound) {
        Integer k = byReadingToken.get(c.token());
        if (k != null) {
          delivered.set(k);
        }
      }
      for (ProtocolEvent ev : out.events()) {
        if (ev instanceof RoundOutcome o && o.round().index() == protocolRound) {
          outcome = o;
        }
      }
      send(Role.SUPPLIER, -1, out);
    }

    private void track(int i, Meter before, Meter after) {
      retarget(byToken, before.token(), after.token(), i);
      // Reading tokens are fresh per epoch, and a ciphertext sent under the previous epoch's token
      // may reach the supplier after the meter re-registered: keep every token a meter used (128
      // random bits each, so they never collide), for the group's lifetime.
      after.readingToken().ifPresent(t -> byReadingToken.put(t, i));
      if (after.isLocalConcentrator()) {
        lcs.add(i);
      } else {
        lcs.remove(i);
      }
    }

    private static void retarget(
        Map<Token, Integer> index, Optional<Token> was, Optional<Token> now, int i) {
      if (!was.equals(now)) {
        was.ifPresent(index::remove);
        now.ifPresent(t -> index.put(t, i));
      }
    }

    /** Restarts meter i from its persistent state: ms_i and ε_last (spec/cmt.md §3.9 step 3). */
    private void restart(int i) throws SimulationException {
      meter(i).token().ifPresent(byToken::remove);
      lcs.remove(i);
      long lastEpoch = meter(i).lastEpoch();
      restarts[i]++;
      meters.set(i, endpoint(i, lastEpoch));
      feed(i, new CmtInput.Start());
    }

    private void send(Role role, int sender, Endpoint.Output out) {
      for (Endpoint.Outbound o : out.outbound()) {
        byte[] frame = o.bytes();
        if (o.recipient() instanceof Address.GroupBroadcast) {
          // A broadcast reaches every other meter; it is counted once per recipient.
          for (int k = 0; k < meters.size(); k++) {
            if (k != sender) {
              network.send(role, Address.identified(ids[k]), frame);
            }
          }
        } else {
          network.send(role, o.recipient(), frame);
        }
      }
    }
  }
}
