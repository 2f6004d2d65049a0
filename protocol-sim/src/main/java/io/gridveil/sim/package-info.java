// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code gridveil} command-line program (spec/sim.md §2, §6): {@code simulate},
 * {@code compare} and {@code attack}, their options, exit codes and error messages.
 */
package io.gridveil.sim;
