// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Party;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The trusted third party of one group (spec/blinding.md §4.1, §4.5): generates the supplier's key
 * pair, deals the ring seeds, hands the supplier its key and forgets it, and releases recovery
 * corrections for missing meters.
 *
 * <p>Security: trusted by every party. It knows every ring seed, hence every b_ij; it sees no
 * ciphertext. It erases p and q after the key delivery; with the supplier or the aggregator it
 * could read every meter (spec/blinding.md §7.3).
 */
public final class TrustedThirdParty implements Party<TrustedThirdParty, BlindingInput> {
  private final GroupId group;
  private final BlindingParameters params;
  private final @Nullable Dealt dealt;

  /** What the TTP keeps after setup: N, the ring PRFs, the rounds already released. */
  private record Dealt(BigInteger n, List<RingPrf> ring, Set<Long> released) {}

  private TrustedThirdParty(GroupId group, BlindingParameters params, @Nullable Dealt dealt) {
    this.group = group;
    this.params = params;
    this.dealt = dealt;
  }

  /**
   * Creates the TTP of a group, before setup.
   *
   * @param group the group
   * @param params the group's parameters
   * @return the idle TTP
   */
  public static TrustedThirdParty create(GroupId group, BlindingParameters params) {
    return new TrustedThirdParty(
        Objects.requireNonNull(group, "group"), Objects.requireNonNull(params, "params"), null);
  }

  /**
   * Tells whether the group has been set up.
   *
   * @return true after setup
   */
  public boolean isSetUp() {
    return dealt != null;
  }

