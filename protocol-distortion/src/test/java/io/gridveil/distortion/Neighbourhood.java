// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.KeyId;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.Tariff;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.distortion.reconstruction.HierarchicalMerge;
import io.gridveil.distortion.reconstruction.ObservationGrid;
import io.gridveil.distortion.reconstruction.ObservationHistogram;
import io.gridveil.distortion.reconstruction.ReconstructionOptions;
import io.gridveil.distortion.reconstruction.Reconstructor;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.AttackedNetwork;
import io.gridveil.testkit.TestPki;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Meters, collectors and the utility of spec/distortion.md behind authenticated endpoints (§13)
 * over an {@link AttackedNetwork}: a few slots, then a billing cycle's queries. The test keeps the
 * ground truth (true readings, the distorted value each meter put on the wire) and checks every
 * published distribution and bill against it with the scheme's own oracles.
 */
final class Neighbourhood {
  static final EnvelopeCodec<DistortionMessage> CODEC = EnvelopeCodec.of(DistortionCodec.INSTANCE);
  static final BinGrid GRID = new BinGrid(0, 4000, 20);
  static final NoiseParameters NOISE = new NoiseParameters(100, 300);
  static final ReconstructionOptions OPTIONS = ReconstructionOptions.DEFAULT;
  /** Two price levels alternating hour by hour, so a bill weighs slots differently. */
  static final List<Long> PRICES = List.of(150_000L, 380_000L);
  static final Tariff TARIFF =
      new Tariff(PRICES, IntStream.range(0, 24).map(h -> h % 2).boxed().toList());
  /** Slots per cycle J. */
  static final int J = 4;
  static final BillingPlan PLAN = new BillingPlan(TARIFF, J, 3_999, 4);
  /** The first slot: cycle 2 = slots 8 to 11; slot 12 closes it. */
  static final long FIRST_SLOT = 8;
  static final int SLOTS = 5;
  static final long CYCLE = 2;
  static final int TICKS = 40;
  static final int BILL_ATTEMPTS = 3;
  static final GroupId FOREIGN = new GroupId("elsewhere");

  /** Keys per role and meter; licences; collector keys. */
  final TestPki pki;
  final CollectorKeys collectorKeys;
  final List<GroupId> groups = new ArrayList<>();
  final Map<MeterId, GroupId> groupOf = new LinkedHashMap<>();
  final Map<MeterId, Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage>> meters =
      new LinkedHashMap<>();
  final Map<GroupId, Endpoint<Collector, Collector.Input, DistortionMessage>> collectors =
      new LinkedHashMap<>();
  final Endpoint<Utility, Utility.Input, DistortionMessage> utility;
  final @Nullable ActiveAttacker attacker;
  final AttackedNetwork network;
  final RevocationList revocations;
  /** The slot offset at which meter 0 of the first group is revoked and its key stolen, or -1. */
  final int compromiseAt;
  /** Meters that went down: they read nothing and receive nothing. */
  final Set<MeterId> down = new HashSet<>();
  /** The serial of the victim's older licence, binding its identity and real key, expired before the first slot. */
  static final long VICTIM_EXPIRED = 1_103;

  private final RandomSource readingRandom;
  private final RandomSource partyRandom;
  /** True readings: meter -> slot offset -> r. */
  private final Map<MeterId, long[]> readings = new HashMap<>();
  /** What each meter put on the wire: (group, slot) -> meter -> d. */
  private final Map<String, Map<MeterId, Long>> distorted = new HashMap<>();

  /**
   * Builds the parties.
   *
   * @param groupCount collectors (groups)
   * @param metersPerGroup meters per group, at least 2
   * @param faults the benign faults
   * @param attackPerTick the attacker's injections per tick; 0 for no attacker
   * @param seed the run's seed
   */
  Neighbourhood(int groupCount, int metersPerGroup, FaultPlan faults, int attackPerTick, long seed) {
    this(groupCount, metersPerGroup, faults, attackPerTick, seed, -1);
  }

