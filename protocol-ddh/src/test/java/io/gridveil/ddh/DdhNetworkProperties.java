// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.ActiveAttacker;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import io.gridveil.testkit.pbt.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * End-to-end EDAT behind authenticated endpoints (spec/ddh.md §3, §10): benign faults, dropouts
 * and recovery, a re-key, a licence revoked during the run. Every round is Exact over the
 * contributions the aggregator accepted, or Voided; never a wrong sum. {@link DdhAttackProperties}
 * adds the active attacker.
 */
class DdhNetworkProperties {
  /** Rounds start here, so that a licence valid for rounds 0 to 5 has expired. */
  static final long FIRST = 10;
  /** The serial of the attacker's revoked licence; every verifier holds it revoked from the start. */
  static final long HELD_REVOKED = 999;
  private static final GroupId FOREIGN = new GroupId("g-other");

  /** One scenario: group, parameters, readings and absent meters, faults, re-key and revocation. */
  record Scenario(int n, int bits, long tMax, boolean signed, int kMin, long[][] readings,
      List<Set<Integer>> absent, FaultPlan faults, int ticksBeforeDeadline, int rekeyAt,
      int revokeAt, int victim, long seed) {}

  /** A scenario's parameters: M = 2^bits, t_max (0: the modulus boundary), signedness, k_min. */
  record Shape(int bits, long tMax0, boolean signed, int kMin) {}

  /** A scenario's schedule: rounds, faults, ticks before each deadline, seed. */
  record Schedule(int rounds, FaultPlan faults, int ticks, long seed) {}

  /** Scenarios over the given fault plans; n in [3, 6] reaches both bounds as edges. */
  static Gen<Scenario> scenarios(Gen<FaultPlan> plans) {
    return Gens.integers(3, 6).flatMap(size -> Gens.zip(
            Gens.of(16, 24, 33, 63, 64),
            Gens.of(1L, 2L, 100L, 1000L, 0L),
            Gens.of(false, true),
            Gens.of(2, 2, 3, size),
            Shape::new)
        .zip(Gens.zip(
                Gens.integers(1, 5),
                plans,
                Gens.of(3, 0, 1, 6, 10),
                Gens.longs(),
                Schedule::new),
            (shape, schedule) -> scenario(size, shape, schedule)));
  }

  private static Scenario scenario(int size, Shape shape, Schedule schedule) {
    int bits = shape.bits();
    long tMax0 = shape.tMax0();
    boolean signed = shape.signed();
    int kMin = shape.kMin();
    int rounds = schedule.rounds();
    FaultPlan faults = schedule.faults();
    int ticks = schedule.ticks();
    long seed = schedule.seed();
    // tMax0 = 0 stands for the modulus boundary: the largest t_max core accepts for M = 2^b.
    long bound = bits == 64 ? Long.MAX_VALUE / size : ((1L << bits) - 1) / size;
    long tMax = tMax0 == 0 ? (signed ? bound / 2 : bound) : tMax0;
    DeterministicRandomSource r = DeterministicRandomSource.fromSeed(seed);
    long[][] e = new long[rounds][size];
    List<Set<Integer>> absent = new ArrayList<>();
    for (int j = 0; j < rounds; j++) {
      Set<Integer> a = new HashSet<>();
      // Modes: none absent, one, an adjacent pair (a neighbour that is itself missing),
      // a quarter, a half, everyone (an empty round).
      int mode = (int) r.uniformLong(9);
      int first = (int) r.uniformLong(size);
      if (mode == 2 || mode == 3) {
        a.add(first);
      } else if (mode == 4 || mode == 5) {
        a.add(first);
        a.add((first + 1) % size);
      }
      for (int i = 0; i < size; i++) {
        long v = r.uniformLong(tMax + 1);
        if (r.uniformLong(3) == 0) {
          v = tMax;
        }
        e[j][i] = signed && r.uniformLong(2) == 0 ? -v : v;
        if (mode == 6 && r.uniformLong(4) == 0 || mode == 7 && r.uniformLong(2) == 0 || mode == 8) {
          a.add(i);
        }
      }
      absent.add(a);
    }
    int rekeyAt = (int) r.uniformLong(rounds + 1) - 1;
    // A revocation needs n >= 4: the re-key without the revoked meter keeps 3 members.
    int revokeAt = size >= 4 ? (int) r.uniformLong(rounds + 1) - 1 : -1;
    int victim = (int) r.uniformLong(size);
    return new Scenario(size, bits, tMax, signed, kMin, e, absent, faults, ticks, rekeyAt, revokeAt,
        victim, seed);
  }

  /** Benign faults, from none to a network that loses everything. */
  static Gen<FaultPlan> faultPlans() {
    return Gens.of(
        FaultPlan.NONE,
        new FaultPlan(0.1, 0, 0, 0, false),
        new FaultPlan(0, 0.5, 0, 0, true),
        new FaultPlan(0, 0, 0.5, 4, true),
        new FaultPlan(0.05, 0.2, 0.3, 3, true),
        FaultPlan.NONE,
        new FaultPlan(1, 0, 0, 0, false));
  }

