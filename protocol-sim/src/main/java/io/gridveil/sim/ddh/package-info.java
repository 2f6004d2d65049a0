// SPDX-License-Identifier: Apache-2.0
/** The simulator's drivers of EDAT and of Shi et al.'s PSA (spec/ddh.md, spec/sim.md §4.1). */
package io.gridveil.sim.ddh;
