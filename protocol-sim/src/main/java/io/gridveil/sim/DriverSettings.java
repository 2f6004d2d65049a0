// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

/**
 * Scheme-specific settings from the command line (spec/sim.md §2.1).
 *
 * @param paillierBits |N| of the blinding scheme's Paillier key
 * @param sigmaRatio the distortion noise sigma as a multiple of the standard deviation of the
 *     true readings
 */
record DriverSettings(int paillierBits, double sigmaRatio) {}
