// SPDX-License-Identifier: Apache-2.0
/** The simulator's driver of the CMT ring (spec/cmt.md, spec/sim.md §4.1). */
package io.gridveil.sim.cmt;
