// SPDX-License-Identifier: Apache-2.0
/**
 * On-meter aggregated billing (spec/distortion.md §2.2, §2.3, §3.2 to §3.4): the public bounded
 * {@link io.gridveil.distortion.billing.Tariff}, the {@link io.gridveil.distortion.billing.BillingPlan}
 * that makes overflow impossible by construction, the exact accumulator
 * {@link io.gridveil.distortion.billing.BillingState} (AB[j] = AB[j-1] + r_j P[j]), and its
 * crash-safe persistence ({@link io.gridveil.distortion.billing.BillingStore},
 * {@link io.gridveil.distortion.billing.FileBillingStore}).
 */
package io.gridveil.distortion.billing;
