// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
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
import java.util.Optional;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The trusted third party of one group (spec/blinding.md §4.1, §4.5): generates the supplier's key
 * pair, deals the ring seeds, hands the supplier its key and forgets it, and releases recovery
 * corrections for missing meters.
 *
 * <p>Authentication (spec/blinding.md §5.3): the roster arrives as supplier-signed licences, each
 * verified at set-up; a meter whose licence is refused is left out of the dealt group and
 * reported as a {@link MeterExcluded} event. The TTP accepts only recovery requests signed by the
 * aggregator's role key, and its own envelopes are signed with the TTP's role key.
 *
 * <p>Security: trusted by every party. It knows every ring seed, hence every b_ij; it sees no
 * ciphertext. It erases p and q after the key delivery; with the supplier or the aggregator it
 * could read every meter (spec/blinding.md §7.3).
 */
public final class TrustedThirdParty
    implements AuthenticatedParty<TrustedThirdParty, BlindingInput> {
  private final GroupId group;
  private final BlindingParameters params;
  private final @Nullable Dealt dealt;

  /**
   * What the TTP keeps after setup: N, the ring PRFs, the rounds already released, and the seeds
   * while it holds them itself (after setup, not after a restore from a vault).
   */
  private record Dealt(BigInteger n, List<RingPrf> ring, Set<Long> released, List<SecretBytes> seeds) {}

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
   * Restores a TTP that has dealt from its durable state (spec/runtime.md §6.2): N, the ring seeds
   * as vault key handles in edge order, and the rounds already released.
   *
   * @param group the group
   * @param params the group's parameters
   * @param n N
   * @param seeds the handles of s_1 .. s_n
   * @param released the rounds whose correction was released
   * @return the TTP
   * @throws IllegalArgumentException if the ring size is out of range
   */
  static TrustedThirdParty restoreDealt(
      GroupId group,
      BlindingParameters params,
      BigInteger n,
      List<SecretKeyHandle> seeds,
      Set<Long> released) {
    if (seeds.size() < 2 || seeds.size() > params.nMax()) {
      throw new IllegalArgumentException("ring size out of range");
    }
    List<RingPrf> ring = new ArrayList<>();
    for (int i = 1; i <= seeds.size(); i++) {
      ring.add(RingPrf.of(seeds.get(i - 1), group, i, n, params.keySize().residueLength()));
    }
    return new TrustedThirdParty(
        group, params, new Dealt(n, List.copyOf(ring), Set.copyOf(released), List.of()));
  }

  Optional<BigInteger> modulus() {
    Dealt d = dealt;
    return d == null ? Optional.empty() : Optional.of(d.n());
  }

  int ringSize() {
    Dealt d = dealt;
    return d == null ? 0 : d.ring().size();
  }

  List<SecretBytes> dealtSeeds() {
    Dealt d = dealt;
    return d == null ? List.of() : d.seeds();
  }

  Set<Long> released() {
    Dealt d = dealt;
    return d == null ? Set.of() : d.released();
  }

  BlindingParameters params() {
    return params;
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
      if (dealt != null) {
        throw new BlindingViolationException(BlindingChecks.BLND_S_05, "group already set up");
      }
      checkRoster(s.roster(), params);
      return setup(
          s.roster(),
          PaillierKeyPair.generate(params.keySize(), random),
          s.anchors(),
          s.revocations(),
          s.now(),
          random);
    } else if (input instanceof BlindingInput.SetupWithKeys s) {
      return setup(s.roster(), s.keys(), s.anchors(), s.revocations(), s.now(), random);
    } else if (input instanceof BlindingInput.Inbound in) {
      return inbound(in.verified());
    } else if (input instanceof BlindingInput.Deadline) {
      return Step.of(this);
    }
    throw new IllegalArgumentException("a TTP takes no local readings");
  }

  /**
   * Setup with a given key pair (spec/blinding.md §4.1, §5.3), the deterministic core of the
   * Setup input; the seeds are drawn from {@code random}.
   *
   * @param licences the licences of SM_1 .. SM_n
   * @param keys the key pair
   * @param anchors the trust anchors the licences are verified against
   * @param revocations the revocation list they are checked against
   * @param now the set-up round
   * @param random the source of the seeds
   * @return the step: the deals, the group setup, the key delivery, and a {@link MeterExcluded}
   *     event per refused licence
   * @throws BlindingViolationException BLND-S-05 if already set up
   * @throws IllegalParameterException BLND-P-02 for a roster outside 2..n_max, with a duplicate
   *     meter, or with fewer than 2 meters whose licences verify; BLND-P-01 for a key pair of
   *     another size
   */
  Step<TrustedThirdParty> setup(
      List<SignedLicence> licences,
      PaillierKeyPair keys,
      TrustAnchors anchors,
      RevocationList revocations,
      Round now,
      RandomSource random)
      throws BlindingViolationException {
    if (dealt != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_05, "group already set up");
    }
    checkRoster(licences, params);
    KeySize k = params.keySize();
    if (keys.publicKey().bits() != k.bits()) {
      throw new IllegalParameterException(
          BlindingChecks.BLND_P_01, "key pair size differs from the parameters");
    }
    // §5.3: every licence is verified at the set-up round; a refused one keeps its meter out.
    List<MeterId> roster = new ArrayList<>();
    List<ProtocolEvent> excluded = new ArrayList<>();
    for (SignedLicence l : licences) {
      try {
        roster.add(Licences.verify(l, anchors, revocations, group, now).meter());
      } catch (AuthenticationException e) {
        excluded.add(new MeterExcluded(group, l.licence().meter(), e.checkId()));
      }
    }
    if (roster.size() < 2) {
      throw new IllegalParameterException(
          BlindingChecks.BLND_P_02, "fewer than 2 meters hold a valid licence");
    }
    int n = roster.size();
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
              now,
              new BlindingMessage.SeedDeal(
                  k, i, n, modulus, keys.publicKey().hs(), own, previous)));
    }
    out.add(
        envelope(
            Address.AGGREGATOR,
            now,
            new BlindingMessage.GroupSetup(k, modulus, keys.publicKey().hs(), roster)));
    out.add(envelope(Address.SUPPLIER, now, keyDelivery(keys.privateKey(), n)));
    // §4.1 step 7: keep N and the seeds' PRFs; the key pair is not kept.
    TrustedThirdParty next =
        new TrustedThirdParty(group, params, new Dealt(modulus, List.copyOf(ring), Set.of(), List.copyOf(seeds)));
    return new Step<>(next, out, excluded);
  }

  static void checkRoster(List<SignedLicence> roster, BlindingParameters params) {
    if (roster.size() < 2 || roster.size() > params.nMax()) {
      throw new IllegalParameterException(
          BlindingChecks.BLND_P_02, "a group has 2 to n_max meters");
    }
    Set<MeterId> ids = new HashSet<>();
    for (SignedLicence l : roster) {
      if (!ids.add(l.licence().meter())) {
        throw new IllegalParameterException(
            BlindingChecks.BLND_P_02, "roster has a duplicate meter");
      }
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

  private Step<TrustedThirdParty> inbound(VerifiedEnvelope<BlindingMessage> verified)
      throws BlindingViolationException {
    Envelope<BlindingMessage> env = verified.envelope();
    Dealt d = dealt;
    if (d == null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_04, "group not set up");
    }
    if (!env.group().equals(group)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
    }
    // §5.3: the request must be signed by the aggregator's role key.
    if (!(env.body() instanceof BlindingMessage.RecoveryRequest request)
        || !(verified.principal() instanceof Address.Aggregator)) {
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
        new TrustedThirdParty(group, params, new Dealt(d.n(), d.ring(), Set.copyOf(released), d.seeds()));
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

  /** The TTP receives frames addressed to the TTP only (AUTH-V-13 otherwise). */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.TRUSTED_THIRD_PARTY);
  }

  @Override
  public String toString() {
    return "TrustedThirdParty[" + group.value() + ", " + (dealt == null ? "idle" : "dealt") + "]";
  }
}
