// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The supplier (control centre) of a blinding group (spec/blinding.md §4.4): it holds the
 * decryption key and decrypts each round's product to the exact sum of the contributors' readings,
 * or reports the round void.
 *
 * <p>Authentication (spec/blinding.md §5.3): it accepts frames addressed to the supplier only, a
 * key delivery only if the TTP's role key signed it, an aggregate only if the aggregator's did.
 *
 * <p>Security: honest-but-curious. It sees one product per round, whose plaintext is the sum; a
 * single meter's ciphertext, if it obtained one, decrypts to e_ij + b_ij, uniform in Z_N
 * (spec/blinding.md §7.2 claim 2). With both ring neighbours of a meter and that meter's
 * ciphertext it learns the reading (§7.3).
 */
public final class Supplier implements AuthenticatedParty<Supplier, BlindingInput> {
  private final GroupId group;
  private final BlindingParameters params;
  private final @Nullable Keyed keyed;
  private final long floor;
  private final Set<Long> decided;

  /** The key, the group size and the aggregation parameters over N. */
  private record Keyed(PaillierPrivateKey key, int groupSize, AggregationParameters aggregation) {}

  private Supplier(
      GroupId group, BlindingParameters params, @Nullable Keyed keyed, long floor, Set<Long> decided) {
    this.group = group;
    this.params = params;
    this.keyed = keyed;
    this.floor = floor;
    this.decided = decided;
  }

  /**
   * Creates the supplier of a group, waiting for its key.
   *
   * @param group the group
   * @param params the group's parameters
   * @return the supplier
   */
  public static Supplier create(GroupId group, BlindingParameters params) {
    return new Supplier(
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(params, "params"),
        null,
        0,
        Set.of());
  }

  /**
   * Restores a supplier from its durable state (spec/runtime.md §6.2); the caller has checked the
   * state's invariants.
   *
   * @param group the group
   * @param params the group's parameters
   * @param key the delivered key and group size, empty before the delivery
   * @param floor the first round not yet closed by a deadline
   * @param decided the decided rounds at or above the floor
   * @return the supplier
   */
  static Supplier restore(
      GroupId group,
      BlindingParameters params,
      Optional<Map.Entry<PaillierPrivateKey, Integer>> key,
      long floor,
      Set<Long> decided) {
    Keyed k =
        key.map(e -> new Keyed(e.getKey(), e.getValue(), params.aggregation(e.getKey().n())))
            .orElse(null);
    return new Supplier(group, params, k, floor, Set.copyOf(decided));
  }

  Optional<PaillierPrivateKey> key() {
    Keyed k = keyed;
    return k == null ? Optional.empty() : Optional.of(k.key());
  }

  int groupSize() {
    Keyed k = keyed;
    return k == null ? 0 : k.groupSize();
  }

  long floor() {
    return floor;
  }

  Set<Long> decided() {
    return decided;
  }

  BlindingParameters params() {
    return params;
  }

  /**
   * Tells whether the supplier holds its key.
   *
   * @return true after the key delivery
   */
  public boolean isKeyed() {
    return keyed != null;
  }

