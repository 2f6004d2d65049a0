// SPDX-License-Identifier: Apache-2.0
/**
 * Numerical building blocks of protocol-distortion that are not API: the complementary error
 * function after W. J. Cody, the normal distribution built on it, and the chi-square quantile used
 * by the reconstruction's stopping rule (spec/distortion.md §5.1 and §5.5).
 *
 * <p>Not exported; the public reconstruction API in {@code io.gridveil.distortion.reconstruction}
 * is the way to reach these.
 */
package io.gridveil.distortion.internal;