  @Test
  void withFaultsOnly_everyRoundIsExactOverItsContributorsOrVoid() {
    Pbt.property(60).forAll(scenarios(faultPlans()))
        .check(DdhNetworkProperties::exactOverItsContributorsOrVoid);
    Stats.report("outcome");
  }

  private static void exactOverItsContributorsOrVoid(Scenario s) throws Exception {
    Run run = run(s, group(s), null);
    for (String id : run.net.net.rejections().keySet()) {
      // Duplicates hit the replay window, late or repeated messages the state checks, the revoked
      // meter its revocation, the re-key without it DDH-V-05, a repeated announcement DDH-S-01.
      assertTrue(id.startsWith("DDH-S-") || Set.of("AUTH-V-08", "AUTH-V-09", "AUTH-V-11", "DDH-V-05").contains(id), id);
    }
    if (!s.faults().equals(FaultPlan.NONE) || s.revokeAt() >= 0) {
      return;
    }
    for (int t = 0; t < s.readings().length; t++) {
      long j = FIRST + t;
      if (run.outcomes.get(j) instanceof RoundOutcome.Voided v) {
        Set<MeterId> got = run.net.accepted.getOrDefault(j, Set.of());
        boolean[] present = new boolean[s.n()];
        for (int i = 0; i < s.n(); i++) {
          present[i] = got.contains(run.net.g.ids.get(i));
        }
        if (got.size() < s.kMin()) {
          assertEquals(VoidReason.BELOW_MINIMUM_GROUP, v.reason());
        } else {
          assertEquals(VoidReason.MISSING_CONTRIBUTION, v.reason());
          assertTrue(RecoveryPlan.of(s.n(), present) == null, "a recoverable round was voided");
        }
      }
    }
  }

  @Test
  void withoutAttackerOrFaults_everyRoundIsExact() throws Exception {
    // Liveness: a full round, a dropout recovered by its neighbours, a re-key, and rounds after it.
    long[][] e = {{5, 6, 7, 8}, {1, 2, 3, 4}, {9, 9, 9, 9}, {0, 1, 0, 1}};
    List<Set<Integer>> absent = List.of(Set.of(), Set.of(2), Set.of(), Set.of(0));
    Scenario s = new Scenario(4, 64, 1000, false, 2, e, absent, FaultPlan.NONE, 2, 2, -1, 0, 17);
    Run run = run(s, group(s), null);
    for (int t = 0; t < e.length; t++) {
      RoundOutcome.Exact x = assertInstanceOf(RoundOutcome.Exact.class, run.outcomes.get(FIRST + t));
      assertEquals(4 - absent.get(t).size(), x.contributors());
    }
    assertTrue(run.net.net.rejections().isEmpty(), run.net.net.rejections().toString());
  }

  static EdatGroup group(Scenario s) throws Exception {
    AggregationParameters ap = new AggregationParameters(s.n(), s.tMax(), Modulus.powerOfTwo(s.bits()), s.signed(),
        ReadingUnit.WATT_HOUR);
    return new EdatGroup(new DdhParameters(ap, s.kMin()), s.n(), s.seed());
  }

