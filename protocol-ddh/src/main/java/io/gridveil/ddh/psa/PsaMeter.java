// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import io.gridveil.core.InvalidReadingException;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.ec.P256;
import io.gridveil.core.ec.P256Point;
import io.gridveil.core.ec.P256Scalar;
import java.util.List;
import java.util.Objects;

/**
 * A PSA meter (spec/ddh.md §7.3): c_ij = g^e_ij * H(j)^sk_i, once per round.
 *
 * <p>Security: under DDH in the random-oracle model with static corruption, the aggregator learns
 * only the sum of all n readings; a meter that encrypts twice in one round leaks
 * g^(e - e') (encrypt-once, PSA-S-03).
 *
 * <p>Authentication (spec/ddh.md §10.6): its contributions carry its licence (kind 3); it
 * accepts no message.
 *
 * <p>Persistence (spec/ddh.md §7.3, §3.6): {@link #lastEncrypted()} is persistent state. The
 * embedding writes the next state's mark durably before it sends the step's Contribution, and
 * rebuilds a restarted meter with {@link #restore}, so a re-fed round is never encrypted twice.
 */
public final class PsaMeter implements AuthenticatedParty<PsaMeter, PsaInput> {
  private final PsaParameters params;
  private final GroupId group;
  private final MeterId self;
  private final PsaSecretKey key;
  private final long lastEncrypted;

  private PsaMeter(PsaParameters params, GroupId group, MeterId self, PsaSecretKey key, long lastEncrypted) {
    this.params = params;
    this.group = group;
    this.self = self;
    this.key = key;
    this.lastEncrypted = lastEncrypted;
  }

  /**
   * Creates a meter with its dealt key.
   *
   * @param params the group's parameters
   * @param group the group
   * @param self the meter's identity
   * @param key sk_i
   * @return the meter
   */
  public static PsaMeter create(PsaParameters params, GroupId group, MeterId self, PsaSecretKey key) {
    return restore(params, group, self, key, -1);
  }

  /**
   * Restores a meter after a restart with its dealt key and its persisted encrypt-once mark
   * (spec/ddh.md §7.3, §3.6): it refuses every round at or below the mark.
   *
   * @param params the group's parameters
   * @param group the group
   * @param self the meter's identity
   * @param key sk_i
   * @param lastEncrypted the last round it encrypted, as persisted before that contribution was
   *     sent; -1 if none
   * @return the meter
   * @throws IllegalArgumentException if the mark is below -1
   */
  public static PsaMeter restore(
      PsaParameters params, GroupId group, MeterId self, PsaSecretKey key, long lastEncrypted) {
    if (lastEncrypted < -1) {
      throw new IllegalArgumentException("lastEncrypted must be at least -1");
    }
    return new PsaMeter(
        Objects.requireNonNull(params, "params"), Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(self, "self"), Objects.requireNonNull(key, "key"), lastEncrypted);
  }

  /**
   * Returns the last round this meter encrypted: the mark to store durably before the step's
   * Contribution is sent (spec/ddh.md §3.6).
   *
   * @return the round index, or -1 if none
   */
  public long lastEncrypted() {
    return lastEncrypted;
  }

  /**
   * Computes c_ij = e_ij * g + sk_i * H(j) (spec/ddh.md §7.3); pure, for benchmarks and tests.
   *
   * @param round j
   * @param reading e_ij
   * @return c_ij
   * @throws InvalidReadingException CORE-R-01 to CORE-R-03 for an inadmissible reading
   */
  public PsaCiphertext encrypt(Round round, Reading reading) throws InvalidReadingException {
    params.aggregation().check(reading);
    P256Point h = PsaHash.h(group, round);
    P256Point c = P256.fixedBase(P256Scalar.of(reading.value())).add(P256.multiply(h, key.value()));
    return PsaCiphertext.of(c);
  }

  @Override
  public Step<PsaMeter> step(PsaInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof PsaInput.LocalReading in) {
      if (in.round().index() <= lastEncrypted) {
        throw new PsaViolationException(PsaChecks.PSA_S_03, "round already encrypted or passed");
      }
      PsaCiphertext c = encrypt(in.round(), in.reading());
      Envelope<PsaMessage> out = new Envelope<>(
          Address.identified(self), Address.AGGREGATOR, group, in.round(), new PsaMessage.Contribution(c));
      return new Step<>(new PsaMeter(params, group, self, key, in.round().index()), List.of(out), List.of());
    } else if (input instanceof PsaInput.Inbound) {
      throw new PsaViolationException(PsaChecks.PSA_V_03, "PSA meters accept no messages");
    }
    return Step.of(this);
  }

  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.identified(self)) || recipient.equals(Address.GROUP_BROADCAST);
  }

  @Override
  public String toString() {
    return "PsaMeter[" + self.value() + " in " + group.value() + "]";
  }
}
