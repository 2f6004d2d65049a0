// SPDX-License-Identifier: Apache-2.0
/**
 * Privacy metrics (spec/leakage.md §5): mean squared error between traces, NILM ON/OFF edge
 * features with the EF/TF feature-recovery ratio, and the bias-corrected binned mutual-information
 * estimate.
 *
 * <p>Traces are {@code double[]} of average power in watts per interval.
 */
package io.gridveil.leakage.metric;
