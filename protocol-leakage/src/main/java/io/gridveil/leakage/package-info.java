// SPDX-License-Identifier: Apache-2.0
/**
 * The check IDs of protocol-leakage (spec/leakage.md §8, spec/checks.md).
 *
 * <p>The subpackages hold the exact view checker ({@code exact}, spec/leakage.md §2), the
 * statistical tests ({@code stat}, spec/leakage.md §3), the attacks ({@code attack},
 * spec/leakage.md §4 and §6) and the metrics ({@code metric}, spec/leakage.md §5).
 */
package io.gridveil.leakage;
