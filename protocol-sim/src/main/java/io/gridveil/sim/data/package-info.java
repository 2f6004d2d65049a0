// SPDX-License-Identifier: Apache-2.0
/**
 * The households' true consumption: CSV readers for the UCI household power layout and the plain
 * {@code timestamp,meter,watts} layout, and the synthetic appliance-level loads (spec/sim.md §3).
 */
package io.gridveil.sim.data;
