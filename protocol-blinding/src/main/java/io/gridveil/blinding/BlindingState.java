// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state sections of the blinding roles (spec/runtime.md §6.2, spec/blinding.md §4.7),
 * each a canonical encoding (spec/encoding.md §3) starting with u16 schemaVersion 1, and their
 * strict decoders: a section that does not decode or breaks a role invariant is RT-S-05, a schema
 * version other than 1 is RT-S-02, an alias the vault does not resolve to a SECRET_32 is RT-S-04.
 */
final class BlindingState {
  /** The schema version of every blinding section. */
  static final int SCHEMA = 1;
  /** The section of a role's configuration, setup and keys by alias. */
  static final String ROLE = "role";
  /** The meter's encrypt-once mark. */
  static final String MARKS = "marks";
  /** The prefix of the aggregator's per-round sections. */
  static final String ROUND = "round/";

  /** The meter's own ring seed s_i (spec/runtime.md §5.4). */
  static final KeyAlias METER_SEED_OWN = KeyAlias.of("blinding.meter.seed.own");
  /** The meter's predecessor's ring seed s_(i-1) (spec/runtime.md §5.4). */
  static final KeyAlias METER_SEED_PRED = KeyAlias.of("blinding.meter.seed.pred");

  private static final int MAX_ALIAS = 64;
  private static final int MAX_ID = 255;
  private static final int OPEN = 1;
  private static final int AWAITING = 2;

  private BlindingState() {}

  /**
   * The TTP's alias of ring seed s_i.
   *
   * @param edge i in 1..n
   * @return the alias {@code blinding.ttp.seed.<i>}
   */
  static KeyAlias ttpSeed(int edge) {
    return KeyAlias.of("blinding.ttp.seed." + edge);
  }

  // ---- meter -----------------------------------------------------------------------------

  static Map<String, byte[]> meterSections(Meter m) {
    CanonicalWriter role = new CanonicalWriter().u16(SCHEMA);
    Optional<Meter.DealtSetup> s = m.dealtSetup();
    if (s.isPresent()) {
      KeySize k = m.params().keySize();
      role.u8(1)
          .u32(s.get().index())
          .u32(s.get().groupSize())
          .unsignedFixed(s.get().n(), k.residueLength())
          .unsignedFixed(s.get().hs(), k.ciphertextLength())
          .ascii8(METER_SEED_OWN.value())
          .ascii8(METER_SEED_PRED.value());
    } else {
      role.u8(0);
    }
    return Map.of(
        ROLE, role.toByteArray(),
        MARKS, new CanonicalWriter().u16(SCHEMA).u64(m.lastRound() + 1).toByteArray());
  }

  static Meter meter(
      StoredState st, KeyVault vault, GroupId group, MeterId id, BlindingParameters params)
      throws StoreException {
    onlySections(st, Set.of(ROLE, MARKS));
    try {
      CanonicalReader marks = reader(st, MARKS);
      long next = marks.u64("marks.lastRound");
      marks.requireEnd("marks");
      if (next < 0) {
        throw invalid("marks.lastRound out of range");
      }
      long lastRound = next - 1;
      CanonicalReader role = reader(st, ROLE);
      int dealt = role.u8("role.dealt");
      if (dealt == 0) {
        role.requireEnd("role");
        return Meter.restore(group, id, params, lastRound);
      }
      if (dealt != 1) {
        throw invalid("role.dealt not a flag");
      }
      KeySize k = params.keySize();
      int index = role.u32("role.index");
      int groupSize = role.u32("role.groupSize");
      BigInteger n = role.unsignedFixed("role.n", k.residueLength(), bound(k.residueLength()));
      BigInteger hs =
          role.unsignedFixed("role.hs", k.ciphertextLength(), bound(k.ciphertextLength()));
      KeyAlias own = alias(role, "role.own");
      KeyAlias pred = alias(role, "role.pred");
      role.requireEnd("role");
      return Meter.restoreDealt(
          group,
          id,
          params,
          lastRound,
          new Meter.DealtSetup(index, groupSize, n, hs),
          vault.secretKey(own, KeyKind.SECRET_32),
          vault.secretKey(pred, KeyKind.SECRET_32));
    } catch (MalformedMessageException e) {
      throw invalid("field " + e.field());
    } catch (BlindingViolationException | IllegalArgumentException e) {
      throw invalid("meter state breaks an invariant");
    }
  }

