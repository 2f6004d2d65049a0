// SPDX-License-Identifier: Apache-2.0
/**
 * The report (spec/sim.md §5): the terminal summary and comparison table, report.json, the SVG
 * plots written by hand, and the progress display.
 */
package io.gridveil.sim.report;
