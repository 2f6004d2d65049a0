// SPDX-License-Identifier: Apache-2.0
/**
 * EDAT: DDH-based noise aggregation without a trusted party, with dropout recovery (spec/ddh.md §1
 * to §6).
 *
 * <p>Driving a group for R rounds (the simulator's loop; every step is sans-I/O):
 * <ol>
 *   <li>Set-up: each meter draws {@link io.gridveil.ddh.X25519PrivateKey#generate}; the supplier
 *       collects the public keys as {@link io.gridveil.ddh.RosterEntry} values in ring order,
 *       calls {@link io.gridveil.ddh.DdhSupplier#create} and distributes
 *       {@link io.gridveil.ddh.DdhSupplier#signedRoster()} (or broadcasts
 *       {@link io.gridveil.ddh.DdhSupplier#announcement()}); each meter calls
 *       {@link io.gridveil.ddh.DdhMeter#create} and the aggregator
 *       {@link io.gridveil.ddh.DdhAggregator#create} with the supplier's
 *       {@link io.gridveil.ddh.RosterVerificationKey}.</li>
 *   <li>For each round j = 0 .. R-1: feed each meter
 *       {@link io.gridveil.ddh.DdhInput.LocalReading}; deliver the Contribution envelopes to the
 *       aggregator as {@link io.gridveil.ddh.DdhInput.Inbound}; at the deadline feed the aggregator
 *       {@link io.gridveil.ddh.DdhInput.Deadline}; deliver its AggregateSum to the supplier. If
 *       meters were missing, the supplier emits RevealRequest envelopes: deliver them to the named
 *       meters and their PadReveal answers back to the supplier. The supplier emits a
 *       {@link io.gridveil.core.party.RoundOutcome} (Exact or Voided); feed it
 *       {@link io.gridveil.ddh.DdhInput.Deadline} for round j after the reveal deadline so that an
 *       incomplete recovery is reported void.</li>
 *   <li>Every input that breaks a rule throws a {@link io.gridveil.ddh.DdhViolationException}
 *       with its check ID; keep using the previous state.</li>
 * </ol>
 * Encode envelopes with {@code EnvelopeCodec.of(DdhCodec.INSTANCE)}.
 */
package io.gridveil.ddh;
