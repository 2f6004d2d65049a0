// SPDX-License-Identifier: Apache-2.0
/**
 * Shi et al.'s PSA on P-256 for comparison with EDAT (spec/ddh.md §7), with the same party shape:
 * {@link io.gridveil.ddh.psa.PsaMeter} and {@link io.gridveil.ddh.psa.PsaAggregator} step on
 * {@link io.gridveil.ddh.psa.PsaInput} and the aggregator emits
 * {@link io.gridveil.core.party.RoundOutcome}.
 *
 * <p>A product embeds PSA through {@link io.gridveil.ddh.psa.PsaDealer} and the role handles
 * {@link io.gridveil.ddh.psa.PsaMeterHandle} and {@link io.gridveil.ddh.psa.PsaAggregatorHandle}
 * (spec/runtime.md §3.2, spec/ddh.md §11).
 *
 * <p>Driving R rounds: deal keys with {@link io.gridveil.ddh.psa.PsaKeys#deal}, build the solver once
 * with {@link io.gridveil.ddh.psa.PsaDiscreteLog#forParameters}, create the meters and the
 * aggregator; per round feed each meter a LocalReading and deliver its Contribution to the
 * aggregator, which decides the round when all n arrived; feed the aggregator a Deadline to void an
 * incomplete round. Create the aggregator from the meters' licences with an
 * {@link io.gridveil.ddh.Admission}; wrap the meters in licensed core {@code Endpoint}s and the
 * aggregator in a signing one (spec/ddh.md §10.6), with the inbound wrapper
 * {@code PsaInput.Inbound::new}. Encode with {@code EnvelopeCodec.of(PsaCodec.INSTANCE)}.
 */
package io.gridveil.ddh.psa;