  /**
   * Writes the meter's dealt seeds into its vault (spec/runtime.md §5.4): a seed left by a commit
   * that did not happen is replaced.
   */
  static void storeMeterSeeds(List<SecretBytes> seeds, KeyVault vault) throws StoreException {
    List<KeyAlias> aliases = List.of(METER_SEED_OWN, METER_SEED_PRED);
    for (int i = 0; i < aliases.size(); i++) {
      replace(vault, aliases.get(i), seeds.get(i));
    }
  }

  static void storeTtpSeeds(List<SecretBytes> seeds, KeyVault vault) throws StoreException {
    for (int i = 1; i <= seeds.size(); i++) {
      replace(vault, ttpSeed(i), seeds.get(i - 1));
    }
  }

  private static void replace(KeyVault vault, KeyAlias alias, SecretBytes seed)
      throws StoreException {
    if (vault.kindOf(alias).isPresent()) {
      vault.delete(alias);
    }
    vault.importKey(alias, KeyKind.SECRET_32, seed);
  }

  // ---- aggregator ------------------------------------------------------------------------

  static Map<String, byte[]> aggregatorSections(Aggregator a) {
    KeySize k = a.params().keySize();
    CanonicalWriter role = new CanonicalWriter().u16(SCHEMA);
    Optional<Aggregator.Setup> s = a.setup();
    if (s.isPresent()) {
      role.u8(1)
          .unsignedFixed(s.get().publicKey().n(), k.residueLength())
          .unsignedFixed(s.get().publicKey().hs(), k.ciphertextLength())
          .u32(s.get().roster().size());
      for (MeterId id : s.get().roster()) {
        role.ascii8(id.value());
      }
    } else {
      role.u8(0);
    }
    role.u64(a.floor());
    rounds(role, a.decided());
    Map<String, byte[]> out = new TreeMap<>();
    out.put(ROLE, role.toByteArray());
    a.open().forEach((j, o) -> out.put(ROUND + j, openRound(OPEN, o, k)));
    a.awaiting().forEach((j, o) -> out.put(ROUND + j, openRound(AWAITING, o, k)));
    return out;
  }

  private static byte[] openRound(int state, Aggregator.OpenRound o, KeySize k) {
    CanonicalWriter w = new CanonicalWriter().u16(SCHEMA).u8(state).u32(o.contributors().size());
    for (int i : new TreeSet<>(o.contributors())) {
      w.u32(i);
    }
    return w.unsignedFixed(o.product(), k.ciphertextLength()).toByteArray();
  }

