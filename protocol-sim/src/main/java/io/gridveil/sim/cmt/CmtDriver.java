// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.cmt;

import io.gridveil.cmt.CmtCodec;
import io.gridveil.cmt.CmtInput;
import io.gridveil.cmt.CmtMessage;
import io.gridveil.cmt.CmtParameters;
import io.gridveil.cmt.Meter;
import io.gridveil.cmt.MeterSecret;
import io.gridveil.cmt.Supplier;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.sim.driver.CostLedger;
import io.gridveil.sim.driver.FrameNetwork;
import io.gridveil.sim.driver.GroupSession;
import io.gridveil.sim.driver.GroupSpec;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.RoundInput;
import io.gridveil.sim.driver.RoundResult;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SchemeFacts;
import io.gridveil.sim.driver.SimulationException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

  /** One group's parties. */
  private static final class Group implements GroupSession {
    private final FrameNetwork network;
    private final CostLedger ledger;
    private final CmtParameters params;
    private final RandomSource random;
    private final GroupId group;
    private final MeterId[] ids;
    private final MeterSecret[] secrets;
    private final Meter[] meters;
    private final boolean[] down;
    private final Map<Token, Integer> byToken = new HashMap<>();
    private final Map<MeterId, Integer> byId = new HashMap<>();
    private final Set<Integer> lcs = new LinkedHashSet<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private Supplier supplier;
    private @Nullable RoundOutcome outcome;
    private long protocolRound;
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
      meters = new Meter[n];
      down = new boolean[n];
      Set<MeterId> registered = new HashSet<>();
      for (int i = 0; i < n; i++) {
        ids[i] = new MeterId(group.value() + "." + i);
        byId.put(ids[i], i);
        secrets[i] = MeterSecret.random(random);
        meters[i] = Meter.create(params, ids[i], group, secrets[i], 0);
        registered.add(ids[i]);
      }
      supplier = Supplier.create(params, group, registered);
    }

    void start(int i) throws SimulationException {
      feed(i, new CmtInput.Start());
    }

    /** Phases and epochs only, for a failure message. */
    String describe() {
      StringBuilder b = new StringBuilder("supplier epoch " + supplier.epoch() + ", LCs " + lcs + ";");
      for (int i = 0; i < meters.length; i++) {
        Meter m = meters[i];
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
        for (int i = 0; i < meters.length; i++) {
          if (!down[i] && meters[i].phase() == Meter.Phase.AWAIT_LICENCE) {
            // The licence request or grant was lost (the network is idle): the product restarts
            // the meter from its persistent state, which asks again (spec/cmt.md §3.9 step 3).
            restart(i);
          } else if (!down[i] && meters[i].phase() == Meter.Phase.DISCOVERING) {
            feed(i, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
          }
        }
        deliverUntilIdle();
        for (int i : List.copyOf(lcs)) {
          feed(i, new CmtInput.Timer(CmtInput.TimerKind.REGISTRATION_DEADLINE, Round.FIRST));
        }
      }
      deliverUntilIdle();
      return stable();
    }

    private boolean stable() {
      if (lcs.size() != 1) {
        return false;
      }
      long epoch = meters[lcs.iterator().next()].keyedEpoch();
      if (epoch < 0 || supplier.epoch() != epoch) {
        return false;
      }
      for (int i = 0; i < meters.length; i++) {
        if (!down[i] && meters[i].ringEpoch() != epoch) {
          return false;
        }
      }
      return true;
    }

    @Override
    public RoundResult run(RoundInput input) throws SimulationException {
      protocolRound = input.round().index() + 1;
      Round j = new Round(protocolRound);
      outcome = null;
      delivered.clear();
      for (int i = 0; i < meters.length; i++) {
        down[i] = input.failed(i) || (input.concentratorFailed() && lcs.contains(i));
      }
      for (int i = 0; i < meters.length; i++) {
        if (!down[i]) {
          feed(i, new CmtInput.LocalReading(j, Reading.ofWattHours(input.reading(i))));
        }
      }
      feedSupplier(new CmtInput.RequestRound(j));
      deliverUntilIdle();
      feedSupplier(new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
      for (int i : List.copyOf(lcs)) {
        feed(i, new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
      }
      deliverUntilIdle();
      RoundOutcome o = outcome;
      BitSet contributed = (BitSet) delivered.clone();
      // §3.9 step 3: a failed meter restarts from ms_i and its persistent ε_last.
      boolean recovered = false;
      for (int i = 0; i < meters.length; i++) {
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
    public Map<String, Long> refusals() {
      return Map.copyOf(refusals);
    }

    private void deliverUntilIdle() throws SimulationException {
      int guard = 0;
      while (!network.idle()) {
        if (++guard > 100_000) {
          throw new SimulationException("cmt: group " + group.value() + ": the network does not go idle");
        }
        for (Delivery<byte[]> d : network.tick()) {
          deliver(d);
        }
      }
    }

    private void deliver(Delivery<byte[]> d) throws SimulationException {
      Address to = d.recipient();
      if (to instanceof Address.Supplier) {
        long t = ledger.start();
        Optional<Envelope<CmtMessage>> e = decode(d.payload());
        if (e.isPresent()) {
          feedSupplierTimed(new CmtInput.Inbound(e.get()), t);
        }
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
      Optional<Envelope<CmtMessage>> e = decode(frame);
      if (e.isPresent()) {
        feedTimed(i, new CmtInput.Inbound(e.get()), t);
      }
    }

    private Optional<Envelope<CmtMessage>> decode(byte[] frame) {
      try {
        return Optional.of(CODEC.decode(frame));
      } catch (MalformedMessageException ex) {
        refusals.merge(ex.checkId().value(), 1L, Long::sum);
        return Optional.empty();
      }
    }

    private int indexOf(MeterId id) {
      Integer i = byId.get(id);
      return i == null ? -1 : i;
    }

    private void feed(int i, CmtInput in) throws SimulationException {
      feedTimed(i, in, ledger.start());
    }

    private void feedTimed(int i, CmtInput in, long started) throws SimulationException {
      if (down[i]) {
        return;
      }
      Meter before = meters[i];
      Role role = before.isLocalConcentrator() ? Role.LOCAL_CONCENTRATOR : Role.METER;
      try {
        Step<Meter> s = before.step(in, random);
        Meter after = s.next();
        meters[i] = after;
        track(i, before, after);
        send(role, i, s.outbound());
      } catch (ProtocolViolationException ex) {
        refuse(in, ex);
      }
      ledger.charge(role, started);
    }

    private void feedSupplier(CmtInput in) throws SimulationException {
      feedSupplierTimed(in, ledger.start());
    }

    private void feedSupplierTimed(CmtInput in, long started) throws SimulationException {
      try {
        Step<Supplier> s = supplier.step(in, random);
        supplier = s.next();
        if (in instanceof CmtInput.Inbound inbound
            && inbound.envelope().body() instanceof CmtMessage.EncryptedReading c
            && inbound.envelope().round().index() == protocolRound) {
          Integer k = byToken.get(c.token());
          if (k != null) {
            delivered.set(k);
          }
        }
        for (ProtocolEvent ev : s.events()) {
          if (ev instanceof RoundOutcome o && o.round().index() == protocolRound) {
            outcome = o;
          }
        }
        send(Role.SUPPLIER, -1, s.outbound());
      } catch (ProtocolViolationException ex) {
        refuse(in, ex);
      }
      ledger.charge(Role.SUPPLIER, started);
    }

    /** Counts a refused inbound message; a refused timer or local input is the driver probing. */
    private void refuse(CmtInput in, ProtocolViolationException ex) {
      if (in instanceof CmtInput.Inbound inbound) {
        refusals.merge(
            ex.checkId().value() + " " + inbound.envelope().body().getClass().getSimpleName(),
            1L,
            Long::sum);
      }
    }

    private void track(int i, Meter before, Meter after) {
      Optional<Token> was = before.token();
      Optional<Token> now = after.token();
      if (!was.equals(now)) {
        was.ifPresent(byToken::remove);
        now.ifPresent(t -> byToken.put(t, i));
      }
      if (after.isLocalConcentrator()) {
        lcs.add(i);
      } else {
        lcs.remove(i);
      }
    }

    /** Restarts meter i from its persistent state: ms_i and ε_last (spec/cmt.md §3.9 step 3). */
    private void restart(int i) throws SimulationException {
      meters[i].token().ifPresent(byToken::remove);
      lcs.remove(i);
      meters[i] = Meter.create(params, ids[i], group, secrets[i], meters[i].lastEpoch());
      feed(i, new CmtInput.Start());
    }

    @SuppressWarnings("unchecked") // every CMT party sends CmtMessage bodies (io.gridveil.cmt)
    private void send(Role role, int sender, List<Envelope<?>> out) {
      for (Envelope<?> raw : out) {
        Envelope<CmtMessage> e = (Envelope<CmtMessage>) raw;
        byte[] frame = CODEC.encode(e);
        if (e.recipient() instanceof Address.GroupBroadcast) {
          // A broadcast reaches every other meter; it is counted once per recipient.
          for (int k = 0; k < meters.length; k++) {
            if (k != sender) {
              network.send(role, Address.identified(ids[k]), frame);
            }
          }
        } else {
          network.send(role, e.recipient(), frame);
        }
      }
    }
  }
}
