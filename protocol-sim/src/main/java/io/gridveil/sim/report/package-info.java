// SPDX-License-Identifier: Apache-2.0
/**
 * The report (spec/sim.md §5): the terminal summary and comparison table, report.json (written
 * with jackson-jr), the SVG plots written by hand, report.html (§5.6), and the progress display.
 */
package io.gridveil.sim.report;
