// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.KeyId;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.message.Address;
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
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One blinding group behind authenticated endpoints (spec/blinding.md §5.3) over an {@link
 * AttackedNetwork}: the TTP, the aggregator and the supplier sign with their role keys, the meters
 * with their licences. Each party trusts only the role keys it needs. It also records, as the
 * oracle of the end-to-end properties, which contributions the aggregator accepted in each round
 * and the readings behind them. Mutable, test-only.
 */
final class AuthenticatedGroup {
  /** The set-up round; rounds are driven from it on. */
  static final Round SETUP = new Round(1);

  private static final int TICKS = 40;

  final GroupId group;
  final BlindingParameters params;
  final TestPki pki;
  final List<MeterId> roster = new ArrayList<>();
  final Endpoint<TrustedThirdParty, BlindingInput, BlindingMessage> ttp;
  final Endpoint<Aggregator, BlindingInput, BlindingMessage> aggregator;
  final Endpoint<Supplier, BlindingInput, BlindingMessage> supplier;
  final Map<MeterId, Endpoint<Meter, BlindingInput, BlindingMessage>> meters = new LinkedHashMap<>();
  final AttackedNetwork network;
  /** Round -> meter -> the reading it encrypted. */
  final Map<Long, Map<MeterId, Long>> readings = new HashMap<>();
  /** Round -> the meters whose contribution the aggregator accepted. */
  final Map<Long, Set<MeterId>> counted = new HashMap<>();
  /** The supplier's outcomes, in order. */
  final List<RoundOutcome> supplierOutcomes = new ArrayList<>();
  /** Ticks each round gives the attacker before its deadline, traffic or not (0: none). */
  int attackTicks;

  private final RandomSource random;
  private final RandomSource readingSource;
  private final Map<Address, List<AttackedNetwork.Receiver>> receivers = new HashMap<>();

  /**
   * Builds the endpoints; nothing is sent yet.
   *
   * @param pki the role keys and the meters' licences
   * @param group the group
   * @param n the number of meters
   * @param params the group's parameters
   * @param faults the benign faults
   * @param seed the seed of the faults, the readings and the parties' randomness
   * @param attacker the active attacker, or null
   * @param revocations the revocation list every verifier (and the TTP at set-up) holds
   */
  AuthenticatedGroup(
      TestPki pki,
      GroupId group,
      int n,
      BlindingParameters params,
      FaultPlan faults,
      long seed,
      @Nullable ActiveAttacker attacker,
      RevocationList revocations) {
    this.pki = pki;
    this.group = group;
    this.params = params;
    this.random = DeterministicRandomSource.fromSeed(seed);
    this.readingSource = DeterministicRandomSource.fromSeed(seed ^ 0x5DEECE66DL);
    ttp =
        Endpoint.signing(
            TrustedThirdParty.create(group, params),
            TestAuth.CODEC,
            BlindingInput.Inbound::new,
            verifier(Address.TRUSTED_THIRD_PARTY, revocations, Address.AGGREGATOR, Address.SUPPLIER),
            pki.key(Address.TRUSTED_THIRD_PARTY),
            0);
    aggregator =
        Endpoint.signing(
            Aggregator.create(group, params),
            TestAuth.CODEC,
            BlindingInput.Inbound::new,
            verifier(Address.AGGREGATOR, revocations, Address.TRUSTED_THIRD_PARTY, Address.SUPPLIER),
            pki.key(Address.AGGREGATOR),
            0);
    supplier =
        Endpoint.signing(
            Supplier.create(group, params),
            TestAuth.CODEC,
            BlindingInput.Inbound::new,
            verifier(Address.SUPPLIER, revocations, Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR),
            pki.key(Address.SUPPLIER),
            0);
    for (int i = 1; i <= n; i++) {
      MeterId id = new MeterId("sm-" + i);
      roster.add(id);
      Endpoint<Meter, BlindingInput, BlindingMessage> m =
          Endpoint.licensed(
              Meter.create(group, id, params),
              TestAuth.CODEC,
              BlindingInput.Inbound::new,
              verifier(Address.identified(id), revocations, Address.TRUSTED_THIRD_PARTY),
              pki.licence(id, group),
              pki.meterKey(id),
              0);
      meters.put(id, m);
      receivers.put(Address.identified(id), List.of(m::receive));
    }
    // One receiver object per endpoint: the network tells receivers apart by identity.
    receivers.put(Address.TRUSTED_THIRD_PARTY, List.of(ttp::receive));
    receivers.put(Address.AGGREGATOR, List.of(this::aggregatorReceive));
    receivers.put(Address.SUPPLIER, List.of(this::supplierReceive));
    network =
        new AttackedNetwork(
            faults,
            DeterministicRandomSource.fromSeed(~seed),
            to -> receivers.getOrDefault(to, List.of()),
            attacker,
            random);
  }

  /** A verifier for the party at {@code self} that trusts the role keys of {@code trusted}. */
  private EnvelopeVerifier<BlindingMessage> verifier(
      Address self, RevocationList revocations, Address... trusted) {
    TrustAnchors anchors = TrustAnchors.empty();
    for (Address role : trusted) {
      anchors = anchors.with(Anchor.of(role, pki.key(role).publicKey()));
    }
    return EnvelopeVerifier.of(TestAuth.CODEC, self, group, anchors).withRevocations(revocations);
  }

