// SPDX-License-Identifier: Apache-2.0
/**
 * Blinding factors dealt by a trusted third party, over Paillier (spec/blinding.md).
 *
 * <p>Paillier with g = N + 1 ({@link io.gridveil.blinding.PaillierKeyPair},
 * {@link io.gridveil.blinding.PaillierPublicKey}, {@link io.gridveil.blinding.PaillierPrivateKey},
 * §2): key generation at 2048 or 3072 bits, fixed-base short-exponent encryption (§2.4, §2.8),
 * CRT and bounded decryption (§2.5), homomorphic aggregation (§2.6). The blinding terms
 * b_ij = F(s_i, j) - F(s_(i-1), j) mod N sum to 0 around the ring (§3).
 *
 * <p>Driving a group for R rounds (all parties are immutable; feed each one its inputs and route
 * the returned envelopes, encoded with {@code EnvelopeCodec.of(new BlindingCodec())}):
 *
 * <ol>
 *   <li>Create {@code TrustedThirdParty.create(group, params)}, {@code Aggregator.create(group,
 *       params)}, {@code Supplier.create(group, params)} and one {@code Meter.create(group, id_i,
 *       params)} per roster entry.
 *   <li>Step the TTP with {@code new BlindingInput.Setup(roster)}; deliver its SeedDeal envelopes
 *       (addressed {@code Address.identified(id_i)}) to the meters, GroupSetup to the aggregator
 *       and KeyDelivery to the supplier, each as {@code new BlindingInput.Inbound(envelope)}.
 *   <li>For each round j = 0 .. R-1: step every meter with {@code new BlindingInput.LocalReading(
 *       new Round(j), reading)} and deliver the Contribution envelopes to the aggregator; when all
 *       n arrive it emits an Aggregate for the supplier, whose step emits
 *       {@code RoundOutcome.Exact}. Then give the aggregator {@code new BlindingInput.Deadline(
 *       round)}: it voids an incomplete round or, with recovery on, sends a RecoveryRequest to the
 *       TTP, whose RecoveryRelease the aggregator turns into an Aggregate. Finally give the
 *       supplier its Deadline for the round, which voids it if no aggregate arrived.
 * </ol>
 *
 * <p>Refused inputs throw {@link io.gridveil.blinding.BlindingViolationException} (or core's
 * {@code MalformedMessageException} / {@code InvalidReadingException}) with a BLND or CORE check
 * ID and leave the party unchanged; keep the previous state and carry on.
 */
package io.gridveil.blinding;
