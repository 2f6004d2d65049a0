// SPDX-License-Identifier: Apache-2.0
/** The simulator's driver of distortion metering (spec/distortion.md, spec/sim.md §4.1). */
package io.gridveil.sim.distortion;
