// SPDX-License-Identifier: Apache-2.0
/**
 * Blinding factors dealt by a trusted third party, over Paillier (spec/blinding.md).
 *
 * <p>A product embeds the four roles through their handles (spec/runtime.md §3.2, spec/blinding.md
 * §4.7): {@link io.gridveil.blinding.BlindingTtpHandle}, {@link
 * io.gridveil.blinding.BlindingMeterHandle}, {@link io.gridveil.blinding.BlindingAggregatorHandle}
 * and {@link io.gridveil.blinding.BlindingSupplierHandle}, each opened from a {@link
 * io.gridveil.blinding.BlindingDeployment}, its key and a {@code RoleStore}: bytes and logical time
 * in, one {@code Outbox} out (frames with their routes, armed timers, outcomes, refusals), state
 * committed before the outbox is released. The parties below are what the handles drive.
 *
 * <p>Paillier with g = N + 1 ({@link io.gridveil.blinding.PaillierKeyPair},
 * {@link io.gridveil.blinding.PaillierPublicKey}, {@link io.gridveil.blinding.PaillierPrivateKey},
 * §2): key generation at 2048 or 3072 bits, fixed-base short-exponent encryption (§2.4, §2.8),
 * CRT and bounded decryption (§2.5), homomorphic aggregation (§2.6). The blinding terms
 * b_ij = F(s_i, j) - F(s_(i-1), j) mod N sum to 0 around the ring (§3).
 *
 * <p>Driving a group for R rounds (spec/blinding.md §4, §5.3). All parties are immutable and
 * implement {@code AuthenticatedParty}; each runs inside a core {@code Endpoint} that verifies its
 * inbound frames and seals its outbound ones. Let {@code codec = EnvelopeCodec.of(new
 * BlindingCodec())} and {@code inbound = BlindingInput.Inbound::new}:
 *
 * <ol>
 *   <li>Create the endpoints: {@code Endpoint.signing(TrustedThirdParty.create(group, params),
 *       codec, inbound, verifier, ttpKey, 0)}, likewise {@code Aggregator.create} with the
 *       aggregator's role key and {@code Supplier.create} with the supplier's, and for each
 *       meter {@code Endpoint.licensed(Meter.create(group, id_i, params), codec, inbound,
 *       verifier, licence_i, licenceKey_i, 0)}. Each verifier is {@code EnvelopeVerifier.of(codec,
 *       ownAddress, group, anchors)} with the anchors of §5.3 (and, for the aggregator and the
 *       TTP, {@code withRevocations}).
 *   <li>Give the TTP's endpoint {@code new BlindingInput.SetupWithKeys(licences, keys, anchors,
 *       revocations, round)} (or {@code Setup} to generate the key pair): it verifies each licence,
 *       reports a refused one as {@link io.gridveil.blinding.MeterExcluded}, and emits the
 *       SeedDeal frames (to {@code Address.identified(id_i)}), the GroupSetup (to the aggregator)
 *       and the KeyDelivery (to the supplier). Deliver each frame to the endpoint of its recipient
 *       with {@code receive(bytes, now, random)}.
 *   <li>For each round j: give every meter's endpoint {@code new BlindingInput.LocalReading(new
 *       Round(j), reading)} and deliver the Contribution frames to the aggregator; when all n
 *       arrive it emits an Aggregate for the supplier, whose step emits {@code
 *       RoundOutcome.Exact}. Then give the aggregator {@code new BlindingInput.Deadline(round)}: it
 *       voids an incomplete round or, with recovery on, sends a RecoveryRequest to the TTP, whose
 *       RecoveryRelease the aggregator turns into an Aggregate. Finally give the supplier its
 *       Deadline for the round, which voids it if no aggregate arrived.
 * </ol>
 *
 * <p>Refused inputs throw {@link io.gridveil.blinding.BlindingViolationException} (or core's
 * {@code AuthenticationException}, {@code MalformedMessageException} or {@code
 * InvalidReadingException}) with a BLND, AUTH or CORE check ID and leave the endpoint unchanged;
 * carry on with the next frame.
 */
package io.gridveil.blinding;
