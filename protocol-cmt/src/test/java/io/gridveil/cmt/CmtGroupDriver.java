// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.AttackedNetwork;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Drives a CMT group of authenticated endpoints through an {@link AttackedNetwork}, following the
 * recipe of the package documentation (spec/cmt.md §3, §11): each meter behind
 * {@code Endpoint.signing(meter, ..., deviceKey, ...)} (licensed frames once its licence
 * arrives), the supplier behind its signing key with one enrolment anchor per meter; routing by
 * address; timers when idle; rejected inputs leave the endpoints unchanged. An optional {@link
 * ActiveAttacker} sees and injects frames.
 */
final class CmtGroupDriver {
  static final GroupId GROUP = new GroupId("grid-1");
  static final EnvelopeCodec<CmtMessage> CODEC = EnvelopeCodec.of(CmtCodec.INSTANCE);

  final CmtParameters params;
  final RandomSource random;
  final TestPki pki;
  final X25519KeyPair supplierReading;
  final TrustAnchors meterAnchors;
  final AttackedNetwork network;
  final @Nullable ActiveAttacker attacker;
  private TrustAnchors supplierAnchors;
  private final Endpoint<Supplier, CmtInput, CmtMessage> supplier;
  private final AttackedNetwork.Receiver supplierReceiver;
  private final Map<MeterId, Endpoint<Meter, CmtInput, CmtMessage>> meters =
      new LinkedHashMap<>();
  private final Map<MeterId, AttackedNetwork.Receiver> receivers = new HashMap<>();
  final Map<MeterId, MeterSecret> secrets = new HashMap<>();
  final Set<MeterId> down = new HashSet<>();
  /** Every reading token any meter ever held, with its owner (tokens are fresh per epoch). */
  final Map<Token, MeterId> readingOwners = new HashMap<>();
  final List<RoundOutcome> outcomes = new ArrayList<>();
  /** For every exact outcome, the identities whose reading tokens the decrypting key named. */
  final Map<Round, Set<MeterId>> exactMembers = new HashMap<>();
  /** Rejections of local inputs (timers, readings), by check ID. */
  final Map<String, Integer> localRejections = new TreeMap<>();
  long round;
  private int nextId;
  private int restarts;
  private @Nullable SignedRevocationList revocations;

  CmtGroupDriver(CmtParameters params, FaultPlan faults, long seed) {
    this(params, faults, seed, 0, List.of());
  }

