// SPDX-License-Identifier: Apache-2.0
/** The simulator's driver of the blinding scheme (spec/blinding.md, spec/sim.md §4.1). */
package io.gridveil.sim.blinding;
