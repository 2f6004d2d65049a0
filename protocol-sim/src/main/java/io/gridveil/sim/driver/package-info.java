// SPDX-License-Identifier: Apache-2.0
/**
 * The scheme-driver abstraction (spec/sim.md §4): one interface for every scheme, the frame
 * network that carries and counts each group's messages, and the per-role cost ledger.
 */
package io.gridveil.sim.driver;