  /**
   * Creates the group's supplier and network.
   *
   * @param attackerPerTick injections per tick, 0 for no attacker
   * @param attackerLicences the attacker's credentials besides its own key
   */
  CmtGroupDriver(CmtParameters params, FaultPlan faults, long seed, int attackerPerTick,
      List<ActiveAttacker.HeldLicence> attackerLicences) {
    this.params = params;
    this.random = DeterministicRandomSource.fromSeed(seed + 1);
    this.pki = new TestPki(DeterministicRandomSource.fromSeed(seed + 2));
    this.supplierReading = X25519KeyPair.generate(random);
    Ed25519SigningKey supplierKey = pki.key(Address.SUPPLIER);
    this.meterAnchors = TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER,
        supplierKey.publicKey()));
    this.supplierAnchors = meterAnchors;
    Supplier s = Supplier.create(params, GROUP, supplierKey, supplierReading);
    this.supplier = Endpoint.signing(s, CODEC, CmtInput.Inbound::new,
        EnvelopeVerifier.of(CODEC, s, GROUP, supplierAnchors), supplierKey, 0);
    this.supplierReceiver = (bytes, now, rnd) -> {
      Endpoint.Output out = supplier.receive(bytes, now, rnd);
      for (ProtocolEvent ev : out.events()) {
        if (ev instanceof RoundOutcome o) {
          outcomes.add(o);
          if (o instanceof RoundOutcome.Exact) {
            exactMembers.put(o.round(), keyedMembers());
          }
        }
      }
      return out;
    };
    this.attacker = attackerPerTick == 0 ? null : new ActiveAttacker(
        DeterministicRandomSource.fromSeed(seed + 3), attackerPerTick,
        Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(seed + 4)),
        attackerLicences);
    this.network = new AttackedNetwork(faults, DeterministicRandomSource.fromSeed(seed),
        this::route, attacker, random);
  }

  /** A fault-free group of n meters, settled and keyed (fails the test if it does not settle). */
  static CmtGroupDriver keyed(CmtParameters params, long seed, int n) {
    CmtGroupDriver d = new CmtGroupDriver(params, FaultPlan.NONE, seed);
    for (int i = 0; i < n; i++) {
      d.join();
    }
    if (!d.settle(10)) {
      throw new AssertionError("the group did not settle:\n" + d.dump());
    }
    return d;
  }

  Supplier supplier() {
    return supplier.party();
  }

  /** What the supplier's endpoint trusts: its own key and every enrolment anchor (§11.1). */
  TrustAnchors supplierAnchors() {
    return supplierAnchors;
  }

  /** The meters' current states, in join order. */
  Map<MeterId, Meter> meters() {
    Map<MeterId, Meter> out = new LinkedHashMap<>();
    meters.forEach((id, e) -> out.put(id, e.party()));
    return out;
  }

  Meter meter(MeterId id) {
    return meters.get(id).party();
  }

  /** The receivers' current round: set-up runs in round 1, round j's frames in round j + 1. */
  Round now() {
    return new Round(round + 1);
  }

  MeterId join() {
    MeterId id = new MeterId("sm-" + nextId++);
    MeterSecret s = MeterSecret.random(random);
    secrets.put(id, s);
    Ed25519SigningKey deviceKey = pki.meterKey(id);
    supplierAnchors = supplierAnchors.with(Supplier.enrolmentAnchor(id, deviceKey.publicKey()));
    supplier.trust(supplierAnchors);
    feedSupplier(new CmtInput.Enrol(id, deviceKey.publicKey()));
    start(id, Meter.create(params, id, GROUP, s, 0, credentials(id)), 0);
    return id;
  }

  /**
   * Joins a meter holding a supplier-signed licence made by the test, valid from round 0 to
   * {@code validUntil}: it reaches the meter before the supplier's own grant, which the meter then
   * refuses.
   */
  MeterId joinWithLicence(long serial, Round validUntil) {
    MeterId id = join();
    Licence l = new Licence(serial, id, pki.meterKey(id).publicKey(), GROUP, Round.FIRST,
        validUntil);
    Envelope<CmtMessage> e = new Envelope<>(Address.SUPPLIER, Address.identified(id), GROUP,
        Round.FIRST, new CmtMessage.LicenceGrant(SignedLicence.issue(l, pki.key(Address.SUPPLIER))));
    byte[] sealed = AuthCodec.sign(CODEC.encode(e), 1L << 40, pki.key(Address.SUPPLIER));
    try {
      network.post(meters.get(id).receive(sealed, now(), random));
    } catch (ProtocolViolationException ex) {
      throw new AssertionError("the meter accepts a licence valid at the grant's round", ex);
    }
    return id;
  }

  MeterCredentials credentials(MeterId id) {
    return new MeterCredentials(pki.meterKey(id).publicKey(), meterAnchors,
        supplierReading.publicKey());
  }

  private void start(MeterId id, Meter m, long sequenceBase) {
    Endpoint<Meter, CmtInput, CmtMessage> e = Endpoint.signing(m, CODEC, CmtInput.Inbound::new,
        EnvelopeVerifier.of(CODEC, m, GROUP, meterAnchors), pki.meterKey(id), sequenceBase);
    SignedRevocationList r = revocations;
    if (r != null) {
      try {
        e.updateRevocations(r, now());
      } catch (AuthenticationException ex) {
        throw new AssertionError("the supplier's list verifies", ex);
      }
    }
    meters.put(id, e);
    receivers.put(id, (bytes, now, rnd) -> {
      Endpoint.Output out = e.receive(bytes, now, rnd);
      noteTokens(id, e.party());
      return out;
    });
    feed(id, new CmtInput.Start());
  }

  private void noteTokens(MeterId id, Meter m) {
    m.readingToken().ifPresent(t -> readingOwners.put(t, id));
  }

  void fail(MeterId id) {
    down.add(id);
  }

  /** A failed meter restarts from its persistent state and re-enters through the licence. */
  void recover(MeterId id) {
    down.remove(id);
    Meter old = meter(id);
    restarts++;
    start(id, Meter.create(params, id, GROUP, secrets.get(id), old.lastEpoch(), credentials(id)),
        (long) restarts << 32);
  }

  void leave(MeterId id) {
    feed(id, new CmtInput.LeaveGroup());
  }

  void rotate() {
    for (MeterId id : lcs()) {
      feed(id, new CmtInput.RotateLc());
    }
  }

  /**
   * Installs a supplier-signed revocation list at every endpoint, and at every endpoint started
   * later (spec/auth.md §5.3).
   */
  void revoke(SignedRevocationList list) throws AuthenticationException {
    supplier.updateRevocations(list, now());
    for (Endpoint<Meter, CmtInput, CmtMessage> e : meters.values()) {
      e.updateRevocations(list, now());
    }
    revocations = list;
  }

  List<MeterId> lcs() {
    List<MeterId> out = new ArrayList<>();
    for (Map.Entry<MeterId, Endpoint<Meter, CmtInput, CmtMessage>> e : meters.entrySet()) {
      if (!down.contains(e.getKey()) && e.getValue().party().isLocalConcentrator()) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  List<MeterId> live() {
    List<MeterId> out = new ArrayList<>();
    for (Map.Entry<MeterId, Endpoint<Meter, CmtInput, CmtMessage>> e : meters.entrySet()) {
      if (!down.contains(e.getKey()) && e.getValue().party().phase() != Meter.Phase.LEFT) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** True when one LC is keyed, the supplier holds its epoch and every live meter is in it. */
  boolean stable() {
    return stable(live());
  }

  /** As {@link #stable()}, for the meters expected in the ring (and holding its LC). */
  boolean stable(List<MeterId> expected) {
    List<MeterId> l = new ArrayList<>(lcs());
    l.retainAll(expected);
    if (l.size() != 1) {
      return false;
    }
    long epoch = meter(l.get(0)).keyedEpoch();
    if (epoch < 0 || supplier().epoch() != epoch) {
      return false;
    }
    for (MeterId id : expected) {
      if (meter(id).ringEpoch() != epoch) {
        return false;
      }
    }
    // every token of the ring belongs to an expected meter (a failed one voids every round)
    if (meter(l.get(0)).keyedRing().size() != expected.size()) {
      return false;
    }
    // and the supplier's key is this ring's, not another ring's of the same epoch number: a ring
    // formed while every meter that knew the supplier's epoch was gone may reuse that number, and
    // the supplier refuses its key (spec/cmt.md §8 item 9, the epoch collision after a complete
    // turnover)
    Set<Token> readingTokens = new HashSet<>();
    for (MeterId id : expected) {
      meter(id).readingToken().ifPresent(readingTokens::add);
    }
    return supplier().members().equals(readingTokens);
  }

  /** Delivers and fires set-up timers until stable or out of attempts. */
  boolean settle(int attempts) {
    return settle(attempts, this::live);
  }

  /** As {@link #settle(int)}, until the meters {@code expected} names form the ring. */
  boolean settle(int attempts, java.util.function.Supplier<List<MeterId>> expected) {
    for (int i = 0; i < attempts; i++) {
      deliverUntilIdle();
      if (stable(expected.get())) {
        return true;
      }
      if (lcs().isEmpty()) {
        for (MeterId id : live()) {
          feed(id, new CmtInput.Timer(CmtInput.TimerKind.LC_TIMEOUT, Round.FIRST));
        }
      }
      for (MeterId id : live()) {
        if (meter(id).phase() == Meter.Phase.DISCOVERING) {
          feed(id, new CmtInput.Timer(CmtInput.TimerKind.DISCOVERY, Round.FIRST));
        }
      }
      deliverUntilIdle();
      for (MeterId id : lcs()) {
        feed(id, new CmtInput.Timer(CmtInput.TimerKind.REGISTRATION_DEADLINE, Round.FIRST));
      }
    }
    deliverUntilIdle();
    return stable(expected.get());
  }

  /**
   * Runs one round: the supplier requests it, every live meter gets its reading, delivery until
   * idle, then the deadlines. Returns the supplier's outcome, if it had a key.
   */
  Optional<RoundOutcome> round(Map<MeterId, Long> readings) {
    round++;
    Round j = new Round(round);
    for (MeterId id : live()) {
      Long e = readings.get(id);
      if (e != null) {
        feed(id, new CmtInput.LocalReading(j, Reading.ofWattHours(e)));
      }
    }
    int before = outcomes.size();
    feedSupplier(new CmtInput.RequestRound(j));
    deliverUntilIdle();
    feedSupplier(new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
    for (MeterId id : lcs()) {
      feed(id, new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, j));
    }
    deliverUntilIdle();
    for (int i = before; i < outcomes.size(); i++) {
      if (outcomes.get(i).round().equals(j)) {
        return Optional.of(outcomes.get(i));
      }
    }
    return Optional.empty();
  }

  /** Every event the endpoints reported. */
  List<ProtocolEvent> events() {
    return network.events();
  }

  /** Rejections of frames (by the endpoints) and of local inputs, by check ID. */
  Map<String, Integer> rejections() {
    Map<String, Integer> all = new TreeMap<>(network.rejections());
    localRejections.forEach((k, v) -> all.merge(k, v, Integer::sum));
    return all;
  }

  String dump() {
    StringBuilder b = new StringBuilder("supplier epoch=" + supplier().epoch() + " members="
        + supplier().members().size() + " rejections=" + rejections() + "\n");
    for (Map.Entry<MeterId, Meter> e : meters().entrySet()) {
      Meter m = e.getValue();
      b.append(e.getKey().value()).append(down.contains(e.getKey()) ? " DOWN " : " ")
          .append(m.phase()).append(m.isLocalConcentrator() ? " LC keyed=" + m.keyedEpoch() : "")
          .append(" ring=").append(m.ringEpoch()).append(" last=").append(m.lastEpoch())
          .append('\n');
    }
    return b.toString();
  }

  /** The identities whose reading tokens form the supplier's current group key. */
  Set<MeterId> keyedMembers() {
    Set<MeterId> out = new HashSet<>();
    for (Token t : supplier().members()) {
      MeterId id = readingOwners.get(t);
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  void deliverUntilIdle() {
    if (!network.run(now(), 20_000)) {
      throw new AssertionError("network does not go idle");
    }
  }

  private List<AttackedNetwork.Receiver> route(Address to) {
    List<AttackedNetwork.Receiver> out = new ArrayList<>();
    if (to instanceof Address.Supplier) {
      out.add(supplierReceiver);
      return out;
    }
    for (Map.Entry<MeterId, Endpoint<Meter, CmtInput, CmtMessage>> e : meters.entrySet()) {
      MeterId id = e.getKey();
      Meter m = e.getValue().party();
      if (down.contains(id)) {
        continue;
      }
      boolean match = to instanceof Address.GroupBroadcast
          || (to instanceof Address.Identified i && i.id().equals(id))
          || (to instanceof Address.Meter t && m.token().equals(Optional.of(t.token())))
          || (to instanceof Address.LocalConcentrator && m.isLocalConcentrator());
      if (match) {
        out.add(receivers.get(id));
      }
    }
    return out;
  }

  /**
   * Seals an envelope as its sender would and verifies it for a receiving meter or supplier, as
   * its endpoint would (spec/cmt.md §11): every current ring token is bound to its meter.
   */
  VerifiedEnvelope<CmtMessage> verified(Envelope<CmtMessage> e,
      io.gridveil.core.auth.ReceiverPolicy receiver) throws ProtocolViolationException {
    for (Map.Entry<MeterId, Meter> m : meters().entrySet()) {
      m.getValue().token().ifPresent(t -> pki.bind(t, m.getKey()));
    }
    return pki.verified(e, CODEC, receiver);
  }

  void feed(MeterId id, CmtInput in) {
    if (down.contains(id)) {
      return;
    }
    Endpoint<Meter, CmtInput, CmtMessage> e = meters.get(id);
    try {
      network.post(e.input(in, random));
      noteTokens(id, e.party());
    } catch (ProtocolViolationException ex) {
      localRejections.merge(ex.checkId().value(), 1, Integer::sum);
    }
  }

  void feedSupplier(CmtInput in) {
    try {
      Endpoint.Output out = supplier.input(in, random);
      network.post(out);
      for (ProtocolEvent ev : out.events()) {
        if (ev instanceof RoundOutcome o) {
          outcomes.add(o);
        } else if (ev instanceof CmtEvent.RevocationIssued r) {
          // spec/cmt.md §3.13: the product distributes the supplier's list to every endpoint.
          revoke(r.list());
        }
      }
    } catch (ProtocolViolationException ex) {
      localRejections.merge(ex.checkId().value(), 1, Integer::sum);
    }
  }

  /**
   * Delivers a frame straight to the supplier's endpoint, as an attacker on its link would.
   *
   * @return true if the supplier accepted it; a refusal is counted by its check ID
   */
  boolean toSupplier(byte[] bytes) {
    try {
      network.post(supplierReceiver.receive(bytes, now(), random));
      return true;
    } catch (ProtocolViolationException ex) {
      localRejections.merge(ex.checkId().value(), 1, Integer::sum);
      return false;
    }
  }

  /** The supplier's operator revokes a meter; its list reaches every endpoint (§3.13). */
  void revokeAtSupplier(MeterId id, CmtInput.RevocationScope scope) {
    feedSupplier(new CmtInput.Revoke(id, scope));
  }
}