  /**
   * Builds the parties; with {@code compromiseAt} in [0, SLOTS), the attacker holds no licence of
   * its own, and at that slot meter 0 of the first group has its licence revoked (the list
   * installed at every endpoint), goes down, and the attacker gets its real key with that revoked
   * licence and an older, expired one binding the same identity and key (spec/adversary.md §3.1).
   *
   * @param groupCount collectors (groups)
   * @param metersPerGroup meters per group, at least 2
   * @param faults the benign faults
   * @param attackPerTick the attacker's injections per tick; 0 for no attacker
   * @param seed the run's seed
   * @param compromiseAt the slot offset of the revocation and theft, or -1 for none
   */
  Neighbourhood(int groupCount, int metersPerGroup, FaultPlan faults, int attackPerTick, long seed,
      int compromiseAt) {
    this.compromiseAt = compromiseAt;
    RandomSource keys = DeterministicRandomSource.fromSeed(4 * seed);
    this.readingRandom = DeterministicRandomSource.fromSeed(4 * seed + 1);
    this.partyRandom = DeterministicRandomSource.fromSeed(4 * seed + 2);
    RandomSource schedule = DeterministicRandomSource.fromSeed(4 * seed + 3);
    this.pki = new TestPki(keys);
    Ed25519SigningKey supplierKey = pki.key(Address.SUPPLIER);
    TrustAnchors supplierOnly =
        TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()));
    this.collectorKeys = new CollectorKeys(keys, supplierOnly);
    for (int g = 0; g < groupCount; g++) {
      groups.add(new GroupId("group-" + g));
    }
    // The attacker's credentials: its own key, a licence for a group nobody serves, and for
    // every served group an expired one and one the receivers' revocation list names.
    Ed25519SigningKey attackerKey = Ed25519SigningKey.generate(keys);
    List<ActiveAttacker.HeldLicence> held = new ArrayList<>();
    held.add(attackerLicence(1000, "intruder-foreign", FOREIGN, Round.FIRST, Anchor.FOREVER,
        attackerKey, supplierKey));
    Set<Long> revoked = new TreeSet<>();
    for (int g = 0; g < groupCount; g++) {
      held.add(attackerLicence(1001 + 2L * g, "intruder-expired-" + g, groups.get(g), Round.FIRST,
          new Round(FIRST_SLOT - 5), attackerKey, supplierKey));
      held.add(attackerLicence(1002 + 2L * g, "intruder-revoked-" + g, groups.get(g), Round.FIRST,
          Anchor.FOREVER, attackerKey, supplierKey));
      revoked.add(1002 + 2L * g);
    }
    this.revocations = new RevocationList(1, revoked);
    this.attacker =
        attackPerTick == 0 ? null
            : new ActiveAttacker(keys, attackPerTick, attackerKey, compromiseAt < 0 ? held : List.of());

    Round first = new Round(FIRST_SLOT);
    Map<GroupId, MeterId> identities = new HashMap<>();
    for (GroupId g : groups) {
      identities.put(g, CollectorKeys.identity(g));
      Collector c = Collector.create(g, NOISE, GRID, OPTIONS, first);
      collectors.put(g, Endpoint.signing(c, CODEC, Collector.Input.Inbound::new,
          EnvelopeVerifier.of(CODEC, c, g, supplierOnly).withRevocations(revocations),
          collectorKeys.key(g), 0));
      for (int i = 0; i < metersPerGroup; i++) {
        MeterId id = new MeterId("meter-" + g.value() + "-" + i);
        groupOf.put(id, g);
        DistortingMeter m = DistortingMeter.create(id, g, NOISE, PLAN, BillingState.initial());
        SignedLicence licence = pki.licence(id, g);
        meters.put(id, Endpoint.licensed(m, CODEC, DistortingMeter.Input.Inbound::new,
            EnvelopeVerifier.of(CODEC, m, g, supplierOnly).withRevocations(revocations),
            licence, pki.meterKey(id), 0));
        long[] r = new long[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
          r[s] = readingRandom.uniformLong(PLAN.maxReading() + 1);
        }
        readings.put(id, r);
      }
    }
    Utility u = Utility.create(GRID, TARIFF.digest(), identities, first);
    this.utility = Endpoint.signing(u, CODEC, Utility.Input.Inbound::new,
        EnvelopeVerifier.of(CODEC, u, u.groups(), collectorKeys.anchors(u.groups()))
            .withRevocations(revocations),
        supplierKey, 0);
    List<AttackedNetwork.Receiver> toCollectors = new ArrayList<>();
    for (Endpoint<Collector, Collector.Input, DistortionMessage> c : collectors.values()) {
      toCollectors.add(c::receive);
    }
    this.network = new AttackedNetwork(faults, schedule, to -> {
      if (to.equals(Address.SUPPLIER)) {
        return List.of(utility::receive);
      }
      if (to.equals(Address.LOCAL_CONCENTRATOR)) {
        return toCollectors; // one shared role address: the other groups' collectors refuse
      }
      if (to instanceof Address.Identified i && meters.containsKey(i.id()) && !down.contains(i.id())) {
        return List.of(meters.get(i.id())::receive);
      }
      return List.of();
    }, attacker, partyRandom);
  }

  private static ActiveAttacker.HeldLicence attackerLicence(long serial, String id, GroupId group,
      Round from, Round until, Ed25519SigningKey key, Ed25519SigningKey supplierKey) {
    return new ActiveAttacker.HeldLicence(SignedLicence.issue(
        new Licence(serial, new MeterId(id), key.publicKey(), group, from, until), supplierKey),
        key);
  }

  /** Runs every slot (readings, collectors' deadlines, utility's deadline), then the billing. */
  Neighbourhood run() throws ProtocolViolationException {
    for (int s = 0; s < SLOTS; s++) {
      Round j = new Round(FIRST_SLOT + s);
      if (s == compromiseAt) {
        compromise(j);
      }
      for (Map.Entry<MeterId, Endpoint<DistortingMeter, DistortingMeter.Input, DistortionMessage>> e
          : meters.entrySet()) {
        if (down.contains(e.getKey())) {
          continue;
        }
        long r = readings.get(e.getKey())[s];
        Endpoint.Output out = e.getValue().input(
            new DistortingMeter.Input.LocalReading(j, Reading.ofWattHours(r)), partyRandom);
        for (Endpoint.Outbound o : out.outbound()) {
          Envelope<DistortionMessage> sent = decodeInner(o.bytes());
          long d = ((DistortionMessage.DistortedReading) sent.body()).value();
          assertNull(distorted.computeIfAbsent(key(sent.group(), j), k -> new HashMap<>())
              .put(e.getKey(), d));
        }
        network.post(out);
      }
      if (compromiseAt >= 0 && s >= compromiseAt) {
        network.attack(j, 10);
      }
      network.run(j, TICKS);
      for (Endpoint<Collector, Collector.Input, DistortionMessage> c : collectors.values()) {
        network.post(c.input(new Collector.Input.Deadline(j), partyRandom));
      }
      network.run(j, TICKS);
      network.post(utility.input(new Utility.Input.Deadline(j), partyRandom));
    }
    Round now = new Round(FIRST_SLOT + SLOTS - 1);
    for (int attempt = 0; attempt < BILL_ATTEMPTS; attempt++) {
      Set<MeterId> billed = bills().keySet();
      for (Map.Entry<MeterId, GroupId> e : groupOf.entrySet()) {
        if (!billed.contains(e.getKey())) {
          network.post(utility.input(
              new Utility.Input.QueryBill(e.getKey(), e.getValue(), CYCLE), partyRandom));
        }
      }
      if (compromiseAt >= 0) {
        network.attack(now, 10);
      }
      network.run(now, TICKS);
    }
    return this;
  }

  /** The first meter of the first group: the one whose key is stolen. */
  MeterId victim() {
    return groupOf.keySet().iterator().next();
  }

  /** Revokes the victim's licence at every endpoint that verifies licences, takes it down, hands its key over. */
  private void compromise(Round now) throws ProtocolViolationException {
    MeterId victim = victim();
    Ed25519SigningKey supplierKey = pki.key(Address.SUPPLIER);
    SignedLicence licence = pki.licence(victim, groupOf.get(victim));
    Set<Long> serials = new TreeSet<>(revocations.revoked());
    serials.add(licence.licence().serial());
    SignedRevocationList list =
        SignedRevocationList.issue(new RevocationList(revocations.version() + 1, serials), supplierKey);
    KeyId supplier = supplierKey.publicKey().keyId();
    List<Endpoint<?, ?, DistortionMessage>> all = new ArrayList<>(meters.values());
    all.addAll(collectors.values());
    all.add(utility);
    for (Endpoint<?, ?, DistortionMessage> e : all) {
      if (e.verifier().anchors().find(supplier).isPresent()) {
        e.updateRevocations(list, now);
      }
    }
    down.add(victim);
    ActiveAttacker a = attacker;
    if (a != null) {
      Ed25519SigningKey stolen = pki.meterKey(victim);
      a.compromise(new ActiveAttacker.HeldLicence(licence, stolen));
      a.compromise(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(VICTIM_EXPIRED,
          victim, stolen.publicKey(), groupOf.get(victim), Round.FIRST, new Round(FIRST_SLOT - 1)),
          supplierKey), stolen));
    }
  }

  /** The bills the utility received, each at most once (asserted). */
  Map<MeterId, DistortionEvent.BillReceived> bills() {
    Map<MeterId, DistortionEvent.BillReceived> out = new HashMap<>();
    for (ProtocolEvent e : network.events()) {
      if (e instanceof DistortionEvent.BillReceived b) {
        assertNull(out.put(b.meter(), b), "a bill counted twice");
      }
    }
    return out;
  }

  /** The local distributions the collectors published, by (group, slot). */
  Map<String, DistortionEvent.LocalReconstructed> locals() {
    Map<String, DistortionEvent.LocalReconstructed> out = new HashMap<>();
    for (ProtocolEvent e : network.events()) {
      if (e instanceof DistortionEvent.LocalReconstructed l) {
        assertNull(out.put(key(l.group(), l.round()), l), "two local distributions of a slot");
      }
    }
    return out;
  }

  /** The utility's merged distributions, in slot order. */
  List<DistortionEvent.DistributionReconstructed> merged() {
    List<DistortionEvent.DistributionReconstructed> out = new ArrayList<>();
    for (ProtocolEvent e : network.events()) {
      if (e instanceof DistortionEvent.DistributionReconstructed d) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Asserts that nothing published is wrong: every local distribution is the reconstruction of a
   * set of genuine readings of its group and slot (its count is that set's size), every merged
   * distribution merges exactly the local distributions the collectors published, and every bill
   * is the meter's true bill under the public tariff.
   *
   * @return the number of genuine readings counted, over every group and slot
   */
  long assertSound() {
    long counted = 0;
    Map<String, DistortionEvent.LocalReconstructed> locals = locals();
    assertEquals(SLOTS * groups.size(), locals.size(), "one local distribution per group and slot");
    for (DistortionEvent.LocalReconstructed l : locals.values()) {
      Map<MeterId, Long> genuine = distorted.getOrDefault(key(l.group(), l.round()), Map.of());
      assertTrue(isReconstructionOfGenuineSubset(l.distribution(), genuine),
          "local distribution of " + l.group().value() + " slot " + l.round().index()
              + " is not made of genuine readings");
      counted += l.distribution().count();
    }
    List<DistortionEvent.DistributionReconstructed> merged = merged();
    assertEquals(SLOTS, merged.size());
    for (DistortionEvent.DistributionReconstructed m : merged) {
      List<BinnedDistribution> reported = new ArrayList<>();
      for (GroupId g : m.reporting()) {
        DistortionEvent.LocalReconstructed l = locals.get(key(g, m.round()));
        assertTrue(l != null, "the utility merged a distribution no collector published");
        reported.add(l.distribution());
      }
      assertEquals(groups.size(), m.reporting().size() + m.missing().size());
      BinnedDistribution expected = reported.isEmpty()
          ? HierarchicalMerge.merge(List.of(new BinnedDistribution(GRID, uniform(), 0)))
          : HierarchicalMerge.merge(reported);
      assertEquals(expected, m.distribution());
    }
    for (DistortionEvent.BillReceived b : bills().values()) {
      assertEquals(trueBill(b.meter()), b.total(), "bill of " + b.meter().value());
      assertEquals(J, b.slots());
      assertEquals(CYCLE, b.cycle());
    }
    return counted;
  }

  /** The number of readings the meters sent. */
  int readingsSent() {
    return meters.size() * SLOTS;
  }

  /** sum over the cycle's slots of r_j * P[j], from the price list, in exact arithmetic. */
  BigInteger trueBillExact(MeterId meter) {
    BigInteger total = BigInteger.ZERO;
    for (int s = 0; s < SLOTS; s++) {
      long slot = FIRST_SLOT + s;
      if (slot / J == CYCLE) {
        long price = PRICES.get((int) (slot % 24) % 2);
        total = total.add(BigInteger.valueOf(readings.get(meter)[s])
            .multiply(BigInteger.valueOf(price)));
      }
    }
    return total;
  }

  private long trueBill(MeterId meter) {
    return trueBillExact(meter).longValueExact();
  }

  /** Tells whether some subset of the genuine readings, of the published count, reconstructs to d. */
  private static boolean isReconstructionOfGenuineSubset(
      BinnedDistribution d, Map<MeterId, Long> genuine) {
    List<Long> values = new ArrayList<>(genuine.values());
    int n = values.size();
    if (d.count() > n) {
      return false;
    }
    ObservationGrid og = ObservationGrid.defaultFor(GRID, NOISE);
    for (int mask = 0; mask < 1 << n; mask++) {
      if (Integer.bitCount(mask) != d.count()) {
        continue;
      }
      long[] subset = new long[(int) d.count()];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if ((mask >> i & 1) != 0) {
          subset[k++] = values.get(i);
        }
      }
      BinnedDistribution expected = Reconstructor.reconstruct(
          ObservationHistogram.of(og, subset), NOISE, GRID, OPTIONS).distribution();
      if (expected.equals(d)) {
        return true;
      }
    }
    return false;
  }

  private static double[] uniform() {
    double[] u = new double[GRID.bins()];
    java.util.Arrays.fill(u, 1.0 / GRID.bins());
    return u;
  }

  private static String key(GroupId g, Round j) {
    return g.value() + "@" + j.index();
  }

  /** The envelope inside an authentication wrapper of kind 1 or 3 (spec/auth.md §3.1). */
  static Envelope<DistortionMessage> decodeInner(byte[] wrapped) throws MalformedMessageException {
    CanonicalReader r = CanonicalReader.of(wrapped);
    int kind = r.u8("kind");
    if (kind == 1) {
      r.u64("keyId");
    } else {
      assertEquals(3, kind, "a distortion frame is signed or licensed");
      r.bytes16("licence", 512);
    }
    r.u64("seq");
    return CODEC.decode(r.bytes32("frame", 1 << 20));
  }
}
