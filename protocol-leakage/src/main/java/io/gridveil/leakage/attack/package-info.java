// SPDX-License-Identifier: Apache-2.0
/**
 * The attacks of the seed papers (spec/leakage.md §4 and §6): de-noising filters an
 * honest-but-curious utility runs on a distorted trace (linear mean filter, 1-D non-local means,
 * long-term averaging), the membership-differencing attack on group sums and the price-vector
 * attack on an aggregated bill.
 *
 * <p>Traces are {@code double[]} of average power in watts per interval, index j = 0, 1, ... in
 * time order; the interval length does not enter the filters.
 */
package io.gridveil.leakage.attack;