  static Aggregator aggregator(StoredState st, GroupId group, BlindingParameters params)
      throws StoreException {
    KeySize k = params.keySize();
    try {
      CanonicalReader role = reader(st, ROLE);
      int setUp = role.u8("role.setUp");
      Optional<Aggregator.Setup> setup = Optional.empty();
      if (setUp == 1) {
        BigInteger n = role.unsignedFixed("role.n", k.residueLength(), bound(k.residueLength()));
        BigInteger hs =
            role.unsignedFixed("role.hs", k.ciphertextLength(), bound(k.ciphertextLength()));
        int count = role.u32("role.roster");
        if (count < 2 || count > params.nMax()) {
          throw invalid("roster size out of range");
        }
        List<MeterId> roster = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          roster.add(new MeterId(role.ascii8("role.roster", MAX_ID)));
        }
        if (new HashSet<>(roster).size() != count) {
          throw invalid("roster with duplicates");
        }
        setup = Optional.of(Aggregator.setupOf(PaillierPublicKey.of(n, hs), roster));
      } else if (setUp != 0) {
        throw invalid("role.setUp not a flag");
      }
      long floor = role.u64("role.floor");
      if (floor < 0) {
        throw invalid("role.floor out of range");
      }
      Set<Long> decided = rounds(role, "role.decided", floor);
      role.requireEnd("role");
      Map<Long, Aggregator.OpenRound> open = new TreeMap<>();
      Map<Long, Aggregator.OpenRound> awaiting = new TreeMap<>();
      for (String name : st.names()) {
        if (isRuntimeOrRole(name)) {
          continue;
        }
        if (!name.startsWith(ROUND) || setup.isEmpty()) {
          throw invalid("unexpected section " + name);
        }
        long j = roundOf(name);
        CanonicalReader r = reader(st, name);
        int state = r.u8("round.state");
        int count = r.u32("round.count");
        int n = setup.get().roster().size();
        if (count < 1 || count >= n) {
          throw invalid("round contributors out of range");
        }
        Set<Integer> contributors = new HashSet<>();
        int last = 0;
        for (int i = 0; i < count; i++) {
          int c = r.u32("round.contributor");
          if (c <= last || c > n) {
            throw invalid("round contributors not ascending within 1..n");
          }
          contributors.add(c);
          last = c;
        }
        BigInteger product =
            r.unsignedFixed(
                "round.product", k.ciphertextLength(), setup.get().publicKey().nSquared());
        r.requireEnd("round");
        Aggregator.OpenRound o = new Aggregator.OpenRound(Set.copyOf(contributors), product);
        if (state == OPEN && j >= floor && !decided.contains(j)) {
          open.put(j, o);
        } else if (state == AWAITING && params.recovery() && count >= 2) {
          awaiting.put(j, o);
        } else {
          throw invalid("round state breaks an invariant");
        }
      }
      return Aggregator.restore(group, params, setup, floor, open, awaiting, decided);
    } catch (MalformedMessageException e) {
      throw invalid("field " + e.field());
    } catch (BlindingViolationException | IllegalArgumentException e) {
      throw invalid("aggregator state breaks an invariant");
    }
  }

  // ---- supplier --------------------------------------------------------------------------

  static Map<String, byte[]> supplierSections(Supplier s) {
    KeySize k = s.params().keySize();
    CanonicalWriter role = new CanonicalWriter().u16(SCHEMA);
    Optional<PaillierPrivateKey> key = s.key();
    if (key.isPresent()) {
      // spec/runtime.md §6.2 (as built): the Paillier key sits in the supplier's encrypted state
      // section until the vault can hand a PAILLIER_PRIVATE back.
      role.u8(1)
          .u32(s.groupSize())
          .unsignedFixed(key.get().p(SecretAccess.grant()), k.primeLength())
          .unsignedFixed(key.get().q(SecretAccess.grant()), k.primeLength());
    } else {
      role.u8(0);
    }
    role.u64(s.floor());
    rounds(role, s.decided());
    return Map.of(ROLE, role.toByteArray());
  }

  static Supplier supplier(StoredState st, GroupId group, BlindingParameters params)
      throws StoreException {
    onlySections(st, Set.of(ROLE));
    KeySize k = params.keySize();
    try {
      CanonicalReader role = reader(st, ROLE);
      int keyed = role.u8("role.keyed");
      Optional<Map.Entry<PaillierPrivateKey, Integer>> key = Optional.empty();
      if (keyed == 1) {
        int groupSize = role.u32("role.groupSize");
        if (groupSize < 2 || groupSize > params.nMax()) {
          throw invalid("group size out of range");
        }
        BigInteger p = role.unsignedFixed("role.p", k.primeLength(), bound(k.primeLength()));
        BigInteger q = role.unsignedFixed("role.q", k.primeLength(), bound(k.primeLength()));
        key = Optional.of(Map.entry(PaillierPrivateKey.received(p, q), groupSize));
      } else if (keyed != 0) {
        throw invalid("role.keyed not a flag");
      }
      long floor = role.u64("role.floor");
      if (floor < 0) {
        throw invalid("role.floor out of range");
      }
      Set<Long> decided = rounds(role, "role.decided", floor);
      role.requireEnd("role");
      return Supplier.restore(group, params, key, floor, decided);
    } catch (MalformedMessageException e) {
      throw invalid("field " + e.field());
    } catch (BlindingViolationException | IllegalArgumentException e) {
      throw invalid("supplier state breaks an invariant");
    }
  }

  // ---- TTP -------------------------------------------------------------------------------

  static Map<String, byte[]> ttpSections(TrustedThirdParty t) {
    CanonicalWriter role = new CanonicalWriter().u16(SCHEMA);
    Optional<BigInteger> n = t.modulus();
    if (n.isPresent()) {
      role.u8(1).unsignedFixed(n.get(), t.params().keySize().residueLength()).u32(t.ringSize());
      for (int i = 1; i <= t.ringSize(); i++) {
        role.ascii8(ttpSeed(i).value());
      }
    } else {
      role.u8(0);
    }
    rounds(role, t.released());
    return Map.of(ROLE, role.toByteArray());
  }

  static TrustedThirdParty ttp(
      StoredState st, KeyVault vault, GroupId group, BlindingParameters params)
      throws StoreException {
    onlySections(st, Set.of(ROLE));
    KeySize k = params.keySize();
    try {
      CanonicalReader role = reader(st, ROLE);
      int dealt = role.u8("role.dealt");
      if (dealt == 0) {
        if (!rounds(role, "role.released", 0).isEmpty()) {
          throw invalid("released rounds before setup");
        }
        role.requireEnd("role");
        return TrustedThirdParty.create(group, params);
      }
      if (dealt != 1) {
        throw invalid("role.dealt not a flag");
      }
      BigInteger n = role.unsignedFixed("role.n", k.residueLength(), bound(k.residueLength()));
      int size = role.u32("role.ring");
      if (size < 2 || size > params.nMax()) {
        throw invalid("ring size out of range");
      }
      List<io.gridveil.core.keys.SecretKeyHandle> seeds = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        seeds.add(vault.secretKey(alias(role, "role.seed"), KeyKind.SECRET_32));
      }
      Set<Long> released = rounds(role, "role.released", 0);
      role.requireEnd("role");
      return TrustedThirdParty.restoreDealt(group, params, n, seeds, released);
    } catch (MalformedMessageException e) {
      throw invalid("field " + e.field());
    } catch (IllegalArgumentException e) {
      throw invalid("TTP state breaks an invariant");
    }
  }

  // ---- shared ----------------------------------------------------------------------------

  private static void rounds(CanonicalWriter w, Set<Long> rounds) {
    w.u32(rounds.size());
    for (long j : new TreeSet<>(rounds)) {
      w.u64(j);
    }
  }

  /** Reads u32 count then strictly ascending u64 rounds, each at least {@code floor}. */
  private static Set<Long> rounds(CanonicalReader r, String field, long floor)
      throws MalformedMessageException, StoreException {
    int count = r.u32(field);
    if (count < 0 || count > r.remaining() / 8) {
      throw invalid(field + " count out of range");
    }
    Set<Long> out = new HashSet<>();
    long last = floor - 1;
    for (int i = 0; i < count; i++) {
      long j = r.u64(field);
      if (j <= last) {
        throw invalid(field + " not ascending from the floor");
      }
      out.add(j);
      last = j;
    }
    return Set.copyOf(out);
  }

  private static KeyAlias alias(CanonicalReader r, String field)
      throws MalformedMessageException, StoreException {
    String s = r.ascii8(field, MAX_ALIAS);
    if (!KeyAlias.isValid(s)) {
      throw invalid(field + " not an alias");
    }
    return KeyAlias.of(s);
  }

  private static BigInteger bound(int length) {
    return BigInteger.ONE.shiftLeft(8 * length);
  }

  private static long roundOf(String name) throws StoreException {
    String digits = name.substring(ROUND.length());
    long j;
    try {
      j = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid("round section name");
    }
    if (j < 0 || !String.valueOf(j).equals(digits)) {
      throw invalid("round section name");
    }
    return j;
  }

  private static boolean isRuntimeOrRole(String name) {
    return name.equals(ROLE)
        || name.equals(io.gridveil.core.runtime.RoleRuntime.CLOCK)
        || name.equals(io.gridveil.core.runtime.RoleRuntime.TIMERS)
        || name.equals(io.gridveil.core.runtime.RoleRuntime.WINDOWS);
  }

  private static void onlySections(StoredState st, Set<String> own) throws StoreException {
    for (String name : st.names()) {
      if (!own.contains(name) && !isRuntimeOrRole(name)) {
        throw invalid("unexpected section " + name);
      }
    }
  }

  private static CanonicalReader reader(StoredState st, String name) throws StoreException {
    return st.reader(name, SCHEMA);
  }

  private static StoreException invalid(String detail) {
    return new StoreException(RuntimeChecks.RT_S_05, detail);
  }
}
