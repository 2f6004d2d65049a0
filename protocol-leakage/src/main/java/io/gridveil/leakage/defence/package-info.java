// SPDX-License-Identifier: Apache-2.0
/**
 * Load-hiding defences to compare with distortion on the same metrics (spec/leakage.md §7): the
 * battery between household and meter (seed 000 §IV-D) with a best-effort flattening policy.
 */
package io.gridveil.leakage.defence;
