// SPDX-License-Identifier: Apache-2.0
/**
 * The property-testing seam: every GridVeil property runs through {@link
 * io.gridveil.testkit.pbt.Pbt}, draws its values from {@link io.gridveil.testkit.pbt.Gens} and
 * counts what it saw with {@link io.gridveil.testkit.pbt.Stats}.
 *
 * <p>The engine behind it is QuickTheories 0.26, unmaintained since 2019; no test names it, so
 * it can be swapped by changing this package only (README, "Dependencies and why"). Two rules
 * keep its shrinking good: every generator here draws the same number of values whatever it
 * produces (a variable-length value draws its maximum and is cut to a separately drawn length),
 * and an action sequence's steps each shrink to "skipped".
 */
package io.gridveil.testkit.pbt;