  @Override
  public Step<TrustedThirdParty> step(BlindingInput input, RandomSource random)
      throws BlindingViolationException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    if (input instanceof BlindingInput.Setup s) {
      return setup(s.roster(), PaillierKeyPair.generate(params.keySize(), random), random);
    } else if (input instanceof BlindingInput.SetupWithKeys s) {
      return setup(s.roster(), s.keys(), random);
    } else if (input instanceof BlindingInput.Inbound in) {
      return inbound(in.envelope());
    } else if (input instanceof BlindingInput.Deadline) {
      return Step.of(this);
    }
    throw new IllegalArgumentException("a TTP takes no local readings");
  }

  /**
   * Setup with a given key pair (spec/blinding.md §4.1), the deterministic core of the Setup
   * input; the seeds are drawn from {@code random}.
   *
   * @param roster SM_1 .. SM_n
   * @param keys the key pair
   * @param random the source of the seeds
   * @return the step
   * @throws BlindingViolationException BLND-S-05 if already set up
   */
  Step<TrustedThirdParty> setup(List<MeterId> roster, PaillierKeyPair keys, RandomSource random)
      throws BlindingViolationException {
    if (dealt != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_05, "group already set up");
    }
    checkRoster(roster, params);
    int n = roster.size();
    KeySize k = params.keySize();
    if (keys.publicKey().bits() != k.bits()) {
      throw new IllegalParameterException(
          BlindingChecks.BLND_P_01, "key pair size differs from the parameters");
    }
    BigInteger modulus = keys.publicKey().n();
    // §3.1: n independent 32-byte seeds; s_i belongs to the edge (SM_i, SM_(i+1)).
    List<SecretBytes> seeds = new ArrayList<>();
    List<RingPrf> ring = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      SecretBytes s = SecretBytes.random(RingPrf.SEED_LENGTH, random);
      seeds.add(s);
      ring.add(RingPrf.of(s, group, i, modulus, k.residueLength()));
    }
    List<Envelope<?>> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      SecretBytes own = seeds.get(i - 1);
      SecretBytes previous = seeds.get(Math.floorMod(i - 2, n));
      out.add(
          envelope(
              Address.identified(roster.get(i - 1)),
              Round.FIRST,
              new BlindingMessage.SeedDeal(
                  k, i, n, modulus, keys.publicKey().hs(), own, previous)));
    }
    out.add(
        envelope(
            Address.AGGREGATOR,
            Round.FIRST,
            new BlindingMessage.GroupSetup(k, modulus, keys.publicKey().hs(), roster)));
    out.add(envelope(Address.SUPPLIER, Round.FIRST, keyDelivery(keys.privateKey(), n)));
    // §4.1 step 6: keep N and the seeds' PRFs; the key pair is not kept.
    TrustedThirdParty next =
        new TrustedThirdParty(group, params, new Dealt(modulus, List.copyOf(ring), Set.of()));
    return new Step<>(next, out, List.of());
  }

  static void checkRoster(List<MeterId> roster, BlindingParameters params) {
    if (roster.size() < 2 || roster.size() > params.nMax()) {
      throw new IllegalParameterException(
          BlindingChecks.BLND_P_02, "a group has 2 to n_max meters");
    }
    if (new HashSet<>(roster).size() != roster.size()) {
      throw new IllegalParameterException(BlindingChecks.BLND_P_02, "roster has a duplicate meter");
    }
  }

  private BlindingMessage.KeyDelivery keyDelivery(PaillierPrivateKey key, int n) {
    int len = params.keySize().primeLength();
    byte[] p = fixed(key.p(SecretAccess.grant()), len);
    byte[] q = fixed(key.q(SecretAccess.grant()), len);
    try {
      return new BlindingMessage.KeyDelivery(
          params.keySize(), n, SecretBytes.copyOf(p), SecretBytes.copyOf(q));
    } finally {
      Wipe.bytes(p);
      Wipe.bytes(q);
    }
  }

  private static byte[] fixed(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    Wipe.bytes(raw);
    return out;
  }

  private Step<TrustedThirdParty> inbound(Envelope<BlindingMessage> env)
      throws BlindingViolationException {
    Dealt d = dealt;
    if (d == null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_04, "group not set up");
    }
    if (!env.group().equals(group)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
    }
    if (!(env.body() instanceof BlindingMessage.RecoveryRequest request)
        || !(env.sender() instanceof Address.Aggregator)) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_03, "the TTP accepts only recovery requests from the aggregator");
    }
    if (!params.recovery()) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_06, "recovery is off");
    }
    int n = d.ring().size();
    List<Integer> missing = request.missing();
    // §4.5 step 1.
    if (missing.isEmpty() || n - missing.size() < 2) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_06, "missing set empty or leaving fewer than 2 meters");
    }
    int last = 0;
    for (int i : missing) {
      if (i <= last || i > n) {
        throw new BlindingViolationException(
            BlindingChecks.BLND_V_06, "missing indices must ascend within 1..n");
      }
      last = i;
    }
    long j = env.round().index();
    if (d.released().contains(j)) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_06, "round already released");
    }
    // §4.5 step 2: B_Mj = sum over the missing i of b_ij.
    BigInteger correction = BigInteger.ZERO;
    for (int i : missing) {
      RingPrf own = d.ring().get(i - 1);
      RingPrf previous = d.ring().get(Math.floorMod(i - 2, n));
      correction = correction.add(RingPrf.blindingTerm(own, previous, j, d.n()));
    }
    correction = correction.mod(d.n());
    Set<Long> released = new HashSet<>(d.released());
    released.add(j);
    TrustedThirdParty next =
        new TrustedThirdParty(group, params, new Dealt(d.n(), d.ring(), Set.copyOf(released)));
    Envelope<BlindingMessage> release =
        envelope(
            Address.AGGREGATOR,
            env.round(),
            new BlindingMessage.RecoveryRelease(missing, params.keySize(), correction));
    return new Step<>(next, List.of(release), List.of());
  }

  private Envelope<BlindingMessage> envelope(Address to, Round round, BlindingMessage body) {
    return new Envelope<>(Address.TRUSTED_THIRD_PARTY, to, group, round, body);
  }

  @Override
  public String toString() {
    return "TrustedThirdParty[" + group.value() + ", " + (dealt == null ? "idle" : "dealt") + "]";
  }
}
