// SPDX-License-Identifier: Apache-2.0
/**
 * Distortion-based privacy-preserving metering (spec/distortion.md; seed 002, He, Zhang and Kuo).
 *
 * <p>Parties, as sans-I/O immutable states implementing
 * {@link io.gridveil.core.auth.AuthenticatedParty}, each run behind a core
 * {@link io.gridveil.core.auth.Endpoint} and fed only verified envelopes (§13):
 * {@link io.gridveil.distortion.DistortingMeter} (§6.1: distorts each reading, accumulates the
 * exact bill, answers billing queries; licensed frames), {@link io.gridveil.distortion.Collector}
 * (§6.2: local reconstruction per slot; its own role key) and
 * {@link io.gridveil.distortion.Utility} (§6.3: hierarchical merge, billing queries; the
 * supplier's role key). Messages: {@link io.gridveil.distortion.DistortionMessage} with
 * {@link io.gridveil.distortion.DistortionCodec} (§4). Check IDs:
 * {@link io.gridveil.distortion.DistortionChecks} (§8).
 *
 * <p>Endpoints (spec/distortion.md §13.2): a meter {@code Endpoint.licensed(meter, codec,
 * DistortingMeter.Input.Inbound::new, EnvelopeVerifier.of(codec, meter, group, supplierAnchor),
 * licence, licenceKey, base)}; a collector {@code Endpoint.signing(collector, codec,
 * Collector.Input.Inbound::new, EnvelopeVerifier.of(codec, collector, group, supplierAnchor),
 * collectorKey, base)}; the utility {@code Endpoint.signing(utility, codec,
 * Utility.Input.Inbound::new, EnvelopeVerifier.of(codec, utility, utility.groups(), supplierAnchor
 * plus one Anchor(Identified(c_g), collector key) per group), supplierKey, base)}; each verifier
 * with the supplier's revocation list.
 *
 * <p>Entry points for the simulator and the benchmarks:
 * <ul>
 *   <li>load generation: {@link io.gridveil.distortion.household.HouseholdGenerator}
 *       ({@code drawProfile}, {@code day}, {@code days}, {@code crossSection},
 *       {@code toWattHours});
 *   <li>distortion: {@link io.gridveil.distortion.NoiseParameters} ({@code relativeTo},
 *       {@code distort}, {@code distortTrace}) and the {@link io.gridveil.distortion.DistortingMeter}
 *       party;
 *   <li>reconstruction: {@link io.gridveil.distortion.reconstruction.Reconstructor} (binned, on an
 *       {@link io.gridveil.distortion.reconstruction.ObservationHistogram}),
 *       {@link io.gridveil.distortion.reconstruction.PerSampleReconstructor} (the baseline),
 *       {@link io.gridveil.distortion.reconstruction.HierarchicalMerge} and
 *       {@link io.gridveil.distortion.reconstruction.DistributionMetrics};
 *   <li>billing: {@link io.gridveil.distortion.billing.Tariff},
 *       {@link io.gridveil.distortion.billing.BillingPlan},
 *       {@link io.gridveil.distortion.billing.FileBillingStore}.
 * </ul>
 */
package io.gridveil.distortion;
