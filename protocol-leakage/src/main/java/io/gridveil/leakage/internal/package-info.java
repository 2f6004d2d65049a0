// SPDX-License-Identifier: Apache-2.0
/**
 * Numerical routines of protocol-leakage, not API: the regularized incomplete gamma function and
 * the Kolmogorov distribution (spec/leakage.md §3.1), argument checks.
 */
package io.gridveil.leakage.internal;
