// SPDX-License-Identifier: Apache-2.0
/**
 * The simulation loop (spec/sim.md §4): groups and rounds, faults, the aggregate checker that
 * fails a run on any wrong aggregate, and the measured results.
 */
package io.gridveil.sim.run;