  @Override
  public Step<Supplier> step(BlindingInput input, RandomSource random)
      throws BlindingViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof BlindingInput.Inbound in) {
      Envelope<BlindingMessage> env = in.envelope();
      Address principal = in.verified().principal();
      if (!env.group().equals(group)) {
        throw new BlindingViolationException(BlindingChecks.BLND_V_02, "message for another group");
      }
      // §5.3: the sender check rests on the role key that signed the frame.
      if (env.body() instanceof BlindingMessage.KeyDelivery k
          && principal instanceof Address.TrustedThirdParty) {
        return keyDelivery(k);
      } else if (env.body() instanceof BlindingMessage.Aggregate a
          && principal instanceof Address.Aggregator) {
        return aggregate(env.round(), a);
      }
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_03, "unexpected message or sender for the supplier");
    } else if (input instanceof BlindingInput.Deadline d) {
      return deadline(d.round());
    }
    throw new IllegalArgumentException("a supplier takes no setup or reading input");
  }

  private Step<Supplier> keyDelivery(BlindingMessage.KeyDelivery k)
      throws BlindingViolationException {
    if (keyed != null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_05, "key already delivered");
    }
    if (k.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    if (k.groupSize() < 2 || k.groupSize() > params.nMax()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_09, "group size out of range");
    }
    PaillierPrivateKey key = PaillierPrivateKey.received(integer(k.p()), integer(k.q()));
    Keyed next = new Keyed(key, k.groupSize(), params.aggregation(key.n()));
    return Step.of(new Supplier(group, params, next, floor, decided));
  }

  private static BigInteger integer(SecretBytes secret) {
    byte[] raw = secret.toByteArray(SecretAccess.grant());
    try {
      return new BigInteger(1, raw);
    } finally {
      Wipe.bytes(raw);
    }
  }

  private Step<Supplier> aggregate(Round round, BlindingMessage.Aggregate a)
      throws BlindingViolationException {
    Keyed k = keyed;
    // §4.4 step 1.
    if (k == null) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_04, "no key yet");
    }
    if (a.keySize() != params.keySize()) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_04, "key size differs");
    }
    long j = round.index();
    if (j < floor || decided.contains(j)) {
      throw new BlindingViolationException(BlindingChecks.BLND_S_07, "round already decided");
    }
    if (a.contributors() < 1
        || a.recovered() < 0
        || (long) a.contributors() + a.recovered() != k.groupSize()) {
      throw new BlindingViolationException(
          BlindingChecks.BLND_V_05, "counts inconsistent with the group size");
    }
    BigInteger n = k.key().n();
    BigInteger c = a.c();
    if (c.signum() <= 0 || c.compareTo(n.multiply(n)) >= 0 || !c.mod(n).gcd(n).equals(BigInteger.ONE)) {
      throw new BlindingViolationException(BlindingChecks.BLND_V_01, "aggregate not in Z*_{N^2}");
    }
    // §4.4 steps 2 to 4.
    BigInteger s = k.key().decryptBounded(new PaillierCiphertext(c), params.signed());
    OptionalLong sum = k.aggregation().decodeSum(s.mod(n), a.contributors());
    RoundOutcome outcome =
        sum.isPresent()
            ? new RoundOutcome.Exact(group, round, sum.getAsLong(), a.contributors(), a.recovered())
            : new RoundOutcome.Voided(group, round, VoidReason.INADMISSIBLE_SUM);
    Set<Long> nextDecided = new HashSet<>(decided);
    nextDecided.add(j);
    // spec/runtime.md §4.5 (as built for the blinding supplier): the aggregate is the first and
    // only input of round j here; ROUND_DEADLINE(j) armed with it closes round j (the floor).
    return new Step<Supplier>(
            new Supplier(group, params, k, floor, Set.copyOf(nextDecided)),
            List.of(),
            List.of(outcome))
        .withTimers(List.of(new TimerRequest.Arm(TimerId.roundDeadline(round))));
  }

  private Step<Supplier> deadline(Round round) {
    long j = round.index();
    if (keyed == null || j < floor) {
      return Step.of(this);
    }
    List<RoundOutcome> events =
        decided.contains(j)
            ? List.of()
            : List.of(new RoundOutcome.Voided(group, round, VoidReason.MISSING_CONTRIBUTION));
    long nextFloor = j + 1;
    Set<Long> nextDecided = new HashSet<>(decided);
    nextDecided.removeIf(r -> r < nextFloor);
    return new Step<>(
        new Supplier(group, params, keyed, nextFloor, Set.copyOf(nextDecided)),
        List.of(),
        List.copyOf(events));
  }

  /** The supplier receives frames addressed to the supplier only (AUTH-V-13 otherwise). */
  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.SUPPLIER);
  }

  @Override
  public String toString() {
    return "Supplier[" + group.value() + ", " + (keyed == null ? "waiting" : "keyed") + "]";
  }
}
