// SPDX-License-Identifier: Apache-2.0
/**
 * EDAT: DDH-based noise aggregation without a trusted party, with dropout recovery and
 * authenticated envelopes (spec/ddh.md §1 to §6, §10).
 *
 * <p>A product embeds EDAT through the role handles (spec/runtime.md §3.2, spec/ddh.md §11):
 * {@link io.gridveil.ddh.DdhSupplierHandle}, {@link io.gridveil.ddh.DdhAggregatorHandle} and
 * {@link io.gridveil.ddh.DdhMeterHandle}, which own the parties below, their timers and their
 * stores. The parties remain for tests, the simulator and benchmarks.
 *
 * <p>Driving a group for R rounds (the simulator's loop; every step is sans-I/O):
 * <ol>
 *   <li>Keys: the supplier's and the aggregator's role keys (core {@code Ed25519SigningKey}) are
 *       trust anchors with principals {@code Address.SUPPLIER} and {@code Address.AGGREGATOR};
 *       each meter holds a supplier-signed core {@code SignedLicence} for the group and its
 *       licence key, and draws {@link io.gridveil.core.ec.X25519PrivateKey#generate}.</li>
 *   <li>Set-up: the supplier collects {@link io.gridveil.ddh.DdhEnrolment} values (licence and
 *       X_i) in ring order and calls {@link io.gridveil.ddh.DdhSupplier#create} with an
 *       {@link io.gridveil.ddh.Admission} (anchors, revocation list, current round): every
 *       licence is checked, a refused one fails the set-up with its AUTH check. Each meter calls
 *       {@link io.gridveil.ddh.DdhMeter#create} and the aggregator
 *       {@link io.gridveil.ddh.DdhAggregator#create} with the supplier's
 *       roster key ({@code Ed25519PublicKey}, the public half of the
 *       supplier's role key or of a separate roster-signing key) and
 *       {@link io.gridveil.ddh.DdhSupplier#signedRoster()} (or the supplier broadcasts it with
 *       {@link io.gridveil.ddh.DdhInput.Announce} to parties already created).</li>
 *   <li>Endpoints: wrap each party in a core {@code Endpoint} with the inbound wrapper
 *       {@code DdhInput.Inbound::new}, a verifier {@code EnvelopeVerifier.of(codec, party, group,
 *       anchors)} (with the revocation list), and {@code Endpoint.signing(.., roleKey, ..)} for the
 *       supplier and the aggregator, {@code Endpoint.licensed(.., licence, licenceKey, ..)} for a
 *       meter. Route {@code SUPPLIER}, {@code AGGREGATOR} and {@code Identified(id)} to those
 *       parties, and the group broadcast to every meter and the aggregator.</li>
 *   <li>For each round j: feed each meter {@link io.gridveil.ddh.DdhInput.LocalReading} through its
 *       endpoint's {@code input}; deliver the frames; at the deadline feed the aggregator
 *       {@link io.gridveil.ddh.DdhInput.Deadline}; deliver its AggregateSum, the supplier's
 *       RevealRequests and the meters' PadReveals. The supplier emits a
 *       {@link io.gridveil.core.party.RoundOutcome} (Exact or Voided); feed it
 *       {@link io.gridveil.ddh.DdhInput.Deadline} for round j after the reveal deadline so that an
 *       incomplete recovery is reported void.</li>
 *   <li>Re-key: feed the supplier {@link io.gridveil.ddh.DdhInput.Rekey} with the new enrolments;
 *       every licence is checked again (spec/ddh.md §10.3).</li>
 *   <li>Every input that breaks a rule throws a {@code ProtocolViolationException} with its check
 *       ID (a {@link io.gridveil.ddh.DdhViolationException}, or an AUTH check at the endpoint);
 *       the party and the endpoint keep their previous state.</li>
 * </ol>
 * Encode envelopes with {@code EnvelopeCodec.of(DdhCodec.INSTANCE)}.
 */
package io.gridveil.ddh;
