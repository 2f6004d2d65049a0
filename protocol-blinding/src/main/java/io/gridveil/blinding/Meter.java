// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.InvalidReadingException;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Smart meter SM_i of a blinding group (spec/blinding.md §4.2): each round it encrypts its reading
 * blinded by b_ij = F(s_i, j) - F(s_(i-1), j) mod N and sends the ciphertext to the aggregator.
 *
 * <p>Authentication (spec/blinding.md §5.3): the meter's endpoint is licensed, so each
 * Contribution travels as a licensed control frame (kind 3) from {@code Identified(id)}; the meter
 * accepts frames addressed to its identity only, and a seed deal only if the TTP's role key
 * signed it.
 *
 * <p>Security: the meter learns its two ring seeds and the public key, nothing about other
 * readings. It encrypts at most once per round (BLND-S-03), since two ciphertexts under one b_ij
 * would reveal the difference of their plaintexts to the supplier.
 *
 * <p>Persistence (spec/blinding.md §4.2, "Restart"): an embedding that keeps the seeds across a
 * restart stores {@link #lastRound()} of the next state durably before it sends the step's
 * Contribution, and rebuilds the meter with {@link #restore} before feeding the deal again.
 * {@link BlindingMeterHandle} does this for a product and also keeps the seeds (in its vault), so
 * a reopened meter is ready without a new deal (spec/runtime.md §6.2).
 */
public final class Meter implements AuthenticatedParty<Meter, BlindingInput> {
  private final GroupId group;
  private final MeterId self;
  private final BlindingParameters params;
  private final @Nullable Keys keys;
  private final long lastRound;

  /**
   * The dealt material: public key, ring PRFs, aggregation parameters over N, the public setup,
   * and the two seeds while they are not yet in a vault (empty for a restored meter).
   */
  private record Keys(
      PaillierPublicKey publicKey,
      RingPrf own,
      RingPrf previous,
      AggregationParameters aggregation,
      DealtSetup setup,
      List<SecretBytes> seeds) {}

  /**
   * The public part of a seed deal that a meter keeps durably (spec/runtime.md §6.2): its ring
   * index, the group size, N and h_s.
   *
   * @param index i in 1..n
   * @param groupSize n
   * @param n N
   * @param hs h_s
   */
  record DealtSetup(int index, int groupSize, BigInteger n, BigInteger hs) {}

  private Meter(
      GroupId group, MeterId self, BlindingParameters params, @Nullable Keys keys, long lastRound) {
    this.group = group;
    this.self = self;
    this.params = params;
    this.keys = keys;
    this.lastRound = lastRound;
  }

  /**
   * Creates a meter waiting for its seed deal.
   *
   * @param group the group
   * @param self the meter's identity (the sender of its contributions)
   * @param params the group's parameters
   * @return the meter
   */
  public static Meter create(GroupId group, MeterId self, BlindingParameters params) {
    return restore(group, self, params, -1);
  }

  /**
   * Restores a meter after a restart, waiting for its seed deal again, with its persisted
   * encrypt-once mark (spec/blinding.md §4.2, "Restart"): it refuses every round at or below it.
   *
   * @param group the group
   * @param self the meter's identity (the sender of its contributions)
   * @param params the group's parameters
   * @param lastRound the last round it encrypted, as persisted before that contribution was sent;
   *     -1 if none
   * @return the meter
   * @throws IllegalArgumentException if the mark is below -1
   */
  public static Meter restore(
      GroupId group, MeterId self, BlindingParameters params, long lastRound) {
    if (lastRound < -1) {
      throw new IllegalArgumentException("lastRound must be at least -1");
    }
    return new Meter(
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(self, "self"),
        Objects.requireNonNull(params, "params"),
        null,
        lastRound);
  }

  /**
   * Restores a dealt meter from its durable state (spec/runtime.md §6.2): the public setup of its
   * deal and its two seeds as vault key handles.
   *
   * @param group the group
   * @param self the meter's identity
   * @param params the group's parameters
   * @param lastRound the persisted encrypt-once mark, -1 if none
   * @param setup the public setup of the deal
   * @param own the handle of s_i
   * @param previous the handle of s_(i-1)
   * @return the meter, ready
   * @throws BlindingViolationException if N and h_s do not form a public key (BLND-V-0x)
   * @throws IllegalArgumentException if the mark, index or group size is out of range
   */
  static Meter restoreDealt(
      GroupId group,
      MeterId self,
      BlindingParameters params,
      long lastRound,
      DealtSetup setup,
      SecretKeyHandle own,
      SecretKeyHandle previous)
      throws BlindingViolationException {
    if (setup.groupSize() < 2 || setup.groupSize() > params.nMax() || setup.index() < 1
        || setup.index() > setup.groupSize()) {
      throw new IllegalArgumentException("index or group size out of range");
    }
    PaillierPublicKey pk = PaillierPublicKey.of(setup.n(), setup.hs());
    int keyBytes = params.keySize().residueLength();
    int previousEdge = setup.index() == 1 ? setup.groupSize() : setup.index() - 1;
    Keys k =
        new Keys(
            pk,
            RingPrf.of(own, group, setup.index(), pk.n(), keyBytes),
            RingPrf.of(previous, group, previousEdge, pk.n(), keyBytes),
            params.aggregation(pk.n()),
            setup,
            List.of());
    return new Meter(restore(group, self, params, lastRound), k);
  }

  private Meter(Meter waiting, Keys keys) {
    this(waiting.group, waiting.self, waiting.params, keys, waiting.lastRound);
  }

  /**
   * Returns the public setup of the deal, if dealt.
   *
   * @return the setup
   */
  Optional<DealtSetup> dealtSetup() {
    Keys k = keys;
    return k == null ? Optional.empty() : Optional.of(k.setup());
  }

  /**
   * Returns s_i and s_(i-1) as dealt, while this meter holds them itself (after a deal, not after
   * a restore from a vault): what the handle writes into the vault before the commit.
   *
   * @return the two seeds, or empty
   */
  List<SecretBytes> dealtSeeds() {
    Keys k = keys;
    return k == null ? List.of() : k.seeds();
  }

  /**
   * Returns the parameters.
   *
   * @return the parameters
   */
  BlindingParameters params() {
    return params;
  }

  /**
   * Returns the last round this meter encrypted: the mark to store durably before the step's
   * Contribution is sent (spec/blinding.md §4.2, "Restart").
   *
   * @return the round index, or -1 if none
   */
  public long lastRound() {
    return lastRound;
  }

  /**
   * Returns the meter's identity.
   *
   * @return the identity
   */
  public MeterId id() {
    return self;
  }

  /**
   * Tells whether the meter has received its seeds.
   *
   * @return true after the seed deal
   */
  public boolean isReady() {
    return keys != null;
  }

  @Override
  public Step<Meter> step(BlindingInput input, RandomSource random)
      throws BlindingViolationException, InvalidReadingException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    if (input instanceof BlindingInput.Inbound in) {
      return deal(in.verified());
    } else if (input instanceof BlindingInput.LocalReading r) {
      Keys k = keys;
      if (k == null) {
        throw new BlindingViolationException(BlindingChecks.BLND_S_04, "no seed deal yet");
      }
      return encryptReading(r.round(), r.reading(), k.publicKey().encryptionExponent(random));
    } else if (input instanceof BlindingInput.Deadline) {
      return Step.of(this);
    }
    throw new IllegalArgumentException("a meter takes no setup input");
  }

  /**
   * §4.2 steps 1 to 6 with the encryption exponent a given: the deterministic core.
   *
   * @param round j
   * @param reading e_ij
   * @param a the exponent of Enc (spec/blinding.md §2.4)
   * @return the step with the contribution
   * @throws BlindingViolationException BLND-S-04 before the deal, BLND-S-03 for a round not after
   *     the last one
   * @throws InvalidReadingException CORE-R-0x for a reading outside the parameters
   */
  Step<Meter> encryptReading(Round round, Reading reading, BigInteger a)
      throws BlindingViolationException, InvalidReadingException {
    Keys k = keys;
    if (k == null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_04, "no seed deal yet");
    }
    if (round.index() <= lastRound) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_S_03, "round already encrypted or older");
    }
    k.aggregation().check(reading);
    BigInteger n = k.publicKey().n();
    // §4.2 steps 3 and 4: m = (e_ij + b_ij) mod N.
    BigInteger b = RingPrf.blindingTerm(k.own(), k.previous(), round.index(), n);
    BigInteger m = BigInteger.valueOf(reading.value()).add(b).mod(n);
    PaillierCiphertext c = k.publicKey().encrypt(m, a);
    Envelope<BlindingMessage> out =
        new Envelope<>(
            Address.identified(self),
            Address.AGGREGATOR,
            group,
            round,
            new BlindingMessage.Contribution(params.keySize(), c.value()));
    return new Step<>(new Meter(group, self, params, k, round.index()), List.of(out), List.of());
  }

  private Step<Meter> deal(VerifiedEnvelope<BlindingMessage> verified)
      throws BlindingViolationException {
    Envelope<BlindingMessage> env = verified.envelope();
    if (!env.group().equals(group)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
    }
    // §5.3: a seed deal must be signed by the TTP's role key.
    if (!(env.body() instanceof BlindingMessage.SeedDeal d)
        || !(verified.principal() instanceof Address.TrustedThirdParty)) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_03, "a meter accepts only a seed deal from the TTP");
    }
    if (keys != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_05, "seeds already dealt");
    }
    if (d.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    PaillierPublicKey pk = PaillierPublicKey.of(d.n(), d.hs());
    if (d.groupSize() < 2 || d.groupSize() > params.nMax() || d.index() < 1
        || d.index() > d.groupSize()) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_09, "index or group size out of range");
    }
    int keyBytes = params.keySize().residueLength();
    int previousEdge = d.index() == 1 ? d.groupSize() : d.index() - 1;
    Keys k =
        new Keys(
            pk,
            RingPrf.of(d.ownSeed(), group, d.index(), pk.n(), keyBytes),
            RingPrf.of(d.previousSeed(), group, previousEdge, pk.n(), keyBytes),
            params.aggregation(pk.n()),
            new DealtSetup(d.index(), d.groupSize(), d.n(), d.hs()),
            List.of(d.ownSeed(), d.previousSeed()));
    return Step.of(new Meter(group, self, params, k, lastRound));
  }

  /**
   * A meter receives frames addressed to its identity only (AUTH-V-13 otherwise); no blinding
   * message is broadcast (spec/blinding.md §5.1).
   */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient instanceof Address.Identified i && i.id().equals(self);
  }

  @Override
  public String toString() {
    return "Meter[" + self.value() + ", " + (keys == null ? "waiting" : "ready") + "]";
  }
}
