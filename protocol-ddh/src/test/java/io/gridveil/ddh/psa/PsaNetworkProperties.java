// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.Admission;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.AttackedNetwork;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * PSA end to end behind authenticated endpoints (spec/ddh.md §7, §10.6): licensed meters and the
 * aggregator's verifier, liveness, revocation and licence refusals. PSA has no fault tolerance, so
 * a round is Exact over all n readings or Voided; never a wrong sum. {@link PsaAttackProperties}
 * adds faults and the active attacker.
 */
class PsaNetworkProperties {
  static final GroupId G = new GroupId("g-psa-net");
  private static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);
  static final long FIRST = 10;
  private static final long HELD_REVOKED = 999;
  /** The serial of meter 0's older licence, binding its identity and real key, expired at round 5. */
  private static final long VICTIM_EXPIRED = 1_103;
  private static final long T_MAX = 50;
  private static final Map<Integer, PsaDiscreteLog> SOLVERS = new HashMap<>();

  @Test
  void withoutAttackerOrFaults_everyRoundIsExact() throws Exception {
    for (int n : new int[] {2, 3}) {
      Fixture f = new Fixture(n, FaultPlan.NONE, 5, null, null);
      long[][] e = readings(n, 3, 5);
      Map<Long, RoundOutcome> outcomes = f.run(e, -1);
      for (int t = 0; t < e.length; t++) {
        assertEquals(sum(e[t]), assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(FIRST + t)).sum());
      }
      assertTrue(f.net.rejections().isEmpty(), f.net.rejections().toString());
    }
  }

  @Test
  void revokedMeter_voidsItsRounds() throws Exception {
    Fixture f = new Fixture(3, FaultPlan.NONE, 6, null, null);
    long[][] e = readings(3, 2, 6);
    Map<Long, RoundOutcome> outcomes = f.run(e, 1);
    assertEquals(sum(e[0]), assertInstanceOf(RoundOutcome.Exact.class, outcomes.get(FIRST)).sum());
    assertInstanceOf(RoundOutcome.Voided.class, outcomes.get(FIRST + 1));
    assertEquals(Integer.valueOf(1), f.net.rejections().get("AUTH-V-11"));
  }

  @Test
  void setUpAndContributions_refuseExpiredRevokedAndForeignLicences() throws Exception {
    TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(9));
    Ed25519SigningKey supplier = pki.key(Address.SUPPLIER);
    Ed25519SigningKey k = Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(10));
    PsaParameters p = params(2);
    PsaKeys keys = PsaKeys.deal(p, 2, DeterministicRandomSource.fromSeed(11));
    MeterId m0 = new MeterId("p-0");
    MeterId m1 = new MeterId("p-1");
    Admission now = new Admission(pki.anchors(), new RevocationList(1, Set.of(HELD_REVOKED)), new Round(FIRST));
    SignedLicence expired = SignedLicence.issue(new Licence(50, m1, k.publicKey(), G, Round.FIRST, new Round(5)), supplier);
    SignedLicence revoked = SignedLicence.issue(
        new Licence(HELD_REVOKED, m1, k.publicKey(), G, Round.FIRST, Anchor.FOREVER), supplier);
    SignedLicence foreign = SignedLicence.issue(
        new Licence(51, m1, k.publicKey(), new GroupId("g-other"), Round.FIRST, Anchor.FOREVER), supplier);
    PsaDiscreteLog d = solver(p);
    SignedLicence l0 = pki.licence(m0, G);
    assertViolation("AUTH-V-10", () -> PsaAggregator.create(p, G, List.of(l0, expired), now, keys.aggregatorKey(), d));
    assertViolation("AUTH-V-11", () -> PsaAggregator.create(p, G, List.of(l0, revoked), now, keys.aggregatorKey(), d));
    assertViolation("AUTH-V-07", () -> PsaAggregator.create(p, G, List.of(l0, foreign), now, keys.aggregatorKey(), d));
    PsaAggregator agg = PsaAggregator.create(p, G, List.of(l0, pki.licence(m1, G)), now, keys.aggregatorKey(), d);
    Endpoint<PsaAggregator, PsaInput, PsaMessage> e = Endpoint.signing(agg, CODEC, PsaInput.Inbound::new,
        EnvelopeVerifier.of(CODEC, agg, G, pki.anchors()).withRevocations(now.revocations()),
        pki.key(Address.AGGREGATOR), 0);
    Round j = new Round(FIRST);
    byte[] frame = CODEC.encode(new Envelope<>(Address.identified(m1), Address.AGGREGATOR, G, j,
        new PsaMessage.Contribution(PsaDiscreteLog.power(3))));
    assertViolation("AUTH-V-10", () -> e.receive(AuthCodec.signLicensed(frame, 1, expired, k), j, RNG));
    assertViolation("AUTH-V-11", () -> e.receive(AuthCodec.signLicensed(frame, 2, revoked, k), j, RNG));
    assertViolation("AUTH-V-07", () -> e.receive(AuthCodec.signLicensed(frame, 3, foreign, k), j, RNG));
    assertViolation("AUTH-V-02", () -> e.receive(AuthCodec.sign(frame, 4, k), j, RNG));
  }

  private static final RandomSource RNG = DeterministicRandomSource.fromSeed(3);

  private static PsaParameters params(int n) {
    return new PsaParameters(new AggregationParameters(n, T_MAX, Modulus.powerOfTwo(64), false, ReadingUnit.WATT_HOUR));
  }

  private static synchronized PsaDiscreteLog solver(PsaParameters p) {
    return SOLVERS.computeIfAbsent(p.aggregation().nMax(), k -> PsaDiscreteLog.forParameters(p));
  }

  static long[][] readings(int n, int rounds, long seed) {
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
    long[][] e = new long[rounds][n];
    for (int t = 0; t < rounds; t++) {
      for (int i = 0; i < n; i++) {
        e[t][i] = r.uniformLong(T_MAX + 1);
      }
    }
    return e;
  }

  static long sum(long[] e) {
    long s = 0;
    for (long v : e) {
      s += v;
    }
    return s;
  }

  /** n licensed PSA meters and the aggregator behind endpoints, over an attacked network. */
  static final class Fixture {
    final TestPki pki;
    final List<MeterId> ids = new ArrayList<>();
    final Map<MeterId, Endpoint<PsaMeter, PsaInput, PsaMessage>> meters = new HashMap<>();
    final Endpoint<PsaAggregator, PsaInput, PsaMessage> aggregator;
    final @Nullable ActiveAttacker attacker;
    final AttackedNetwork net;
    /** Meters that went down: they read nothing and receive nothing. */
    final Set<MeterId> down = new HashSet<>();

    Fixture(int n, FaultPlan faults, long seed, @Nullable RandomSource attackRandom, @Nullable Ed25519SigningKey own)
        throws ProtocolViolationException {
      this(n, faults, seed, attackRandom, own, null);
    }

    /** As above; the attacker holds {@code held} (null: a foreign, an expired and a revoked licence of its own key). */
    Fixture(int n, FaultPlan faults, long seed, @Nullable RandomSource attackRandom, @Nullable Ed25519SigningKey own,
        @Nullable List<ActiveAttacker.HeldLicence> held) throws ProtocolViolationException {
      pki = new TestPki(DeterministicRandomSource.fromSeed(seed));
      PsaParameters p = params(n);
      PsaKeys keys = PsaKeys.deal(p, n, DeterministicRandomSource.fromSeed(seed + 3));
      RevocationList revoked = new RevocationList(1, Set.of(HELD_REVOKED));
      List<SignedLicence> licences = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        MeterId id = new MeterId("p-" + i);
        ids.add(id);
        licences.add(pki.licence(id, G));
        PsaMeter m = PsaMeter.create(p, G, id, keys.meterKeys().get(i));
        meters.put(id, Endpoint.licensed(m, CODEC, PsaInput.Inbound::new,
            EnvelopeVerifier.of(CODEC, m, G, pki.anchors()).withRevocations(revoked),
            pki.licence(id, G), pki.meterKey(id), 0));
      }
      PsaAggregator agg = PsaAggregator.create(p, G, licences, new Admission(pki.anchors(), revoked, new Round(FIRST)),
          keys.aggregatorKey(), solver(p));
      aggregator = Endpoint.signing(agg, CODEC, PsaInput.Inbound::new,
          EnvelopeVerifier.of(CODEC, agg, G, pki.anchors()).withRevocations(revoked),
          pki.key(Address.AGGREGATOR), 0);
      attacker = attackRandom == null || own == null ? null
          : new ActiveAttacker(attackRandom, 6, own, held != null ? held : held(attackRandom));
      net = new AttackedNetwork(faults, DeterministicRandomSource.fromSeed(seed + 1), this::route, attacker,
          DeterministicRandomSource.fromSeed(seed + 2));
    }

    private List<ActiveAttacker.HeldLicence> held(RandomSource r) {
      Ed25519SigningKey supplier = pki.key(Address.SUPPLIER);
      List<ActiveAttacker.HeldLicence> out = new ArrayList<>();
      Ed25519SigningKey k1 = Ed25519SigningKey.generate(r);
      out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
          1001, ids.get(0), k1.publicKey(), new GroupId("g-other"), Round.FIRST, Anchor.FOREVER), supplier), k1));
      Ed25519SigningKey k2 = Ed25519SigningKey.generate(r);
      out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
          1002, ids.get(1), k2.publicKey(), G, Round.FIRST, new Round(5)), supplier), k2));
      Ed25519SigningKey k3 = Ed25519SigningKey.generate(r);
      out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
          HELD_REVOKED, ids.get(0), k3.publicKey(), G, Round.FIRST, Anchor.FOREVER), supplier), k3));
      return out;
    }

    private List<AttackedNetwork.Receiver> route(Address to) {
      if (to.equals(Address.AGGREGATOR)) {
        return List.of(aggregator::receive);
      }
      if (to instanceof Address.Identified m && meters.containsKey(m.id()) && !down.contains(m.id())) {
        return List.of(meters.get(m.id())::receive);
      }
      return List.of();
    }

    /** Runs the rounds; from round {@code revokeAt} on, meter 0's licence is revoked. */
    Map<Long, RoundOutcome> run(long[][] e, int revokeAt) throws ProtocolViolationException {
      return run(e, revokeAt, false);
    }

    /**
     * Runs the rounds; from round {@code revokeAt} on, meter 0's licence is revoked. With {@code
     * compromise}, the list is installed at every endpoint, meter 0 goes down, and the attacker
     * gets its real key with that revoked licence and an older, expired one binding the same
     * identity and key (spec/adversary.md §3.1), and 10 ticks of injections each round from then.
     */
    Map<Long, RoundOutcome> run(long[][] e, int revokeAt, boolean compromise)
        throws ProtocolViolationException {
      MeterId victim = ids.get(0);
      for (int t = 0; t < e.length; t++) {
        Round j = new Round(FIRST + t);
        if (t == revokeAt) {
          long serial = pki.licence(victim, G).licence().serial();
          SignedRevocationList list = SignedRevocationList.issue(
              new RevocationList(2, Set.of(HELD_REVOKED, serial)), pki.key(Address.SUPPLIER));
          aggregator.updateRevocations(list, j);
          if (compromise && attacker != null) {
            for (Endpoint<PsaMeter, PsaInput, PsaMessage> m : meters.values()) {
              m.updateRevocations(list, j);
            }
            down.add(victim);
            Ed25519SigningKey stolen = pki.meterKey(victim);
            attacker.compromise(new ActiveAttacker.HeldLicence(pki.licence(victim, G), stolen));
            attacker.compromise(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
                VICTIM_EXPIRED, victim, stolen.publicKey(), G, Round.FIRST, new Round(5)),
                pki.key(Address.SUPPLIER)), stolen));
          }
        }
        for (int i = 0; i < ids.size(); i++) {
          if (!down.contains(ids.get(i))) {
            net.post(meters.get(ids.get(i)).input(
                new PsaInput.LocalReading(j, Reading.ofWattHours(e[t][i])), RNG));
          }
        }
        if (compromise && t >= revokeAt) {
          net.attack(j, 10);
        }
        net.run(j, 200);
        net.post(aggregator.input(new PsaInput.Deadline(j), RNG));
      }
      Map<Long, RoundOutcome> out = new HashMap<>();
      for (ProtocolEvent ev : net.events()) {
        if (ev instanceof RoundOutcome o) {
          assertTrue(out.put(o.round().index(), o) == null, "one outcome per round");
        }
      }
      for (int t = 0; t < e.length; t++) {
        assertTrue(out.containsKey(FIRST + t), "every round has an outcome");
      }
      return out;
    }
  }
}