  /** Licences the attacker holds with its own keys: foreign group, expired, revoked. */
  static List<ActiveAttacker.HeldLicence> heldLicences(EdatGroup g, RandomSource r) {
    Ed25519SigningKey supplier = g.pki.key(Address.SUPPLIER);
    List<ActiveAttacker.HeldLicence> out = new ArrayList<>();
    Ed25519SigningKey k1 = Ed25519SigningKey.generate(r);
    out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
        1001, g.ids.get(0), k1.publicKey(), FOREIGN, Round.FIRST, Anchor.FOREVER), supplier), k1));
    Ed25519SigningKey k2 = Ed25519SigningKey.generate(r);
    out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
        1002, g.ids.get(1), k2.publicKey(), g.group, Round.FIRST, new Round(5)), supplier), k2));
    Ed25519SigningKey k3 = Ed25519SigningKey.generate(r);
    out.add(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
        HELD_REVOKED, g.ids.get(0), k3.publicKey(), g.group, Round.FIRST, Anchor.FOREVER), supplier), k3));
    return out;
  }

  /** The finished run: the network and one outcome per round. */
  record Run(EdatNet net, Map<Long, RoundOutcome> outcomes) {}

  static Run run(Scenario s, EdatGroup g, @Nullable ActiveAttacker attacker) throws Exception {
    return run(s, g, attacker, false);
  }

  /** The serial of the victim's older licence, binding its identity and real key, expired at round 5. */
  static final long VICTIM_EXPIRED = 1_103;

  /**
   * Runs a scenario. With {@code compromise}, the victim goes down once its licence is revoked and
   * the attacker gets its real key with that revoked licence and an older, expired one binding the
   * same identity and key (spec/adversary.md §3.1), and is given 10 ticks of injections each
   * round from then on.
   */
  static Run run(Scenario s, EdatGroup g, @Nullable ActiveAttacker attacker, boolean compromise)
      throws Exception {
    RevocationList revoked = new RevocationList(1, Set.of(HELD_REVOKED));
    EdatNet net = new EdatNet(g, revoked, s.faults(), attacker, s.seed());
    Admission admission = g.admission;
    List<DdhEnrolment> members = g.enrolments();
    Map<Long, Integer> rosterSize = new HashMap<>();
    int size = s.n();
    for (int t = 0; t < s.readings().length; t++) {
      Round j = new Round(FIRST + t);
      if (t == s.revokeAt()) {
        long serial = g.pki.licence(g.ids.get(s.victim()), g.group).licence().serial();
        revoked = new RevocationList(2, Set.of(HELD_REVOKED, serial));
        net.revoke(revoked, j);
        if (compromise && attacker != null) {
          MeterId victim = g.ids.get(s.victim());
          Ed25519SigningKey stolen = g.pki.meterKey(victim);
          net.down.add(victim);
          attacker.compromise(new ActiveAttacker.HeldLicence(g.pki.licence(victim, g.group), stolen));
          attacker.compromise(new ActiveAttacker.HeldLicence(SignedLicence.issue(new Licence(
              VICTIM_EXPIRED, victim, stolen.publicKey(), g.group, Round.FIRST, new Round(5)),
              g.pki.key(Address.SUPPLIER)), stolen));
        }
      }
      admission = new Admission(g.pki.anchors(), revoked, j);
      if (t == s.rekeyAt()) {
        Admission a = admission;
        if (s.revokeAt() >= 0 && s.revokeAt() <= t) {
          // §10.3: the re-key checks every licence again; the revoked one fails the whole re-key.
          List<DdhEnrolment> all = members;
          assertViolation("AUTH-V-11", () -> net.supplier.input(new DdhInput.Rekey(all, a), EdatRounds.RNG));
          members = new ArrayList<>(members);
          members.remove(s.victim());
          size = s.n() - 1;
        }
        net.net.post(net.supplier.input(new DdhInput.Rekey(members, a), EdatRounds.RNG));
        net.net.run(j, 500);
      } else if (s.rekeyAt() >= 0 && t == s.rekeyAt() + 1 && !s.faults().equals(FaultPlan.NONE)) {
        // Broadcast the roster again for a party that lost the re-key; the others refuse it (DDH-S-01).
        net.net.post(net.supplier.input(new DdhInput.Announce(), EdatRounds.RNG));
        net.net.run(j, 500);
      }
      rosterSize.put(j.index(), size);
      net.readings(j, s.readings()[t], s.absent().get(t));
      if (compromise && t >= s.revokeAt()) {
        net.net.attack(j, 10);
      }
      net.close(j, s.ticksBeforeDeadline());
    }
    net.net.run(new Round(FIRST + s.readings().length), 500);
    Map<Long, RoundOutcome> outcomes = new HashMap<>();
    for (ProtocolEvent ev : net.net.events()) {
      if (ev instanceof RoundOutcome o) {
        assertTrue(outcomes.put(o.round().index(), o) == null, "one outcome per round");
      }
    }
    Map<MeterId, Integer> index = new HashMap<>();
    for (int i = 0; i < s.n(); i++) {
      index.put(g.ids.get(i), i);
    }
    for (int t = 0; t < s.readings().length; t++) {
      long j = FIRST + t;
      RoundOutcome o = outcomes.get(j);
      assertTrue(o != null, "every round has an outcome");
      Stats.collect("outcome", o instanceof RoundOutcome.Exact x0
          ? (x0.recovered() > 0 ? "exact, recovered" : "exact, full") : ((RoundOutcome.Voided) o).reason());
      Set<MeterId> sent = new HashSet<>();
      for (int i = 0; i < s.n(); i++) {
        if (!s.absent().get(t).contains(i) && !(compromise && t >= s.revokeAt() && i == s.victim())) {
          sent.add(g.ids.get(i));
        }
      }
      if (compromise) {
        // Only contributions the meters themselves sent are accepted; the revoked one never.
        assertTrue(sent.containsAll(net.accepted.getOrDefault(j, Set.of())),
            "round " + j + " accepted " + net.accepted.get(j) + " of " + sent);
      }
      if (o instanceof RoundOutcome.Exact x) {
        // The oracle: exactly the readings of the contributions the aggregator accepted.
        Set<MeterId> got = net.accepted.getOrDefault(j, Set.of());
        long expected = 0;
        for (MeterId id : got) {
          expected += s.readings()[t][index.get(id)];
        }
        assertEquals(expected, x.sum(), "exact sum of the accepted contributions");
        assertEquals(got.size(), x.contributors());
        assertEquals(rosterSize.get(j) - got.size(), x.recovered());
      }
    }
    return new Run(net, outcomes);
  }
}