  /** The aggregator's receiver: it also records which contributions were accepted (the oracle). */
  private Endpoint.Output aggregatorReceive(byte[] bytes, Round now, RandomSource r)
      throws ProtocolViolationException {
    VerifiedEnvelope<BlindingMessage> v = peek(bytes, now);
    Endpoint.Output out = aggregator.receive(bytes, now, r);
    if (v != null
        && v.envelope().body() instanceof BlindingMessage.Contribution
        && v.principal() instanceof Address.Identified id) {
      counted.computeIfAbsent(v.envelope().round().index(), k -> new HashSet<>()).add(id.id());
    }
    return out;
  }

  private @Nullable VerifiedEnvelope<BlindingMessage> peek(byte[] bytes, Round now) {
    try {
      return aggregator.verifier().verify(bytes, now, aggregator.party());
    } catch (ProtocolViolationException e) {
      return null; // the endpoint refuses it too, with the same check
    }
  }

  private Endpoint.Output supplierReceive(byte[] bytes, Round now, RandomSource r)
      throws ProtocolViolationException {
    Endpoint.Output out = supplier.receive(bytes, now, r);
    collect(out.events());
    return out;
  }

  private void collect(List<ProtocolEvent> events) {
    for (ProtocolEvent e : events) {
      if (e instanceof RoundOutcome o) {
        supplierOutcomes.add(o);
      }
    }
  }

  /**
   * Installs a newer supplier-signed revocation list at every endpoint that holds the supplier's
   * anchor (the aggregator and the TTP): the others verify no licence at all, since a licence is
   * supplier-signed (AUTH-V-02 there).
   *
   * @param list the newer list
   * @param now the current round
   * @return how many endpoints installed it
   */
  int revoke(RevocationList list, Round now) throws ProtocolViolationException {
    SignedRevocationList signed = SignedRevocationList.issue(list, pki.key(Address.SUPPLIER));
    KeyId supplierKey = pki.key(Address.SUPPLIER).publicKey().keyId();
    List<Endpoint<?, ?, BlindingMessage>> all = new ArrayList<>(List.of(ttp, aggregator, supplier));
    all.addAll(meters.values());
    int installed = 0;
    for (Endpoint<?, ?, BlindingMessage> e : all) {
      if (e.verifier().anchors().find(supplierKey).isPresent()) {
        e.updateRevocations(signed, now);
        installed++;
      }
    }
    return installed;
  }

  /** The TTP's set-up with every roster licence, and the deliveries it causes. */
  void setUp(PaillierKeyPair keys) throws ProtocolViolationException {
    List<SignedLicence> licences = new ArrayList<>();
    for (MeterId id : roster) {
      licences.add(pki.licence(id, group));
    }
    setUp(licences, keys);
  }

  /** The TTP's set-up with the given licences, and the deliveries it causes. */
  void setUp(List<SignedLicence> licences, PaillierKeyPair keys) throws ProtocolViolationException {
    network.post(
        ttp.input(
            new BlindingInput.SetupWithKeys(
                licences,
                keys,
                ttp.verifier().anchors(),
                ttp.verifier().revocations(),
                SETUP),
            random));
    network.run(SETUP, TICKS);
  }

  /** Round j: every dealt meter reads and contributes, then both deadlines pass. */
  void round(long j) throws ProtocolViolationException {
    round(j, roster);
  }

  /** Round j with only the given meters reading. */
  void round(long j, List<MeterId> reading) throws ProtocolViolationException {
    Round round = new Round(j);
    Map<MeterId, Long> values = readings.computeIfAbsent(j, k -> new HashMap<>());
    for (MeterId id : reading) {
      Endpoint<Meter, BlindingInput, BlindingMessage> m = meters.get(id);
      if (!m.party().isReady()) {
        continue; // its seed deal was lost: it has nothing to encrypt with
      }
      long value = readingSource.uniformLong(params.tMax() + 1);
      network.post(m.input(new BlindingInput.LocalReading(round, Reading.ofWattHours(value)), random));
      values.put(id, value);
    }
    network.attack(round, attackTicks);
    network.run(round, TICKS);
    network.post(aggregator.input(new BlindingInput.Deadline(round), random));
    network.run(round, TICKS);
    Endpoint.Output out = supplier.input(new BlindingInput.Deadline(round), random);
    collect(out.events());
    network.post(out);
  }

  /**
   * Checks every outcome any party reported: Exact only with the sum of the readings of exactly
   * the contributions the aggregator accepted for that round, else Voided with a reason; at most
   * one supplier decision per round.
   *
   * @return the number of exact rounds
   */
  int checkOutcomes() {
    int n = roster.size();
    for (ProtocolEvent e : network.events()) {
      if (e instanceof MeterExcluded) {
        n--; // the dealt group is the meters whose licences the TTP accepted
      }
    }
    Set<Long> decided = new HashSet<>();
    for (RoundOutcome o : supplierOutcomes) {
      assertTrue(decided.add(o.round().index()), "one supplier decision per round");
    }
    int exact = 0;
    for (ProtocolEvent e : network.events()) {
      if (e instanceof RoundOutcome.Exact x) {
        exact++;
        long j = x.round().index();
        Set<MeterId> c = counted.get(j);
        assertNotNull(c, "an exact round had accepted contributions");
        long sum = 0;
        for (MeterId id : c) {
          Long r = readings.get(j).get(id);
          assertNotNull(r, "an accepted contribution was a meter's own reading");
          sum += r;
        }
        assertEquals(c.size(), x.contributors(), "contributors of round " + j);
        assertEquals(n - c.size(), x.recovered(), "recovered of round " + j);
        assertTrue(params.recovery() || x.recovered() == 0, "recovery only when on");
        assertEquals(sum, x.sum(), "sum of round " + j);
      } else if (e instanceof RoundOutcome.Voided v) {
        assertNotNull(v.reason());
      }
    }
    return exact;
  }
}
